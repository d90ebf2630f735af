// Shared browser-test harness: the real server binary (demo data) serving the built web app on a
// free loopback port, Debian's Chromium driven by playwright-core, bounded waits, screenshots
// and the server log on failure.
//
// Environment: ORIGINE_BIN (default build-test/src/app/origine, relative to the repo root),
// CHROMIUM (default /usr/bin/chromium), E2E_SLOWMO (ms, for watching).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startPaysim } from '../integration/server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = resolve(ROOT, process.env.ORIGINE_BIN || 'build-test/src/app/origine');
const WEB_ROOT = join(ROOT, 'web/dist');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const PASSWORD = 'origine-demo';
export const STEP_TIMEOUT = 15_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * Starts the server and the browser; returns {base, paysim, withContext, stop}. With
 * `{paysim: true}` the payment simulator (docs/formats/paysim.md) runs beside the server and is
 * its providers' API (`paysim.control(method, path, body)` calls its control API).
 */
export async function startHarness({ paysim: withPaysim = false } = {}) {
  assert.ok(existsSync(BIN), `server binary not found: ${BIN} (build it, or set ORIGINE_BIN)`);
  assert.ok(existsSync(join(WEB_ROOT, 'index.html')), 'web app not built: run "npm --prefix web ci && npm --prefix web run build"');
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'origine-e2e-'));
  const base = `http://127.0.0.1:${port}`;
  let log = '';
  const paysim = withPaysim ? await startPaysim({ waveWebhookUrl: `${base}/api/v1/payments/callbacks/wave` }) : null;
  const args = ['serve', '--listen', `127.0.0.1:${port}`, '--data', dataDir, '--demo', '--web-root', WEB_ROOT];
  if (paysim) args.push('--paysim', paysim.base, '--public-url', base);
  const server = spawn(BIN, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d) => {
    log = (log + d.toString()).slice(-20000);
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  server.on('error', (e) => keep(`spawn error: ${e.message}\n`));

  const stopServer = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    if (!(await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]))) {
      server.kill('SIGKILL');
      await Promise.race([exited, sleep(2000)]);
    }
  };

  let browser = null;
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited early (${server.exitCode}):\n${log.slice(-4000)}`);
      const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status === 200, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`server not healthy after 30 s:\n${log.slice(-4000)}`);
      await sleep(200);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: 30_000,
      slowMo: Number(process.env.E2E_SLOWMO || 0),
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (err) {
    await stopServer();
    if (paysim) await paysim.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }

  return {
    base,
    paysim,
    /** Runs `fn(page)` in a fresh French browser context; on failure saves screenshots and prints the server log. */
    async withContext(name, fn) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
      context.setDefaultTimeout(STEP_TIMEOUT);
      const page = await context.newPage();
      try {
        await fn(page);
      } catch (err) {
        let i = 0;
        for (const p of context.pages()) {
          const file = `/tmp/e2e-${name}-${i++}.png`;
          await p.screenshot({ path: file, fullPage: true, timeout: 5000 }).catch(() => {});
          console.error(`screenshot: ${file} (${p.url()})`);
        }
        console.error(`--- server log (tail) ---\n${log.slice(-3000)}`);
        throw err;
      } finally {
        await context.close().catch(() => {});
      }
    },
    async stop() {
      try {
        if (browser) await Promise.race([browser.close(), sleep(5000)]);
      } finally {
        await stopServer();
        if (paysim) await paysim.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export async function login(page, base, email) {
  await page.goto(`${base}/login`);
  const form = page.locator('form').filter({ has: page.getByLabel('Mot de passe') });
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await form.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

export async function logout(page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL((u) => u.pathname === '/login');
}
