// Payments against the REAL simulator process (origine-paysim): each
// provider's happy path, forged/stale/duplicate callbacks, initiation errors
// resolved by status queries, lost callbacks, late success and refund,
// authorization, reconciliation reports, secrets kept out of the logs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, sesame, payApplication } from './server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const today = () => new Date().toISOString().slice(0, 10);

async function login(email) {
  const c = new Client(server.base);
  await c.login(email);
  return c;
}

// A new application of the demo exporter, submitted: awaiting payment.
async function awaiting(exporter, invoice) {
  const created = await exporter.request('POST', '/api/v1/applications', { body: { ...sesame(), invoice: { number: invoice, date: '2026-11-20' } } });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const sub = await exporter.request('POST', `/api/v1/applications/${created.data.id}/submit`);
  assert.equal(sub.data.status, 'awaiting_payment', JSON.stringify(sub.data));
  return created.data.id;
}

async function startPayment(exporter, id, provider) {
  const body = { provider };
  if (provider === 'momo') body.payer_msisdn = '22376000000';
  const r = await exporter.request('POST', `/api/v1/applications/${id}/payments`, { body });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data;
}

async function waitState(client, ref, states, ms = 30_000) {
  const want = [].concat(states);
  const deadline = Date.now() + ms;
  for (;;) {
    const p = await client.request('GET', `/api/v1/payments/${ref}`);
    if (want.includes(p.data.state)) return p.data;
    if (Date.now() > deadline) throw new Error(`payment ${ref} is ${p.data.state}, not ${want.join('|')}, after ${ms} ms`);
    await sleep(150);
  }
}

// The whole ledger: balances of the first page (they cover every entry) and
// the entries of every page.
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

test('each provider: pay through the simulator, the application moves on, one posting, a receipt', async () => {
  const exporter = await login('exportateur@demo.ml');
  const admin = await login('admin@demo.ml');
  for (const provider of ['orange', 'wave', 'cinetpay', 'momo']) {
    const id = await awaiting(exporter, `FAC-PAY-${provider}`);
    const app = await payApplication(exporter, server, id, { provider });
    assert.equal(app.status, 'submitted', provider);
    const intent = app.payment.intents[0];
    assert.equal(intent.provider, provider);
    assert.equal(intent.state, 'succeeded');
    assert.equal(intent.amount_xof, 1500);
    const receipt = await exporter.request('GET', `/api/v1/payments/${intent.reference}/receipt`);
    assert.equal(receipt.status, 200);
    assert.equal(receipt.data.subarray(0, 5).toString(), '%PDF-');
    const l = await ledger(admin);
    assert.equal(l.entries.filter((e) => e.reference === intent.reference && e.kind === 'payment').length, 1, provider);
    assert.equal(l.balanced, true);
  }
  // The fee endpoint is public and effective-dated.
  const fees = await new Client(server.base).request('GET', '/api/v1/fees?regime=ETLS');
  assert.equal(fees.status, 200);
  assert.deepEqual(fees.data.items.map((f) => [f.service, f.amount_xof]), [['issue', 1500], ['amendment', 1500], ['duplicata', 3000]]);
  assert.equal((await new Client(server.base).request('GET', '/api/v1/fees?regime=XYZ')).status, 404);
});

test('forged and stale callbacks change nothing and are counted; duplicates post once', async () => {
  const exporter = await login('exportateur@demo.ml');
  const admin = await login('admin@demo.ml');
  const sim = server.paysim;
  // Forged success (wrong HMAC / x-token / notif_token) for a payment that actually fails.
  for (const provider of ['wave', 'cinetpay', 'orange']) {
    const id = await awaiting(exporter, `FAC-FORGED-${provider}`);
    const intent = await startPayment(exporter, id, provider);
    assert.equal((await sim.control('POST', '/faults', { fault: 'forged_signature', reference: intent.reference })).status, 201);
    assert.equal((await sim.control('POST', `/payments/${provider}/${intent.reference}/complete`, { outcome: 'failure' })).status, 200);
    await waitState(exporter, intent.reference, 'failed');
    const cbs = (await sim.control('GET', `/callbacks?provider=${provider}&reference=${intent.reference}`)).data.callbacks;
    assert.ok(cbs.some((c) => c.status === 401), `${provider}: the forgery was refused (${JSON.stringify(cbs.map((c) => c.status))})`);
    assert.equal((await exporter.request('GET', `/api/v1/applications/${id}`)).data.status, 'awaiting_payment');
  }
  // Wave webhook signed correctly but 15 minutes old: refused; polling still finds the success.
  {
    const id = await awaiting(exporter, 'FAC-STALE');
    const intent = await startPayment(exporter, id, 'wave');
    await sim.control('POST', '/faults', { fault: 'stale_timestamp', reference: intent.reference });
    await sim.control('POST', `/payments/wave/${intent.reference}/complete`, { outcome: 'success' });
    await waitState(exporter, intent.reference, 'succeeded');
    const cbs = (await sim.control('GET', `/callbacks?provider=wave&reference=${intent.reference}`)).data.callbacks;
    assert.ok(cbs.every((c) => c.status === 401), JSON.stringify(cbs.map((c) => c.status)));
  }
  // Duplicated callbacks: one posting.
  {
    const id = await awaiting(exporter, 'FAC-DUP');
    const intent = await startPayment(exporter, id, 'cinetpay');
    await sim.control('POST', '/faults', { fault: 'duplicate', reference: intent.reference, params: { times: 4 } });
    await sim.control('POST', `/payments/cinetpay/${intent.reference}/complete`, { outcome: 'success' });
    await waitState(exporter, intent.reference, 'succeeded');
    await sleep(1000);
    const l = await ledger(admin);
    assert.equal(l.entries.filter((e) => e.reference === intent.reference).length, 1);
  }
  const metrics = await new Client(server.base).request('GET', '/metrics');
  const text = metrics.data.toString();
  assert.match(text, /origine_payment_callbacks_total\{provider="wave",outcome="forged"\} [1-9]/);
  assert.match(text, /origine_payment_callbacks_total\{provider="wave",outcome="stale"\} [1-9]/);
  assert.match(text, /origine_payment_callbacks_total\{provider="cinetpay",outcome="duplicate"\} [1-9]/);
  // A callback without any signature at all.
  const bare = await new Client(server.base).request('POST', '/api/v1/payments/callbacks/wave', { body: { id: 'AE_x', data: {} } });
  assert.equal(bare.status, 401);
  assert.equal((await new Client(server.base).request('POST', '/api/v1/payments/callbacks/paypal', { body: {} })).status, 404);
});

test('a 5xx on initiation is resolved by a status query, never by a second POST; a lost callback by polling', async () => {
  const exporter = await login('exportateur@demo.ml');
  const sim = server.paysim;
  for (const provider of ['orange', 'wave', 'cinetpay', 'momo']) {
    await sim.control('POST', '/faults', { fault: 'init_5xx', provider, count: 1 });
    const id = await awaiting(exporter, `FAC-5XX-${provider}`);
    const body = { provider };
    if (provider === 'momo') body.payer_msisdn = '22376000000';
    const r = await exporter.request('POST', `/api/v1/applications/${id}/payments`, { body });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.state, 'unknown', provider);
    // A new attempt is refused while this one may exist.
    assert.equal((await exporter.request('POST', `/api/v1/applications/${id}/payments`, { body })).status, 409);
    const ref = r.data.reference;
    const simPayments = (await sim.control('GET', `/payments?provider=${provider}`)).data.payments.filter((p) => p.reference === ref);
    assert.equal(simPayments.length, 1, `${provider}: created once at the provider`);
    await sim.control('POST', `/payments/${provider}/${ref}/complete`, { outcome: 'success' });
    await waitState(exporter, ref, 'succeeded', 60_000);
    assert.equal((await exporter.request('GET', `/api/v1/applications/${id}`)).data.status, 'submitted');
  }
  // Lost callback (MoMo's once-only callback never arrives): polling finds the success.
  const id = await awaiting(exporter, 'FAC-LOST');
  const intent = await startPayment(exporter, id, 'momo');
  await sim.control('POST', '/faults', { fault: 'lost', reference: intent.reference });
  await sim.control('POST', `/payments/momo/${intent.reference}/complete`, { outcome: 'success' });
  await waitState(exporter, intent.reference, 'succeeded', 60_000);
});

test('a success after expiry is held for a refund; the administrator refunds it', async () => {
  const exporter = await login('exportateur@demo.ml');
  const admin = await login('admin@demo.ml');
  const agent = await login('agent@demo.ml');
  const sim = server.paysim;
  const id = await awaiting(exporter, 'FAC-LATE');
  const intent = await startPayment(exporter, id, 'orange');
  await sim.control('POST', '/faults', { fault: 'late_success', reference: intent.reference, params: { ms: 2500 } });
  await sim.control('POST', `/payments/orange/${intent.reference}/complete`, { outcome: 'success' });
  // The platform sees "expired" first (status query), then the success.
  await exporter.request('POST', `/api/v1/payments/${intent.reference}/check`);
  const late = await waitState(exporter, intent.reference, ['late_success', 'succeeded'], 60_000);
  if (late.state === 'late_success') {
    assert.equal((await exporter.request('GET', `/api/v1/applications/${id}`)).data.status, 'awaiting_payment');
    assert.equal((await agent.request('POST', `/api/v1/payments/${intent.reference}/refund`, { body: { reason: 'x' } })).status, 403);
    const bad = await admin.request('POST', `/api/v1/payments/${intent.reference}/refund`, { body: { reason: ' ' } });
    assert.equal(bad.status, 422);
    const rp = await admin.request('POST', `/api/v1/payments/${intent.reference}/refund`, { body: { reason: 'Reçu après expiration' } });
    assert.equal(rp.data.state, 'refund_pending');
    const rf = await admin.request('POST', `/api/v1/payments/${intent.reference}/refund/confirm`, { body: { provider_refund_id: 'RF-1' } });
    assert.equal(rf.data.state, 'refunded');
    const l = await ledger(admin);
    assert.equal(l.balances['Suspense:LateSuccess'] ?? 0, 0);
    assert.equal(l.balanced, true);
  } else {
    // The success arrived before the platform saw the expiry: a normal payment.
    assert.equal((await exporter.request('GET', `/api/v1/applications/${id}`)).data.status, 'submitted');
  }
});

test('authorization: another company sees nothing; roles are enforced', async () => {
  const exporter = await login('exportateur@demo.ml');
  const other = await login('exportateur2@demo.ml');
  const agent = await login('agent@demo.ml');
  const auditor = await login('auditeur@demo.ml');
  const id = await awaiting(exporter, 'FAC-AUTHZ');
  const intent = await startPayment(exporter, id, 'wave');
  assert.equal((await other.request('GET', `/api/v1/payments/${intent.reference}`)).status, 404);
  assert.equal((await other.request('GET', `/api/v1/applications/${id}/payments`)).status, 404);
  assert.equal((await other.request('POST', `/api/v1/applications/${id}/payments`, { body: { provider: 'wave' } })).status, 404);
  assert.equal((await other.request('POST', `/api/v1/payments/${intent.reference}/check`)).status, 404);
  assert.equal((await other.request('GET', `/api/v1/payments/${intent.reference}/receipt`)).status, 404);
  assert.equal((await agent.request('POST', `/api/v1/applications/${id}/payments`, { body: { provider: 'wave' } })).status, 403);
  assert.equal((await agent.request('GET', `/api/v1/payments/${intent.reference}`)).data.payment_url, null);
  assert.equal((await exporter.request('GET', '/api/v1/ledger')).status, 403);
  assert.equal((await agent.request('GET', '/api/v1/ledger')).status, 403);
  // The auditor reads the audit trail and nothing else.
  for (const path of ['/api/v1/ledger', '/api/v1/payments', `/api/v1/payments/${intent.reference}`, `/api/v1/treasury?date=${today()}`, '/api/v1/reconciliations'])
    assert.equal((await auditor.request('GET', path)).status, 403, path);
  assert.equal((await exporter.request('GET', '/api/v1/payments')).status, 403);
  assert.equal((await auditor.request('POST', '/api/v1/reconciliations', { body: { provider: 'wave', date: today() } })).status, 403);
  assert.equal((await exporter.request('GET', `/api/v1/treasury?date=${today()}`)).status, 403);
  // Bad input: readable problems.
  const bad = await exporter.request('POST', `/api/v1/applications/${id}/payments`, { body: { provider: 'paypal' } });
  assert.equal(bad.status, 422);
  assert.equal(bad.data.errors[0].field, 'provider');
  const noPhone = await exporter.request('POST', `/api/v1/applications/${id}/payments`, { body: { provider: 'momo' } });
  assert.equal(noPhone.status, 422);
  const anon = new Client(server.base);
  assert.equal((await anon.request('GET', `/api/v1/payments/${intent.reference}`)).status, 401);
  // Idempotency-Key: the same request twice gives the same intent.
  const id2 = await awaiting(exporter, 'FAC-IDEM');
  const h = { 'idempotency-key': 'it-idem-0000000001' };
  const a = await exporter.request('POST', `/api/v1/applications/${id2}/payments`, { body: { provider: 'cinetpay' }, headers: h });
  const b = await exporter.request('POST', `/api/v1/applications/${id2}/payments`, { body: { provider: 'cinetpay' }, headers: h });
  assert.equal(a.status, 201);
  assert.equal(b.status, 200);
  assert.equal(b.data.reference, a.data.reference);
  const c = await exporter.request('POST', `/api/v1/applications/${id2}/payments`, { body: { provider: 'wave' }, headers: h });
  assert.equal(c.status, 422);
});

test('reconciliation of each statement explains every line; reports in CSV, XLSX and PDF', async () => {
  const exporter = await login('exportateur@demo.ml');
  const admin = await login('admin@demo.ml');
  const sim = server.paysim;
  const date = new Date((await sim.control('GET', '/clock')).data.now * 1000).toISOString().slice(0, 10);
  const kinds = { orange: 'fee_variance', wave: 'amount_mismatch', cinetpay: 'missing_line', momo: 'extra_line' };
  const expected = { fee_variance: 'fee_variance', amount_mismatch: 'amount_mismatch', missing_line: 'missing_at_provider', extra_line: 'missing_ours' };
  for (const provider of Object.keys(kinds)) {
    const id = await awaiting(exporter, `FAC-REC-${provider}`);
    await payApplication(exporter, server, id, { provider });
    const plant = await sim.control('POST', `/statements/${provider}/discrepancies`, { date, kind: kinds[provider] });
    assert.equal(plant.status, 201, JSON.stringify(plant.data));
    let body = { provider, date };
    if (provider !== 'wave') {
      const st = await sim.control('GET', `/statements/${provider}?date=${date}`);
      assert.equal(st.status, 200);
      body.statement = typeof st.data === 'string' ? st.data : JSON.stringify(st.data);
    }
    const r = await admin.request('POST', '/api/v1/reconciliations', { body });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const classes = r.data.lines.map((l) => l.class);
    assert.ok(classes.includes(expected[kinds[provider]]), `${provider}: ${JSON.stringify(r.data.counts)}`);
    assert.ok(classes.every((c) => ['matched', 'fee_variance', 'amount_mismatch', 'missing_ours', 'missing_at_provider'].includes(c)));
    const csv = await admin.request('GET', `/api/v1/reconciliations/${r.data.id}?format=csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.data.toString(), /^ligne,transaction,reference,montant_xof/);
    const xlsx = await admin.request('GET', `/api/v1/reconciliations/${r.data.id}?format=xlsx`);
    assert.equal(xlsx.data.subarray(0, 2).toString(), 'PK');
    // The same statement twice is refused.
    if (body.statement) assert.equal((await admin.request('POST', '/api/v1/reconciliations', { body })).status, 409);
  }
  const t = await admin.request('GET', `/api/v1/treasury?date=${date}`);
  assert.equal(t.status, 200);
  assert.ok(t.data.items.length >= 4);
  const pdf = await admin.request('GET', `/api/v1/treasury?date=${date}&format=pdf`);
  assert.equal(pdf.data.subarray(0, 5).toString(), '%PDF-');
  const x = await admin.request('GET', `/api/v1/treasury?date=${date}&format=xlsx`);
  assert.equal(x.data.subarray(0, 2).toString(), 'PK');
  assert.equal((await admin.request('GET', '/api/v1/treasury?date=27-11-2026')).status, 422);
  assert.equal((await ledger(admin)).balanced, true);
});

test('a statement exported with a byte-order mark imports; impossible dates are refused, naming the line', async () => {
  const exporter = await login('exportateur@demo.ml');
  const admin = await login('admin@demo.ml');
  const sim = server.paysim;
  const date = new Date((await sim.control('GET', '/clock')).data.now * 1000).toISOString().slice(0, 10);
  const id = await awaiting(exporter, 'FAC-REC-BOM');
  const app = await payApplication(exporter, server, id, { provider: 'orange' });
  const reference = app.payment.intents[0].reference;
  const st = await sim.control('GET', `/statements/orange?date=${date}`);
  assert.equal(st.status, 200);
  const csv = typeof st.data === 'string' ? st.data : st.data.toString();
  assert.ok(csv.includes(reference), 'the simulator lists our payment');
  // As a spreadsheet saves it: a UTF-8 byte-order mark before the header.
  const bom = await admin.request('POST', '/api/v1/reconciliations', { body: { provider: 'orange', date, statement: '\uFEFF' + csv } });
  assert.equal(bom.status, 201, JSON.stringify(bom.data));
  const ours = bom.data.lines.find((l) => l.reference === reference);
  assert.ok(ours, JSON.stringify(bom.data.lines));
  assert.equal(ours.class, 'matched');
  // 30 February in a statement line: refused, naming the line, nothing stored.
  const lines = csv.split('\r\n');
  const n = lines.findIndex((l) => l.includes(reference));
  lines[n] = lines[n].replace(/^\d{4}-\d{2}-\d{2}/, '2026-02-30');
  const bad = await admin.request('POST', '/api/v1/reconciliations', { body: { provider: 'orange', date, statement: lines.join('\r\n') } });
  assert.equal(bad.status, 422, JSON.stringify(bad.data));
  assert.equal(bad.data.code, 'statement.date');
  assert.equal(bad.data.params.line, String(n + 1));
  assert.deepEqual(bad.data.errors.map((e) => [e.field, e.code]), [[`line ${n + 1}/date`, 'statement.date']]);
  // 30 February in a query: refused, never read as 2 March.
  for (const [method, path, body] of [
    ['POST', '/api/v1/reconciliations', { provider: 'orange', date: '2026-02-30', statement: csv }],
    ['GET', '/api/v1/treasury?date=2026-02-30'],
    ['GET', '/api/v1/fees?regime=ETLS&date=2026-02-30'],
  ]) {
    const r = await admin.request(method, path, body ? { body } : {});
    assert.equal(r.status, 422, `${path}: ${JSON.stringify(r.data)}`);
    assert.equal(r.data.code, 'date.format', path);
    assert.deepEqual(r.data.errors.map((e) => [e.field, e.code]), [['date', 'date.format']], path);
  }
});

test('provider secrets never appear in the server log', async () => {
  const log = server.logs();
  for (const secret of ['paysim-wave-api-key', 'paysim-wave-webhook-secret', 'paysim-orange-secret', 'paysim-orange-merchant',
    'paysim-cinetpay-apikey', 'paysim-cinetpay-secret', 'paysim-momo-api-key', 'paysim-momo-subscription',
    'paysim-momo-disbursement', 'paysim-momo-disbursement-key'])
    assert.equal(log.includes(secret), false, `${secret} is in the log`);
  assert.ok(log.length > 1000, 'the log was captured');
});
