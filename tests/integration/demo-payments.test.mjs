// The demo seed pays its applications for real when the simulator plays the
// providers: genuine intents through the adapters, the payer's action through
// the simulator's control API, confirmation by status query. The simulator's
// statements then match them. Without a simulator the seed records them
// without a provider and says so.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, cli } from './server.mjs';

const cleanup = [];
after(async () => { for (const f of cleanup.reverse()) await f(); });

async function login(server, email) {
  const c = new Client(server.base);
  await c.login(email);
  return c;
}

async function allPayments(admin) {
  const items = [];
  for (let cursor = null; ;) {
    const r = await admin.request('GET', `/api/v1/payments?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200);
    items.push(...r.data.items);
    if (!r.data.next_cursor) return items;
    cursor = r.data.next_cursor;
  }
}

test('seeded against the simulator: real intents, receipts and postings; its statements match them', async () => {
  const server = await startServer();  // `serve --demo` with its own simulator
  cleanup.push(() => server.stop());
  const admin = await login(server, 'admin@demo.ml');
  const demo = await allPayments(admin);
  // Two issued by exporter 1, one by exporter 2, one submitted: four paid applications.
  assert.equal(demo.length, 4, JSON.stringify(demo.map((p) => [p.provider, p.state])));
  const sim = new Map((await server.paysim.control('GET', '/payments')).data.payments.map((p) => [p.reference, p]));
  for (const p of demo) {
    assert.equal(p.state, 'succeeded', `${p.reference}: ${p.state}`);
    assert.doesNotMatch(p.provider_transaction ?? '', /^DEMO-/, `${p.reference} went through the provider`);
    assert.match(p.receipt_number ?? '', /^RC-\d{4}-\d{6}$/);
    const there = sim.get(p.reference);
    assert.ok(there, `the simulator knows ${p.reference}`);
    assert.equal(there.status, 'succeeded');
    assert.equal(there.amount, p.amount_xof);
  }
  // The workflow moved on through the same path: issued certificates, one ready for review.
  const apps = (await admin.request('GET', '/api/v1/applications')).data.items;
  assert.equal(apps.filter((a) => a.status === 'issued').length, 3);
  assert.equal(apps.filter((a) => a.status === 'submitted').length, 1);
  assert.equal(apps.filter((a) => a.status === 'awaiting_payment').length, 1);
  // One posting each, balanced ledger.
  const ledger = (await admin.request('GET', '/api/v1/ledger?limit=1000')).data;
  assert.equal(ledger.balanced, true);
  for (const p of demo) assert.equal(ledger.entries.filter((e) => e.kind === 'payment' && e.reference === p.reference).length, 1);

  // The simulator's statement of the day: every demo payment matched, nothing missing.
  const date = new Date((await server.paysim.control('GET', '/clock')).data.now * 1000).toISOString().slice(0, 10);
  const providers = [...new Set(demo.map((p) => p.provider))].sort();
  assert.deepEqual(providers, ['cinetpay', 'orange', 'wave']);
  for (const provider of providers) {
    const body = { provider, date };
    if (provider !== 'wave') {
      const st = await server.paysim.control('GET', `/statements/${provider}?date=${date}`);
      assert.equal(st.status, 200);
      body.statement = typeof st.data === 'string' ? st.data : JSON.stringify(st.data);
    }
    const r = await admin.request('POST', '/api/v1/reconciliations', { body });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    for (const p of demo.filter((x) => x.provider === provider)) {
      const line = r.data.lines.find((l) => l.reference === p.reference);
      assert.ok(line, `${provider}: ${p.reference} is on the statement`);
      assert.equal(line.class, 'matched', JSON.stringify(line));
    }
    assert.deepEqual(r.data.lines.filter((l) => l.class !== 'matched'), [], `${provider}: ${JSON.stringify(r.data.counts)}`);
  }
});

test('without a reachable simulator: recorded without a provider, and the seed output says so', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'origine-demo-'));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const saved = process.env.ORIGINE_PAYSIM_URL;
  process.env.ORIGINE_PAYSIM_URL = 'http://127.0.0.1:9';  // nothing listens (discard port)
  let seeded;
  try {
    seeded = await cli(['demo', 'seed', '--data', dataDir]);
  } finally {
    if (saved === undefined) delete process.env.ORIGINE_PAYSIM_URL;
    else process.env.ORIGINE_PAYSIM_URL = saved;
  }
  assert.equal(seeded.code, 0, seeded.stderr);
  assert.match(seeded.stdout, /ATTENTION : 4 paiement\(s\) de démonstration enregistré\(s\) SANS prestataire/);
  assert.match(seeded.stdout, /ne répond pas sur http:\/\/127\.0\.0\.1:9/);
  assert.match(seeded.stdout, /absents chez le prestataire/);
  // Seeding again changes nothing and says the data is there.
  const again = await cli(['demo', 'seed', '--data', dataDir]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /déjà présentes/);

  const server = await startServer({ dataDir, demo: false, paysim: false });
  cleanup.push(() => server.stop({ keepData: true }));
  const admin = await login(server, 'admin@demo.ml');
  const demo = await allPayments(admin);
  assert.equal(demo.length, 4);
  for (const p of demo) {
    assert.equal(p.state, 'succeeded');
    assert.match(p.provider_transaction, /^DEMO-/);
    assert.match(p.receipt_number ?? '', /^RC-\d{4}-\d{6}$/);
  }
});
