// Payments figures (docs/BENCHMARKS.md "Payments"), on a release build with the real simulator:
//   1. end to end: N applications created, submitted and paid through the simulator (intent
//      through the adapter, "Payer" through its control API, signed callback, status query,
//      one transaction: ledger, receipt, workflow), P flows in parallel: payments confirmed/s
//      and the latency from "Payer" to "succeeded" as the exporter sees it;
//   2. callback intake: correctly signed Wave webhooks (unique event ids, real references)
//      posted by C concurrent connections for D seconds: requests/s and latency;
//   3. reconciliation: the simulator's Orange statement of the day padded to 10,000 lines
//      (lines never initiated: missing_ours) imported in one request.
// Usage: node bench/payments.mjs build-bench/src/app/origine [build-bench/tools/paysim/origine-paysim]
// Env: BENCH_PAYMENTS_N (200), BENCH_PARALLEL (8), BENCH_CONNECTIONS (16),
// BENCH_DURATION_S (10), BENCH_STATEMENT_LINES (10000); bench/all.sh --smoke sets them small.
// Everything listens on 127.0.0.1. Fails when a step is refused (never on a figure).
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const bin = process.argv[2];
if (!bin) {
  console.error('usage: node bench/payments.mjs PATH/TO/origine [PATH/TO/origine-paysim]');
  process.exit(2);
}
process.env.ORIGINE_BIN = resolve(bin);
if (process.argv[3]) process.env.ORIGINE_PAYSIM_BIN = resolve(process.argv[3]);
const { startServer, startPaysim, freePort, Client, sesame } = await import('../tests/integration/server.mjs');

const N = Number(process.env.BENCH_PAYMENTS_N || 200);
const PARALLEL = Number(process.env.BENCH_PARALLEL || 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 16);
const DURATION_S = Number(process.env.BENCH_DURATION_S || 10);
const LINES = Number(process.env.BENCH_STATEMENT_LINES || 10000);
const WAVE_SECRET = 'paysim-wave-webhook-secret';  // the simulator's development default
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

const dir = mkdtempSync(join(tmpdir(), 'origine-bench-pay-'));
const config = join(dir, 'origine.toml');
// A 10,000-line statement (1.2 MiB) is over the general 1 MiB body limit but
// within the statements' own (server.statement_limit_bytes, 16 MiB): defaults.
writeFileSync(config, '');
const port = await freePort();
const sim = await startPaysim({ waveWebhookUrl: `http://127.0.0.1:${port}/api/v1/payments/callbacks/wave` });
const server = await startServer({ paysim: sim, port, extraArgs: ['--config', config] });
const results = {};
try {
  const exporter = new Client(server.base);
  await exporter.login('exportateur@demo.ml');
  const admin = new Client(server.base);
  await admin.login('admin@demo.ml');

  // --- 1. end to end
  const providers = ['orange', 'wave', 'cinetpay', 'momo'];
  const latencies = [];
  const refs = [];
  let next = 0;
  async function flow() {
    for (let k = next++; k < N; k = next++) {
      const provider = providers[k % providers.length];
      const app = await exporter.request('POST', '/api/v1/applications', { body: { ...sesame(), invoice: { number: `BENCH-${k}`, date: '2026-11-20' } } });
      if (app.status !== 201) throw new Error(`create: ${app.status} ${JSON.stringify(app.data)}`);
      const sub = await exporter.request('POST', `/api/v1/applications/${app.data.id}/submit`);
      if (sub.status !== 200) throw new Error(`submit: ${sub.status}`);
      const body = { provider };
      if (provider === 'momo') body.payer_msisdn = '22376000000';
      const intent = await exporter.request('POST', `/api/v1/applications/${app.data.id}/payments`, { body });
      if (intent.status !== 201) throw new Error(`pay: ${intent.status} ${JSON.stringify(intent.data)}`);
      const ref = intent.data.reference;
      const t0 = performance.now();
      const done = await sim.control('POST', `/payments/${provider}/${ref}/complete`, { outcome: 'success' });
      if (done.status !== 200) throw new Error(`complete: ${done.status}`);
      for (let i = 0; ; i++) {
        const p = await exporter.request('GET', `/api/v1/payments/${ref}`);
        if (p.data.state === 'succeeded') break;
        if (i > 600) throw new Error(`${ref} still ${p.data.state}`);
        await sleep(20);
      }
      latencies.push(performance.now() - t0);
      refs.push({ ref, provider });
    }
  }
  const e2eStart = performance.now();
  await Promise.all(Array.from({ length: PARALLEL }, flow));
  const e2eS = (performance.now() - e2eStart) / 1000;
  results.e2e = { n: N, parallel: PARALLEL, seconds: e2eS, perSecond: N / e2eS, p50: pct(latencies, 0.5), p99: pct(latencies, 0.99) };

  // --- 2. callback intake (signed Wave webhooks for real intents, unique event ids)
  const waves = refs.filter((r) => r.provider === 'wave').map((r) => r.ref);
  const url = `${server.base}/api/v1/payments/callbacks/wave`;
  const lat = [];
  const outcomes = {};
  let seq = 0;
  const until = performance.now() + DURATION_S * 1000;
  async function poster() {
    while (performance.now() < until) {
      const i = seq++;
      const ref = waves[i % waves.length];
      const body = JSON.stringify({ id: `AE_bench_${i}`, type: 'checkout.session.completed',
        data: { id: `cos-bench-${i}`, client_reference: ref, checkout_status: 'complete', payment_status: 'succeeded', amount: '1500', currency: 'XOF' } });
      const t = Math.floor(Date.now() / 1000);
      const sig = createHmac('sha256', WAVE_SECRET).update(`${t}${body}`).digest('hex');
      const t0 = performance.now();
      const res = await fetch(`${url}?ref=${ref}`, { method: 'POST', headers: { 'content-type': 'application/json', 'wave-signature': `t=${t},v1=${sig}` }, body });
      const data = await res.json();
      lat.push(performance.now() - t0);
      const key = `${res.status} ${data.outcome ?? data.type}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
  }
  const inStart = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, poster));
  const inS = (performance.now() - inStart) / 1000;
  results.intake = { connections: CONNECTIONS, seconds: inS, requests: lat.length, perSecond: lat.length / inS, p50: pct(lat, 0.5), p99: pct(lat, 0.99), outcomes };
  const refused = Object.keys(outcomes).filter((k) => !k.startsWith('200 '));
  if (refused.length) throw new Error(`callbacks not accepted: ${JSON.stringify(outcomes)}`);
  await sleep(2000);  // let the worker drain its inbox before the next measure

  // --- 3. reconciliation of a 10,000-line statement
  const date = new Date((await sim.control('GET', '/clock')).data.now * 1000).toISOString().slice(0, 10);
  const st = await sim.control('GET', `/statements/orange?date=${date}`);
  const lines = st.data.trimEnd().split('\n');
  const real = lines.length - 1;
  for (let i = lines.length - 1; i < LINES; i++) {
    const id = String(i).padStart(8, '0');
    lines.push(`${date} 10:00:00,MP-BENCH.${id},ORD-BENCH-${id},00000000-0000-4000-8000-${id.padStart(12, '0')},70000000,1500,15,1485,XOF,SUCCESS`);
  }
  const statement = lines.join('\n') + '\n';
  const r0 = performance.now();
  const rec = await admin.request('POST', '/api/v1/reconciliations', { body: { provider: 'orange', date, statement } });
  const recMs = performance.now() - r0;
  if (rec.status !== 201) throw new Error(`reconciliation: ${rec.status} ${JSON.stringify(rec.data).slice(0, 500)}`);
  const g0 = performance.now();
  const csv = await admin.request('GET', `/api/v1/reconciliations/${rec.data.id}?format=csv`);
  const csvMs = performance.now() - g0;
  results.reconciliation = { lines: rec.data.lines.length, real, bytes: statement.length, importMs: recMs, counts: rec.data.counts, csvMs, csvBytes: csv.data.length };
} finally {
  await server.stop();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
}

const f = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const { e2e, intake, reconciliation: rc } = results;
console.log(`## Payments — run of ${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} cores (${cpus()[0].model.trim()}), load average ${loadavg()[0].toFixed(1)} at the end

| measure | result |
|---|---|
| end to end: ${e2e.n} applications created, submitted, paid through the simulator, ${e2e.parallel} in parallel | ${f(e2e.perSecond, 1)} payments confirmed/s (${f(e2e.seconds, 1)} s); "Payer" → succeeded p50 ${f(e2e.p50)} ms, p99 ${f(e2e.p99)} ms |
| callback intake: signed Wave webhooks, ${intake.connections} connections, ${f(intake.seconds, 1)} s | ${f(intake.perSecond)} req/s (${intake.requests} requests), p50 ${f(intake.p50, 1)} ms, p99 ${f(intake.p99, 1)} ms; ${Object.entries(intake.outcomes).map(([k, v]) => `${k}: ${v}`).join(', ')} |
| reconciliation of a ${f(rc.lines)}-line Orange statement (${f(rc.bytes / 1048576, 1)} MiB, ${rc.real} real lines) | import + classify + store in ${f(rc.importMs)} ms (${Object.entries(rc.counts).map(([k, v]) => `${k} ${v}`).join(', ')}); CSV report ${f(rc.csvMs)} ms |`);
