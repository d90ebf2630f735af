/// <reference types="vitest/config" />
import { build, defineConfig, type Plugin } from 'vite';

// The C++ server serves dist/ at / (history fallback to index.html for non-/api paths).
// In development, `npm run dev` proxies the API to a server on 127.0.0.1:8080.
declare const process: { env: Record<string, string | undefined> };
const backend = process.env.ORIGINE_API ?? 'http://127.0.0.1:8080';

/** FNV-1a, 32 bits: a build fingerprint for the service worker (no Node types here). */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * Builds src/sw/sw.ts to dist/sw.js (one classic script: every browser runs it,
 * module service workers are not universal) after the app, with the list of
 * built files to precache and a version that changes with them.
 */
function serviceWorker(): Plugin {
  let root = '.';
  let outDir = 'dist';
  let files: string[] = [];
  return {
    name: 'origine-service-worker',
    apply: 'build',
    configResolved(c) {
      root = c.root;
      outDir = c.build.outDir;
    },
    generateBundle(_options, bundle) {
      files = Object.keys(bundle)
        // The staff money pages (src/staff/) are not served under /verify: not precached.
        .filter((f) => f !== 'index.html' && !f.endsWith('.map') && !/^assets\/staff-/.test(f))
        .map((f) => '/' + f);
    },
    async closeBundle() {
      const precache = [...files, '/favicon.svg'].sort();
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        define: {
          __PRECACHE__: JSON.stringify(precache),
          __SW_VERSION__: JSON.stringify(fingerprint(precache.join('\n'))),
        },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          target: 'es2020',
          lib: { entry: `${root}/src/sw/sw.ts`, formats: ['iife'], name: 'origineServiceWorker', fileName: () => 'sw.js' },
        },
      });
    },
  };
}

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [serviceWorker()],
  build: {
    outDir: 'dist',
    target: 'es2020',
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
    },
  },
  preview: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['./vitest.setup.mjs'],
  },
});
