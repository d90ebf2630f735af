/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The C++ server serves dist/ at / (history fallback to index.html for non-/api paths).
// In development, `npm run dev` proxies the API to a server on 127.0.0.1:8080.
declare const process: { env: Record<string, string | undefined> };
const backend = process.env.ORIGINE_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
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
