// Invariants of payments under the simulator's random fault schedule
// (--faults random:P: duplicates, delays, reordering, callbacks before the
// initiation reply, lost callbacks, forgeries, stale timestamps, wrong tokens,
// 5xx on initiation, stuck pending, amount mismatches, late successes), with
// the server killed (SIGKILL) halfway and restarted on the same data:
//   - at most one success posting per intent, and the ledger balances;
//   - an application is ready for review iff one of its payments succeeded at
//     the provider, for the right amount, before it expired;
//   - every provider success is known to us (succeeded or late_success) once our
//     watch for it is over (expires_at + late_window_seconds: a refused intent
//     whose success callback was lost while the server was down is asked once,
//     at the end of that window);
//   - the reconciliation of every provider's statement explains every line.
// PAYMENTS_SOAK_N payments (default 1000; `make soak` runs 10000).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, startPaysim, freePort, Client, sesame } from '../integration/server.mjs';

const N = Number(process.env.PAYMENTS_SOAK_N || 1000);
const SEED = Number(process.env.PAYMENTS_SOAK_SEED || 7);
const PARALLEL = 8;
// Bounded, but in proportion: about 0.25 s per payment on the sanitizer build
// alone on 2 cores, so 0.6 s leaves room for a busy machine (10,000: 100 min).
const TIMEOUT_MS = Math.max(30 * 60_000, N * 600);
const LATE_WINDOW_S = 60;  // late_window_seconds in the config below
const PROVIDERS = ['orange', 'wave', 'cinetpay', 'momo'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Every item of a paged listing (keyset cursors, docs/formats/api.md "Paging"),
// each exactly once. Returns { first, items, pages }: the first page's body
// (the ledger's balances cover the whole ledger) and the items of every page.
// Small pages (100), so that a few hundred payments already span several.
async function readAll(client, path, field = 'items', limit = 100) {
  let first = null;
  let pages = 0;
  const items = [];
  const seen = new Set();
  for (let cursor = null; ;) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await client.request('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.data)}`);
    first ??= r.data;
    pages++;
    for (const it of r.data[field]) {
      const key = it.reference ?? it.id;
      assert.ok(!seen.has(key), `${path}: ${key} on two pages`);
      seen.add(key);
      items.push(it);
    }
    if (r.data.next_cursor === null) return { first, items, pages };
    cursor = r.data.next_cursor;
  }
}

const cleanup = [];
after(async () => { for (const f of cleanup.reverse()) await f(); });

test(`invariants over ${N} payments under random faults, with a kill -9 and restart`, { timeout: TIMEOUT_MS }, async () => {
  const port = await freePort();
  const sim = await startPaysim({ seed: SEED, faults: 'random:0.5',
    waveWebhookUrl: `http://127.0.0.1:${port}/api/v1/payments/callbacks/wave` });
  cleanup.push(() => sim.stop());
  const dir = mkdtempSync(join(tmpdir(), 'origine-soak-cfg-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const config = join(dir, 'origine.toml');
  writeFileSync(config, `[payments]\nintent_ttl_seconds = 30\npoll_initial_seconds = 1\npoll_max_seconds = 5\nlate_window_seconds = ${LATE_WINDOW_S}\n`);
  let server = await startServer({ paysim: sim, port, extraArgs: ['--config', config] });
  cleanup.push(() => server.stop());
  const dataDir = server.dataDir;

  let exporter = new Client(server.base);
  await exporter.login('exportateur@demo.ml');
  // The demo's applications (paid by the seed through this simulator, under its faults;
  // one the simulator never settled in time is recorded without it: DEMO-…).
  const demoLister = new Client(server.base);
  await demoLister.login('admin@demo.ml');
  const demoApps = (await readAll(demoLister, '/api/v1/applications')).items.map((a) => a.id);
  let created = 0;
  let killed = false;
  let restarting = null;
  const apps = new Map();     // application id -> [references]
  const started = Date.now();

  // Retries a request across the restart (connection refused while down).
  async function call(method, path, opts) {
    for (let i = 0; ; i++) {
      if (restarting) await restarting;
      try {
        const r = await exporter.request(method, path, opts);
        if (r.status === 401 && i < 5) { await exporter.login('exportateur@demo.ml'); continue; }
        return r;
      } catch (e) {
        if (i > 100) throw e;
        await sleep(200);
      }
    }
  }

  async function flow(k) {
    const provider = PROVIDERS[k % PROVIDERS.length];
    const app = await call('POST', '/api/v1/applications', { body: { ...sesame(), invoice: { number: `SOAK-${k}`, date: '2026-11-20' } } });
    assert.equal(app.status, 201, JSON.stringify(app.data));
    const id = app.data.id;
    const sub = await call('POST', `/api/v1/applications/${id}/submit`);
    assert.equal(sub.status, 200, JSON.stringify(sub.data));
    apps.set(id, []);
    for (let attempt = 0; attempt < 2 && created < N; attempt++) {
      const body = { provider };
      if (provider === 'momo') body.payer_msisdn = '22376000000';
      // The same Idempotency-Key on a retry across the restart: never two intents.
      const key = `soak-${k}-${attempt}-${SEED}`;
      let r;
      for (let i = 0; i < 50; i++) {
        r = await call('POST', `/api/v1/applications/${id}/payments`, { body, headers: { 'idempotency-key': key } });
        if (r.status !== 409 && r.status !== 503) break;
        await sleep(500);  // a previous intent still open: wait for it to settle
      }
      if (r.status === 409) break;
      assert.ok(r.status === 201 || r.status === 200, JSON.stringify(r.data));
      created++;
      const ref = r.data.reference;
      apps.get(id).push(ref);
      // The payer pays (or, one time in five, cancels) on the provider's page.
      const outcome = (k + attempt) % 5 === 4 && attempt === 0 ? 'failure' : 'success';
      await sim.control('POST', `/payments/${provider}/${ref}/complete`, { outcome });
      // Wait (bounded) for the outcome before deciding on a second attempt.
      let state = r.data.state;
      for (let i = 0; i < 100 && ['created', 'initiating', 'pending', 'unknown'].includes(state); i++) {
        await sleep(300);
        state = (await call('GET', `/api/v1/payments/${ref}`)).data.state;
      }
      if (state === 'succeeded') break;
    }
  }

  let next = 0;
  async function worker() {
    while (created < N) {
      const k = next++;
      await flow(k);
      if (!killed && created >= N / 2) {
        killed = true;
        // kill -9 in the middle of the traffic, restart on the same data and port.
        let release;
        restarting = new Promise((r) => { release = r; });
        server.proc.kill('SIGKILL');
        await new Promise((r) => server.proc.once('exit', r));
        server = await startServer({ paysim: sim, port, dataDir, demo: false, extraArgs: ['--config', config] });
        exporter = new Client(server.base);
        await exporter.login('exportateur@demo.ml');
        restarting = null;
        release();
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const traffic = (Date.now() - started) / 1000;

  // Convergence: no open intent and no unprocessed callback left.
  const admin = new Client(server.base);
  await admin.login('admin@demo.ml');
  const deadline = Date.now() + 180_000;
  for (;;) {
    let open = 0;
    for (const s of ['created', 'initiating', 'pending', 'unknown'])
      open += (await readAll(admin, `/api/v1/payments?state=${s}`)).items.length;
    if (open === 0) break;
    if (Date.now() > deadline) assert.fail(`${open} payments still open after 180 s`);
    await sleep(1000);
  }
  await sleep(3000);  // late callbacks (delay, reorder) have landed
  // A provider success we do not know yet is only a loss once our watch for
  // it is over: wait, while there is one, for the end of its late window
  // (plus a margin for the worker on a loaded machine), not longer.
  for (;;) {
    const simNow = new Map();
    for (const p of (await sim.control('GET', '/payments')).data.payments) simNow.set(p.reference, p);
    const unseen = (await readAll(admin, '/api/v1/payments')).items.filter((p) =>
      simNow.get(p.reference)?.status === 'succeeded' && !['succeeded', 'late_success'].includes(p.state) &&
      p.review !== 'amount_mismatch');
    if (unseen.length === 0) break;
    const watched = Math.max(...unseen.map((p) => Date.parse(p.expires_at))) + (LATE_WINDOW_S + 15) * 1000;
    if (Date.now() > watched) break;  // over: the checks below name them
    await sleep(1000);
  }

  // The provider's view.
  const simPayments = new Map();
  for (const p of (await sim.control('GET', '/payments')).data.payments) simPayments.set(p.reference, p);
  // Everything, read through the pages: every payment, every application,
  // every ledger entry.
  const ours = new Map();
  const payments = await readAll(admin, '/api/v1/payments');
  for (const p of payments.items) ours.set(p.reference, p);
  for (const [, refs] of apps) for (const ref of refs) assert.ok(ours.has(ref), `payment ${ref} is listed`);
  const appStatus = new Map();
  const applications = await readAll(admin, '/api/v1/applications');
  for (const a of applications.items) appStatus.set(a.id, a.status);
  assert.equal(appStatus.size, apps.size + demoApps.length, 'every application is listed once');
  const { first: ledger, items: entries, pages: ledgerPages } = await readAll(admin, '/api/v1/ledger', 'entries');
  assert.equal(ledger.balanced, true, 'the ledger balances');
  // The entries read page by page add up to the balances of the whole ledger.
  const sums = {};
  for (const e of entries) for (const l of e.lines) sums[l.account] = (sums[l.account] ?? 0) + l.amount_xof;
  for (const [account, balance] of Object.entries(ledger.balances)) assert.equal(sums[account] ?? 0, balance, `${account} over every entry`);
  const postings = new Map();
  for (const e of entries)
    if (e.kind === 'payment' && e.reference) postings.set(e.reference, (postings.get(e.reference) ?? 0) + 1);
  for (const [ref, n] of postings) assert.equal(n, 1, `one success posting for ${ref}`);
  for (const [ref, p] of ours)
    if (p.state === 'succeeded') assert.equal(postings.get(ref), 1, `the success of ${ref} is posted`);

  let paidApps = 0;
  for (const [id, refs] of apps) {
    const app = { status: appStatus.get(id) };
    const providerPaid = refs.some((ref) => {
      const p = simPayments.get(ref);
      return p && p.status === 'succeeded' && (p.recorded_amount ?? p.amount) === p.amount && !(p.faults ?? []).includes('late_success');
    });
    const weSucceeded = refs.some((ref) => ours.get(ref)?.state === 'succeeded');
    assert.equal(app.status === 'submitted', weSucceeded, `application ${id}: ${app.status} vs our intents`);
    if (weSucceeded) {
      paidApps++;
      const ok = refs.some((ref) => ours.get(ref)?.state === 'succeeded' && simPayments.get(ref)?.status === 'succeeded');
      assert.ok(ok, `application ${id} is ready for review only with a provider success`);
    }
    if (providerPaid && !weSucceeded) {
      // Only when our deadline passed first: the success is known and held for refund.
      assert.ok(refs.some((ref) => ours.get(ref)?.state === 'late_success'), `application ${id}: provider success lost`);
    }
    for (const ref of refs) {
      const p = simPayments.get(ref);
      if (p?.status === 'succeeded') assert.ok(['succeeded', 'late_success'].includes(ours.get(ref)?.state) ||
        ours.get(ref)?.review === 'amount_mismatch', `provider success of ${ref} (${p.faults}) is ${ours.get(ref)?.state}`);
    }
  }

  // Reconciliation: every statement line is classified and explained.
  const date = new Date((await sim.control('GET', '/clock')).data.now * 1000).toISOString().slice(0, 10);
  for (const provider of PROVIDERS) {
    const body = { provider, date };
    if (provider !== 'wave') {
      const st = await sim.control('GET', `/statements/${provider}?date=${date}`);
      body.statement = typeof st.data === 'string' ? st.data : JSON.stringify(st.data);
    }
    const r = await admin.request('POST', '/api/v1/reconciliations', { body });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    for (const line of r.data.lines) {
      const p = simPayments.get(line.reference);
      const our = ours.get(line.reference);
      switch (line.class) {
        case 'matched': assert.ok(['succeeded', 'late_success', 'refunded', 'refund_pending'].includes(our?.state), JSON.stringify(line)); break;
        case 'missing_ours': assert.ok(our?.state === 'late_success' || our?.review === 'amount_mismatch', JSON.stringify(line)); break;
        case 'amount_mismatch': assert.ok((p?.faults ?? []).includes('amount_mismatch'), JSON.stringify(line)); break;
        case 'missing_at_provider': assert.match(our?.provider_transaction ?? '', /^DEMO-/, JSON.stringify(line)); break;
        default: assert.fail(`unexplained line ${JSON.stringify(line)}`);
      }
    }
  }
  console.log(`# ${created} payments, ${apps.size} applications (${paidApps} paid) in ${traffic.toFixed(0)} s of traffic; ` +
    `read back ${ours.size} payments, ${appStatus.size} applications, ${entries.length} ledger entries through ` +
    `${payments.pages} + ${applications.pages} + ${ledgerPages} pages; ` +
    `${[...simPayments.values()].filter((p) => (p.faults ?? []).length).length} with faults`);
});
