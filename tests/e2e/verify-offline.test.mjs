// /verify with no network (service worker + offline verifier) and with the
// phone camera (Chromium's fake camera playing the QR printed on a real
// certificate PDF), in Debian's Chromium against the real server binary.
//
//   node --test tests/e2e/verify-offline.test.mjs   (after building web/ and the server)
//
// Environment as journey.test.mjs: ORIGINE_BIN, CHROMIUM.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { qrVideoFromPdf } from './qr-video.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = resolve(ROOT, process.env.ORIGINE_BIN || 'build-test/src/app/origine');
const WEB_ROOT = join(ROOT, 'web/dist');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT = 15_000;

let server = null;
let serverLog = '';
let work = null;
let browser = null;
let base = '';
let qr = '';
let number = '';

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

const run = (...args) => execFileSync(BIN, [...args, '--data', join(work, 'data')], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

/** Starts the server; `port` to come back on the same origin (the service worker is per origin). */
async function startServer(port) {
  port ??= await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, '--data', join(work, 'data'), '--web-root', WEB_ROOT], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d) => {
    serverLog = (serverLog + d.toString()).slice(-20000);
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited early:\n${serverLog.slice(-4000)}`);
    try {
      if ((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) })).status === 200) return;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error(`server not healthy:\n${serverLog.slice(-4000)}`);
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  if (!(await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]))) {
    server.kill('SIGKILL');
    await Promise.race([exited, sleep(2000)]);
  }
}

// --- a tampered QR: same signature, one character of the signed claims changed ---
const B45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
function base45Encode(b) {
  let s = '';
  let i = 0;
  for (; i + 1 < b.length; i += 2) {
    const n = b[i] * 256 + b[i + 1];
    s += B45[n % 45] + B45[Math.floor(n / 45) % 45] + B45[Math.floor(n / 2025)];
  }
  if (i < b.length) s += B45[b[i] % 45] + B45[Math.floor(b[i] / 45)];
  return s;
}
function base45Decode(s) {
  const out = [];
  for (let i = 0; i < s.length; i += 3) {
    const d = [...s.slice(i, i + 3)].map((c) => B45.indexOf(c));
    if (d.length === 3) {
      const n = d[0] + d[1] * 45 + d[2] * 2025;
      out.push(n >> 8, n & 255);
    } else out.push(d[0] + d[1] * 45);
  }
  return Buffer.from(out);
}
function tamper(text, from, to) {
  const cose = inflateSync(base45Decode(text.slice(4)));
  const at = cose.indexOf(Buffer.from(from));
  assert.ok(at > 0, `"${from}" not in the COSE message`);
  Buffer.from(to).copy(cose, at);
  return 'CO1:' + base45Encode(deflateSync(cose, { level: 9 }));
}

before(async () => {
  assert.ok(existsSync(BIN), `server binary not found: ${BIN} (build it, or set ORIGINE_BIN)`);
  assert.ok(existsSync(join(WEB_ROOT, 'sw.js')), 'web app not built (no web/dist/sw.js): run "npm --prefix web run build"');
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}`);
  work = mkdtempSync(join(tmpdir(), 'origine-e2e-offline-'));
  run('demo', 'seed');
  number = run('cert', 'list').split('\n').filter(Boolean)[0];
  qr = run('cert', 'qr', number).trim();
  run('cert', 'pdf', number, '-o', join(work, 'cert.pdf'));
  qrVideoFromPdf(join(work, 'cert.pdf'), join(work, 'qr.y4m'), join(work, 'crop'));
  await startServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${join(work, 'qr.y4m')}`,
    ],
  });
});

after(async () => {
  try {
    if (browser) await Promise.race([browser.close(), sleep(5000)]);
  } finally {
    await stopServer();
    if (work) rmSync(work, { recursive: true, force: true });
  }
});

async function withContext(name, fn, options = {}) {
  const context = await browser.newContext({ viewport: { width: 420, height: 900 }, locale: 'fr-FR', ...options });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  try {
    await fn(page, context);
  } catch (err) {
    let i = 0;
    for (const p of context.pages()) {
      const file = `/tmp/e2e-${name}-${i++}.png`;
      await p.screenshot({ path: file, fullPage: true, timeout: 5000 }).catch(() => {});
      console.error(`screenshot: ${file} (${p.url()})`);
    }
    if (serverLog) console.error(`--- server log (tail) ---\n${serverLog.slice(-3000)}`);
    throw err;
  } finally {
    await context.close().catch(() => {});
  }
}

async function verifyPasted(page, text) {
  await page.fill('#verify-qr', text);
  await page.click('button[type=submit]');
  return page.waitForSelector('[data-testid=verdict]');
}

describe('/verify, phone camera and no network', () => {
  test('the server serves the service worker uncached, as JavaScript', async () => {
    const res = await fetch(`${base}/sw.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/javascript/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.match(await res.text(), /origine-shell-/);
  });

  test('camera: the QR printed on the certificate is read and verified', async () => {
    await withContext('camera', async (page, context) => {
      await context.grantPermissions(['camera'], { origin: base });
      await page.goto(`${base}/verify`);
      await page.click('[data-testid=camera-start]');
      const verdict = await page.waitForSelector('[data-testid=verdict]');
      assert.equal(await verdict.getAttribute('data-status'), 'valid');
      assert.equal((await page.inputValue('#verify-qr')).trim(), qr);
      assert.match(await verdict.innerText(), new RegExp(number));
      // The camera is stopped once the code is read.
      assert.equal(await page.$eval('[data-testid=camera-video]', (v) => v.srcObject), null);
      assert.ok(await page.isHidden('[data-testid=camera-video]'));
    });
  });

  test('camera refused or absent: a French message, no crash', async () => {
    for (const [name, expected] of [
      ['NotAllowedError', /accès à la caméra a été refusé/],
      ['NotFoundError', /Aucune caméra n’a été trouvée/],
    ]) {
      await withContext(`camera-${name}`, async (page) => {
        // What the browser answers when the user refuses, or when there is no camera.
        await page.addInitScript((errorName) => {
          navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refused', errorName));
        }, name);
        await page.goto(`${base}/verify`);
        await page.click('[data-testid=camera-start]');
        const msg = await page.waitForSelector('[data-testid=camera-error]');
        assert.match(await msg.innerText(), expected);
        assert.ok(await page.isVisible('[data-testid=camera-start]'));
      });
    }
  });

  test('offline: after one visit, /verify loads and verifies with no server at all', async () => {
    const list = await (await fetch(`${base}/api/v1/trust-list`)).json();
    assert.equal(list.format, 2, 'the server serves the signed trust list (docs/formats/trust-list.md)');
    await withContext('offline', async (page, context) => {
      await page.goto(`${base}/verify`);
      // First visit: the service worker installs and the signed trust list is verified and kept.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await page.waitForSelector('[data-testid=offline-ready]');
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

      // Online: the API answers (document check and log proof included).
      let verdict = await verifyPasted(page, qr);
      assert.equal(await verdict.getAttribute('data-status'), 'valid');
      assert.equal(await page.$('[data-testid=offline-result]'), null);

      // No network: the browser is offline and the server is gone.
      await context.setOffline(true);
      await stopServer();
      await page.reload();
      await page.waitForSelector('#verify-qr');
      const banner = await page.waitForSelector('[data-testid=offline-banner]');
      assert.match(await banner.innerText(), /^Vérification hors ligne — liste de confiance du .+ \(version \d+\)$/);

      verdict = await verifyPasted(page, qr);
      assert.equal(await verdict.getAttribute('data-status'), 'valid');
      assert.match(await verdict.innerText(), new RegExp(number));
      assert.match(await page.innerText('[data-testid=offline-result]'), /Résultat hors ligne/);

      verdict = await verifyPasted(page, tamper(qr, number, number.replace(/\d$/, (d) => String((Number(d) + 1) % 10))));
      assert.equal(await verdict.getAttribute('data-status'), 'bad_signature');
      assert.match(await verdict.innerText(), /modifié|contrefait/);

      verdict = await verifyPasted(page, 'CO1:NOT-A-CODE');
      assert.equal(await verdict.getAttribute('data-status'), 'malformed');

      // By number needs the server.
      await page.click('input[value=number]');
      await page.fill('#verify-number', number);
      await page.click('button[type=submit]');
      await page.waitForSelector('.alert-error, [role=alert]');
      assert.match(await page.innerText('main'), /Hors ligne, la vérification par numéro est impossible/);
      await page.click('input[value=qr]');

      // The authority removes the signer while this phone is away: a new key, then the old one revoked.
      const kept = () =>
        page.evaluate(async () => {
          const res = await (await caches.open('origine-trust-v1')).match('/__origine/trust-list-meta');
          return res ? (await res.json()).version : 0;
        });
      const before = await kept();
      assert.equal(list.certificates.length, 1);
      const kid = list.certificates[0].kid; // the signer of every demo QR
      run('keys', 'rotate');
      run('keys', 'revoke', kid, '--reason', 'clé compromise');
      await startServer(new URL(base).port);
      await context.setOffline(false);
      // Back online: the page shows the kept list at once and the service worker fetches the new one.
      await page.reload();
      await page.waitForFunction(
        async (v) => {
          const res = await (await caches.open('origine-trust-v1')).match('/__origine/trust-list-meta');
          return res !== undefined && (await res.json()).version > v;
        },
        before,
        { timeout: STEP_TIMEOUT },
      );
      assert.ok((await kept()) >= before + 2);

      // Offline again: the same QR now says revoked, with the date and the reason.
      await context.setOffline(true);
      await stopServer();
      await page.reload();
      await page.waitForSelector('[data-testid=offline-banner]');
      verdict = await verifyPasted(page, qr);
      assert.equal(await verdict.getAttribute('data-status'), 'revoked');
      assert.match(await verdict.innerText(), /clé compromise/);
    });
  });
});
