// Starts the real `origine serve` on a free loopback port with a fresh data
// directory, and offers a tiny cookie-aware client. Every wait is bounded.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BIN = resolve(process.env.ORIGINE_BIN ?? 'build-test/src/app/origine');

// `dataDir`: reuse a data directory (a restart); `stop({ keepData: true })`
// leaves it in place.
export async function startServer({ demo = true, extraArgs = [], dataDir: reuse } = {}) {
  const dataDir = reuse ?? mkdtempSync(join(tmpdir(), 'origine-it-'));
  const args = ['serve', '--listen', '127.0.0.1:0', '--data', dataDir, ...extraArgs];
  if (demo) args.push('--demo');
  if (process.env.ORIGINE_WEB_ROOT) args.push('--web-root', process.env.ORIGINE_WEB_ROOT);
  const proc = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const base = await new Promise((resolveBase, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s\n${stderr}`)), 60_000);
    proc.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolveBase(`http://127.0.0.1:${m[1]}`); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}\n${stderr}`)); });
  });
  return {
    base,
    dataDir,
    proc,
    logs: () => stderr,
    async stop({ keepData = false } = {}) {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => { const t = setTimeout(() => { proc.kill('SIGKILL'); r(); }, 15_000); proc.on('exit', () => { clearTimeout(t); r(); }); });
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
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
