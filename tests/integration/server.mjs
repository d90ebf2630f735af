// Starts the real `origine serve` on a free loopback port with a fresh data
// directory, and offers a tiny cookie-aware client. Every wait is bounded.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BIN = resolve(process.env.ORIGINE_BIN ?? 'build-test/src/app/origine');
// The payment simulator (tools/paysim, docs/formats/paysim.md), next to the server binary.
export const PAYSIM_BIN = resolve(process.env.ORIGINE_PAYSIM_BIN ??
  join(BIN, '..', '..', '..', 'tools', 'paysim', 'origine-paysim'));

// A free loopback port (the server must know it before it starts: the
// simulator sends Wave webhooks to it).
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolvePort(port)); });
  });
}

// Starts `origine-paysim` on a free port. `control(method, path, body)` calls
// its control API (/_control/...).
// Starts `bin` with `args` and waits (at most `startMs`) until it prints its
// http://127.0.0.1:PORT/ address. Returns { proc, base, logs, stop(graceMs) }:
// stop sends SIGTERM, then SIGKILL after `graceMs`, and resolves to the exit
// code (null when killed).
export async function spawnListening(name, bin, args, { env = process.env, startMs = 30_000 } = {}) {
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; if (stderr.length > 4e6) stderr = stderr.slice(-2e6); });
  const base = await new Promise((resolveBase, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in ${startMs / 1000} s\n${stderr}`)), startMs);
    proc.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolveBase(`http://127.0.0.1:${m[1]}`); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${name} exited with ${code}\n${stderr}`)); });
    proc.on('error', (e) => { clearTimeout(timer); reject(new Error(`${name} did not start: ${e.message}`)); });
  });
  return {
    proc, base, logs: () => stderr,
    stop(graceMs) {
      if (proc.exitCode !== null) return Promise.resolve(proc.exitCode);
      proc.kill('SIGTERM');
      return new Promise((r) => {
        const t = setTimeout(() => { proc.kill('SIGKILL'); r(null); }, graceMs);
        proc.on('exit', (code) => { clearTimeout(t); r(code); });
      });
    },
  };
}

export async function startPaysim({ seed = 1, faults = 'none', waveWebhookUrl, extraArgs = [] } = {}) {
  if (!existsSync(PAYSIM_BIN)) throw new Error(`the payment simulator is not built: ${PAYSIM_BIN}`);
  const args = ['--listen', '127.0.0.1:0', '--seed', String(seed), '--faults', faults, ...extraArgs];
  if (waveWebhookUrl) args.push('--wave-webhook-url', waveWebhookUrl);
  const { proc, base, logs, stop } = await spawnListening('paysim', PAYSIM_BIN, args);
  async function control(method, path, body) {
    const res = await fetch(base + '/_control' + path, {
      method, headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000),
    });
    const type = res.headers.get('content-type') ?? '';
    const data = type.includes('json') ? await res.json() : await res.text();
    return { status: res.status, data };
  }
  return {
    base, proc, control, logs,
    async stop() { await stop(10_000); },
  };
}

// `dataDir`: reuse a data directory (a restart); `stop({ keepData: true })`
// leaves it in place. `paysim`: true (default) starts a simulator for this
// server (stopped with it), an object from startPaysim() shares one, false
// starts the server without payment providers. `port`: listen there (a restart
// keeps the port the simulator calls back).
export async function startServer({ demo = true, extraArgs = [], dataDir: reuse, paysim = true, port } = {}) {
  const dataDir = reuse ?? mkdtempSync(join(tmpdir(), 'origine-it-'));
  const listenPort = port ?? await freePort();
  let sim = null;
  let ownSim = false;
  if (paysim === true) {
    sim = await startPaysim({ waveWebhookUrl: `http://127.0.0.1:${listenPort}/api/v1/payments/callbacks/wave` });
    ownSim = true;
  } else if (paysim) {
    sim = paysim;
  }
  const args = ['serve', '--listen', `127.0.0.1:${listenPort}`, '--data', dataDir, '--paysim', sim ? sim.base : '',
    '--public-url', `http://127.0.0.1:${listenPort}`, ...extraArgs];
  if (demo) args.push('--demo');
  if (process.env.ORIGINE_WEB_ROOT) args.push('--web-root', process.env.ORIGINE_WEB_ROOT);
  const { proc, base, logs, stop } = await spawnListening('server', BIN, args, { startMs: 60_000 });
  return {
    base,
    port: listenPort,
    dataDir,
    proc,
    paysim: sim,
    logs,
    async stop({ keepData = false, keepPaysim = false } = {}) {
      await stop(15_000);
      if (ownSim && !keepPaysim) await sim.stop();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Pays application `id` (awaiting payment) as the exporter `client` would:
// creates the intent, completes it in the simulator (as Payer on its page)
// and waits until the platform has confirmed it (callback or polling).
// Returns the application once submitted.
export async function payApplication(client, server, id, { provider = 'orange', outcome = 'success' } = {}) {
  const body = { provider };
  if (provider === 'momo') body.payer_msisdn = '22376000000';
  const created = await client.request('POST', `/api/v1/applications/${id}/payments`, { body });
  if (created.status !== 201) throw new Error(`payment of ${id} not created: ${created.status} ${JSON.stringify(created.data)}`);
  const ref = created.data.reference;
  const done = await server.paysim.control('POST', `/payments/${provider}/${ref}/complete`, { outcome });
  if (done.status !== 200) throw new Error(`paysim complete ${ref}: ${done.status} ${JSON.stringify(done.data)}`);
  const want = outcome === 'success' ? 'succeeded' : 'failed';
  const deadline = Date.now() + 30_000;
  for (;;) {
    const p = await client.request('GET', `/api/v1/payments/${ref}`);
    if (p.data.state === want) break;
    if (Date.now() > deadline) throw new Error(`payment ${ref} still ${p.data.state} after 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return (await client.request('GET', `/api/v1/applications/${id}`)).data;
}

// Runs `origine ARGS...` (with `input` on standard input); resolves
// {code, stdout, stderr} without throwing. Bounded to 60 s.
export function cli(args, { input } = {}) {
  return new Promise((resolveRun) => {
    const p = spawn(BIN, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('close', (code) => { clearTimeout(timer); resolveRun({ code, stdout, stderr }); });
    p.stdin.end(input ?? '');
  });
}

// A client that keeps the session cookie and the CSRF token, as a browser would.
export class Client {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }
  async request(method, path, { body, headers = {}, raw } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let payload = raw;
    if (body !== undefined) { payload = JSON.stringify(body); h['content-type'] ??= 'application/json'; }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, signal: AbortSignal.timeout(30_000) });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const type = res.headers.get('content-type') ?? '';
    const data = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, type, headers: res.headers, data };
  }
  async login(email, password = 'origine-demo') {
    const r = await this.request('POST', '/api/v1/auth/login', { body: { email, password } });
    if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.data)}`);
    this.csrf = r.data.csrf_token;
    return r.data.user;
  }
}

export const sesame = () => ({
  regime: 'ETLS',
  consignee: { name: 'Dakar Agro Import SA', address: 'Zone industrielle, Dakar', country: 'SN' },
  origin_country: 'ML',
  destination_country: 'SN',
  transport: { mode: 'road', details: 'Camion AB-1234-MD' },
  invoice: { number: 'FAC-IT-001', date: '2026-11-20' },
  goods: [
    { hs_code: '120740', description: 'Graines de sésame', quantity: '400', unit: 'sacs',
      gross_weight_kg: '20150', net_weight_kg: '20000', value_xof: 14000000 },
  ],
});
