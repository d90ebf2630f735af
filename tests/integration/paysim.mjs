// Starts the real `origine-paysim` on a free loopback port, a callback
// receiver, and small helpers for the providers' flows. Shared by
// paysim.test.mjs and the payments tests. Every wait is bounded.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { spawnListening } from './server.mjs';

export const PAYSIM_BIN = resolve(process.env.ORIGINE_PAYSIM_BIN ?? 'build-test/tools/paysim/origine-paysim');

// The simulator's default secrets (docs/formats/paysim.md).
export const SECRETS = {
  waveApiKey: 'paysim-wave-api-key',
  waveWebhookSecret: 'paysim-wave-webhook-secret',
  orangeClientId: 'paysim-orange-client',
  orangeClientSecret: 'paysim-orange-secret',
  orangeMerchantKey: 'paysim-orange-merchant',
  cinetpayApikey: 'paysim-cinetpay-apikey',
  cinetpaySiteId: '100001',
  cinetpaySecret: 'paysim-cinetpay-secret',
  momoSubscriptionKey: 'paysim-momo-subscription',
  momoApiUser: '7b1c9a52-3f0e-4d6a-9c1e-2a5b8d4f6e10',
  momoApiKey: 'paysim-momo-api-key',
  momoDisbursementSubscriptionKey: 'paysim-momo-disbursement',
  momoDisbursementApiUser: '3f6d2b1a-8c4e-4f7a-9b2d-5e1c7a9d0b21',
  momoDisbursementApiKey: 'paysim-momo-disbursement-key',
};

// `env`: extra environment (PAYSIM_* secrets); flags win over it.
export async function startPaysim(args = [], { env = {} } = {}) {
  const { proc, base, logs, stop } = await spawnListening('paysim', PAYSIM_BIN, ['--listen', '127.0.0.1:0', ...args],
    { env: { ...process.env, ...env } });
  return { base, proc, logs, stop: () => stop(15_000) };
}

// An HTTP server recording every request (raw body kept) and answering 200.
export async function startReceiver() {
  const received = [];
  const waiters = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method, path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      for (const w of [...waiters]) w();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    received,
    // Resolves with the requests to `path` once there are at least `n` (else rejects after `ms`).
    waitFor(path, n = 1, ms = 10_000) {
      const matching = () => received.filter((r) => r.path === path);
      return new Promise((resolveWait, reject) => {
        const check = () => {
          if (matching().length >= n) { clearTimeout(timer); waiters.splice(waiters.indexOf(check), 1); resolveWait(matching()); return true; }
          return false;
        };
        const timer = setTimeout(() => { waiters.splice(waiters.indexOf(check), 1); reject(new Error(`${n} request(s) to ${path} not received in ${ms} ms (got ${matching().length})`)); }, ms);
        waiters.push(check);
        check();
      });
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

// JSON (or text) request; never follows redirects.
export async function call(base, method, path, { json, form, headers = {}, timeout = 30_000 } = {}) {
  const h = { ...headers };
  let body;
  if (json !== undefined) { body = JSON.stringify(json); h['content-type'] = 'application/json'; }
  if (form !== undefined) { body = new URLSearchParams(form).toString(); h['content-type'] = 'application/x-www-form-urlencoded'; }
  const res = await fetch(base + path, { method, headers: h, body, redirect: 'manual', signal: AbortSignal.timeout(timeout) });
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  return { status: res.status, type, headers: res.headers, text, data: type.includes('json') && text ? JSON.parse(text) : text };
}

// Opens the payment page, reads the OTP from the "SMS simulé" box and answers it.
export async function payOnPage(paymentUrl, { action = 'pay', msisdn = '70123456', otp } = {}) {
  const page = await fetch(paymentUrl, { signal: AbortSignal.timeout(10_000) });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`payment page ${paymentUrl}: ${page.status}`);
  const m = html.match(/<strong id="sms-otp">(\d{6})<\/strong>/);
  if (!m) throw new Error('no OTP on the payment page');
  const res = await fetch(paymentUrl, {
    method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(10_000),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ msisdn, otp: otp ?? m[1], action }).toString(),
  });
  return { status: res.status, location: res.headers.get('location'), html: await res.text(), otp: m[1] };
}
