// Refunds against the REAL simulator process (origine-paysim): Wave and MoMo
// through their refund APIs (a 5xx resolved by observing the provider, never
// a second refund; a refusal kept with its error), Orange by hand, roles,
// and the providers' statements reconciling the reversals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, sesame, payApplication } from './server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function login(email) {
  const c = new Client(server.base);
  await c.login(email);
  return c;
}

// A paid application of the demo exporter; returns the succeeded intent.
async function paid(exporter, provider, invoice) {
  const created = await exporter.request('POST', '/api/v1/applications', { body: { ...sesame(), invoice: { number: invoice, date: '2026-11-20' } } });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const sub = await exporter.request('POST', `/api/v1/applications/${created.data.id}/submit`);
  assert.equal(sub.data.status, 'awaiting_payment', JSON.stringify(sub.data));
  const app = await payApplication(exporter, server, created.data.id, { provider });
  const intent = app.payment.intents[0];
  assert.equal(intent.state, 'succeeded');
  return intent;
}

async function waitRefund(client, ref, states, ms = 60_000) {
  const want = [].concat(states);
  const deadline = Date.now() + ms;
  for (;;) {
    const p = await client.request('GET', `/api/v1/payments/${ref}`);
    if (want.includes(p.data.refund?.state)) return p.data;
    if (Date.now() > deadline) throw new Error(`refund of ${ref} is ${JSON.stringify(p.data.refund)}, not ${want.join('|')}, after ${ms} ms`);
    await sleep(150);
  }
}

// The whole ledger: balances of the first page (they cover every entry) and every page's entries.
async function ledger(admin) {
  let whole = null;
  for (let cursor = null; ;) {
    const l = await admin.request('GET', `/api/v1/ledger?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(l.status, 200);
    if (whole) whole.entries.push(...l.data.entries);
    else whole = l.data;
    if (!l.data.next_cursor) return whole;
    cursor = l.data.next_cursor;
  }
}

const refundEntries = (l, ref) => l.entries.filter((e) => e.reference === ref && e.kind === 'refund').length;
// Requests the simulator logged for `path` (one JSON line per request).
const simRequests = (method, path) => server.paysim.logs().split('\n').filter((line) => {
  try { const o = JSON.parse(line); return o.msg === 'request' && o.method === method && o.path === path; } catch { return false; }
}).length;

test('Wave: the refund goes through the API and is confirmed at once; roles; no second refund', async () => {
  const exporter = await login('exportateur@demo.ml');
  const other = await login('exportateur2@demo.ml');
  const agent = await login('agent@demo.ml');
  const admin = await login('admin@demo.ml');
  const intent = await paid(exporter, 'wave', 'FAC-RF-WAVE');
  const ref = intent.reference;
  assert.equal(intent.refund_mode, 'provider');
  assert.equal(intent.refund, null);
  // Only an administrator refunds; another company does not even see the payment.
  for (const c of [exporter, other, agent])
    assert.equal((await c.request('POST', `/api/v1/payments/${ref}/refund`, { body: { reason: 'x' } })).status, 403);
  assert.equal((await other.request('GET', `/api/v1/payments/${ref}`)).status, 404);
  assert.equal((await exporter.request('POST', `/api/v1/payments/${ref}/refund/confirm`, { body: { provider_refund_id: 'x' } })).status, 403);
  const bad = await admin.request('POST', `/api/v1/payments/${ref}/refund`, { body: { reason: '' } });
  assert.equal(bad.status, 422);
  assert.equal(bad.data.errors[0].field, 'reason');
  const unknown = await admin.request('POST', '/api/v1/payments/00000000-0000-4000-8000-000000000000/refund', { body: { reason: 'x' } });
  assert.equal(unknown.status, 404);

  const r = await admin.request('POST', `/api/v1/payments/${ref}/refund`, { body: { reason: 'Demande annulée par l\'exportateur' } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.state, 'refunded');
  assert.equal(r.data.refund.state, 'done');
  assert.equal(r.data.refund.mode, 'provider');
  assert.match(r.data.refund.reference, /^[0-9a-f-]{36}$/);
  assert.ok(r.data.refund.provider_refund_id);
  const atSim = (await server.paysim.control('GET', `/payments/wave/${ref}`)).data;
  assert.equal(atSim.refunded, true);
  // Nothing more: a second request and a manual confirmation are refused.
  assert.equal((await admin.request('POST', `/api/v1/payments/${ref}/refund`, { body: { reason: 'encore' } })).status, 409);
  assert.equal((await admin.request('POST', `/api/v1/payments/${ref}/refund/confirm`, { body: { provider_refund_id: 'RF-2' } })).status, 409);
  assert.equal(simRequests('POST', `/wave/v1/checkout/sessions/${atSim.provider_id}/refund`), 1);
  const l = await ledger(admin);
  assert.equal(refundEntries(l, ref), 1);
  assert.equal(l.balanced, true);
  // The exporter sees the refund, not the administrator's reason.
  const mine = await exporter.request('GET', `/api/v1/payments/${ref}`);
  assert.equal(mine.data.refund.state, 'done');
  assert.equal(mine.data.refund.reason, undefined);
});

test('Wave and MoMo: a 5xx on the refund is resolved by asking the provider, never by a second refund', async () => {
  const exporter = await login('exportateur@demo.ml');
  const admin = await login('admin@demo.ml');
  const sim = server.paysim;
  for (const provider of ['wave', 'momo']) {
    const intent = await paid(exporter, provider, `FAC-RF-5XX-${provider}`);
    const ref = intent.reference;
    assert.equal((await sim.control('POST', '/faults', { fault: 'refund_5xx', reference: ref })).status, 201);
    const r = await admin.request('POST', `/api/v1/payments/${ref}/refund`, { body: { reason: 'Doublon' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.state, 'refund_pending');
    assert.equal(r.data.refund.state, 'unclear', provider);
    assert.match(r.data.last_error, /HTTP 500/);
    assert.doesNotMatch(r.data.last_error, /paysim-/);
    // In flight: no manual confirmation, no new request.
    assert.equal((await admin.request('POST', `/api/v1/payments/${ref}/refund/confirm`, { body: { provider_refund_id: 'x' } })).status, 409);
    assert.equal((await admin.request('POST', `/api/v1/payments/${ref}/refund`, { body: { reason: 'encore' } })).status, 409);
    const done = await waitRefund(admin, ref, 'done');
    assert.equal(done.state, 'refunded');
    assert.equal(done.last_error, null);
    const atSim = (await sim.control('GET', `/payments/${provider}/${ref}`)).data;
    assert.equal(atSim.refunded, true);
    if (provider === 'wave') {
      assert.equal(simRequests('POST', `/wave/v1/checkout/sessions/${atSim.provider_id}/refund`), 1);
      assert.equal(done.refund.provider_refund_id, atSim.refund_txn_id);
    } else {
      assert.equal(done.refund.provider_refund_id, atSim.refund_txn_id);
    }
    const l = await ledger(admin);
    assert.equal(refundEntries(l, ref), 1);
    assert.equal(l.balanced, true);
  }
  assert.equal(simRequests('POST', '/momo/disbursement/v1_0/refund') >= 1, true);
});

test('MoMo: accepted (202), confirmed by the status query; its callbacks (duplicated) are only hints', async () => {
  const exporter = await login('exportateur@demo.ml');
  const admin = await login('admin@demo.ml');
  const sim = server.paysim;
  const intent = await paid(exporter, 'momo', 'FAC-RF-MOMO');
  const ref = intent.reference;
  await sim.control('POST', '/faults', { fault: 'duplicate', reference: ref, params: { times: 3 } });
  const r = await admin.request('POST', `/api/v1/payments/${ref}/refund`, { body: { reason: 'Paiement en double' } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.ok(['sent', 'done'].includes(r.data.refund.state), JSON.stringify(r.data.refund));
  const done = await waitRefund(admin, ref, 'done');
  assert.equal(done.state, 'refunded');
  assert.match(done.refund.provider_refund_id, /^2\d{9}$/);
  await sleep(1000);
  const l = await ledger(admin);
  assert.equal(refundEntries(l, ref), 1);
  assert.equal(l.balanced, true);
  assert.equal(simRequests('POST', '/momo/disbursement/v1_0/refund') >= 1, true);
});

test('MoMo: a refund the provider refuses stays pending with its error; the administrator may confirm a refund made outside', async () => {
  const exporter = await login('exportateur@demo.ml');
  const admin = await login('admin@demo.ml');
  const sim = server.paysim;
  const intent = await paid(exporter, 'momo', 'FAC-RF-REFUSED');
  const ref = intent.reference;
  // Someone refunded it at the provider already (outside the platform).
  const tok = await fetch(`${sim.base}/momo/disbursement/token/`, {
    method: 'POST',
    headers: { authorization: 'Basic ' + Buffer.from('3f6d2b1a-8c4e-4f7a-9b2d-5e1c7a9d0b21:paysim-momo-disbursement-key').toString('base64'),
      'ocp-apim-subscription-key': 'paysim-momo-disbursement' },
  });
  const token = (await tok.json()).access_token;
  const outside = await fetch(`${sim.base}/momo/disbursement/v1_0/refund`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-reference-id': '5c7d9e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f', 'x-target-environment': 'sandbox',
      'ocp-apim-subscription-key': 'paysim-momo-disbursement', 'content-type': 'application/json' },
    body: JSON.stringify({ amount: '1500', currency: 'XOF', externalId: 'guichet', payerMessage: 'm', payeeNote: 'n', referenceIdToRefund: ref }),
  });
  assert.equal(outside.status, 202);
  const r = await admin.request('POST', `/api/v1/payments/${ref}/refund`, { body: { reason: 'Doublon' } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const refused = await waitRefund(admin, ref, 'refused');
  assert.equal(refused.state, 'refund_pending');
  assert.match(refused.last_error, /NOT_ALLOWED/);
  const l0 = await ledger(admin);
  assert.equal(refundEntries(l0, ref), 0);
  // The exporter does not see the error text.
  assert.equal((await exporter.request('GET', `/api/v1/payments/${ref}`)).data.last_error, undefined);
  const c = await admin.request('POST', `/api/v1/payments/${ref}/refund/confirm`, { body: { provider_refund_id: 'MOMO-GUICHET-1' } });
  assert.equal(c.status, 200, JSON.stringify(c.data));
  assert.equal(c.data.state, 'refunded');
  const l = await ledger(admin);
  assert.equal(refundEntries(l, ref), 1);
  assert.equal(l.balanced, true);
});

test('Orange has no refund API: refunded outside, confirmed by hand with the transfer reference', async () => {
  const exporter = await login('exportateur@demo.ml');
  const admin = await login('admin@demo.ml');
  const intent = await paid(exporter, 'orange', 'FAC-RF-ORANGE');
  const ref = intent.reference;
  assert.equal(intent.refund_mode, 'manual');
  const r = await admin.request('POST', `/api/v1/payments/${ref}/refund`, { body: { reason: 'Demande annulée' } });
  assert.equal(r.status, 200);
  assert.equal(r.data.state, 'refund_pending');
  assert.equal(r.data.refund.state, 'manual');
  assert.equal(r.data.refund.reference, null);
  assert.equal((await server.paysim.control('GET', `/payments/orange/${ref}`)).data.refunded, false);
  assert.equal((await admin.request('POST', `/api/v1/payments/${ref}/refund`, { body: { reason: 'encore' } })).status, 409);
  const empty = await admin.request('POST', `/api/v1/payments/${ref}/refund/confirm`, { body: { provider_refund_id: '' } });
  assert.equal(empty.status, 422);
  const c = await admin.request('POST', `/api/v1/payments/${ref}/refund/confirm`, { body: { provider_refund_id: 'OM-VIR-2026-0042' } });
  assert.equal(c.status, 200);
  assert.equal(c.data.state, 'refunded');
  assert.equal(c.data.refund.provider_refund_id, 'OM-VIR-2026-0042');
  const l = await ledger(admin);
  assert.equal(refundEntries(l, ref), 1);
  assert.equal(l.balanced, true);
});

test('statements: Wave and MoMo reversals reconcile as matched with their refunded payments', async () => {
  const admin = await login('admin@demo.ml');
  const sim = server.paysim;
  const date = new Date((await sim.control('GET', '/clock')).data.now * 1000).toISOString().slice(0, 10);
  const refunded = [];
  for (let cursor = null; ;) {
    const page = await admin.request('GET', `/api/v1/payments?state=refunded&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(page.status, 200);
    refunded.push(...page.data.items);
    if (!page.data.next_cursor) break;
    cursor = page.data.next_cursor;
  }
  for (const provider of ['wave', 'momo']) {
    const body = { provider, date };
    if (provider === 'momo') body.statement = JSON.stringify((await sim.control('GET', `/statements/momo?date=${date}`)).data);
    const r = await admin.request('POST', '/api/v1/reconciliations', { body });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    // (the payment refunded outside the platform carries another externalId at MoMo)
    const ours = refunded.filter((p) => p.provider === provider && p.refund?.provider_refund_id !== 'MOMO-GUICHET-1');
    assert.ok(ours.length >= 2, `${provider}: refunded payments ${ours.length}`);
    for (const p of ours) {
      const lines = r.data.lines.filter((l) => l.reference === p.reference);
      assert.equal(lines.length, 2, `${provider} ${p.reference}: ${JSON.stringify(lines)}`);
      assert.deepEqual(lines.map((l) => l.class), ['matched', 'matched'], `${provider}: ${JSON.stringify(lines)}`);
    }
  }
});

test('refund secrets never appear in the server log', async () => {
  const log = server.logs();
  for (const secret of ['paysim-momo-disbursement', 'paysim-momo-disbursement-key', 'paysim-wave-api-key', 'Basic '])
    assert.equal(log.includes(secret), false, `${secret} is in the log`);
  assert.ok(log.length > 1000, 'the log was captured');
});
