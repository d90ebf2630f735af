// Black-box tests of the HTTP API against the real server process.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, sesame, payApplication } from './server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const isProblem = (r, status, slug) => {
  assert.equal(r.status, status, JSON.stringify(r.data));
  assert.match(r.type, /application\/problem\+json/);
  assert.equal(r.data.status, status);
  if (slug) assert.equal(r.data.type, `/problems/${slug}`);
  assert.ok(r.data.request_id, 'problem carries the request id');
};

test('health, metrics and OpenAPI are served', async () => {
  const c = new Client(server.base);
  const h = await c.request('GET', '/healthz');
  assert.equal(h.status, 200);
  assert.deepEqual(h.data, { status: 'ok' });
  assert.ok(h.headers.get('x-request-id'));
  const m = await c.request('GET', '/metrics');
  assert.equal(m.status, 200);
  const text = m.data.toString();
  assert.match(text, /origine_http_requests_total\{route="\/healthz",method="GET",status="200"\} \d+/);
  assert.match(text, /origine_http_request_duration_seconds_bucket\{route="\/healthz"/);
  const o = await c.request('GET', '/api/v1/openapi.json');
  assert.equal(o.status, 200);
  assert.equal(o.data.openapi, '3.1.0');
  assert.ok(o.data.paths['/api/v1/verify'].post);
});

test('the whole journey over the API issues a verifiable certificate', async () => {
  const exporter = new Client(server.base);
  await exporter.login('exportateur@demo.ml');
  const created = await exporter.request('POST', '/api/v1/applications', { body: sesame() });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  assert.equal(created.data.status, 'draft');
  // The fee is shown before submission.
  assert.equal(created.data.payment.status, 'due_on_submit');
  assert.equal(created.data.payment.fee.code, 'ETLS-ISSUE');
  assert.equal(created.data.payment.amount_xof, 1500);
  const id = created.data.id;
  assert.equal(created.headers.get('location'), `/api/v1/applications/${id}`);
  const submitted = await exporter.request('POST', `/api/v1/applications/${id}/submit`);
  assert.equal(submitted.status, 200);
  assert.equal(submitted.data.status, 'awaiting_payment');
  assert.equal(submitted.data.payment.status, 'due');
  const paid = await payApplication(exporter, server, id, { provider: 'orange' });
  assert.equal(paid.status, 'submitted');
  assert.equal(paid.payment.status, 'paid');
  assert.match(paid.payment.intents[0].receipt_number, /^RC-\d{4}-\d{6}$/);

  const agent = new Client(server.base);
  await agent.login('agent@demo.ml');
  const queue = await agent.request('GET', '/api/v1/applications?status=submitted');
  assert.ok(queue.data.items.some((a) => a.id === id));
  const approved = await agent.request('POST', `/api/v1/applications/${id}/approve`, { body: { comment: 'Conforme' } });
  assert.equal(approved.data.status, 'approved');

  const signatory = new Client(server.base);
  await signatory.login('signataire@demo.ml');
  const signed = await signatory.request('POST', `/api/v1/applications/${id}/sign`);
  assert.equal(signed.status, 200, JSON.stringify(signed.data));
  assert.equal(signed.data.status, 'issued');
  const number = signed.data.certificate_number;
  assert.match(number, /^ML-ETLS-\d{4}-\d{6}$/);

  const cert = await exporter.request('GET', `/api/v1/certificates/${number}`);
  assert.equal(cert.status, 200);
  assert.match(cert.data.qr, /^CO1:[0-9A-Z $%*+\-./:]+$/);
  const pdf = await exporter.request('GET', `/api/v1/certificates/${number}/pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.type, 'application/pdf');
  assert.equal(pdf.data.subarray(0, 5).toString(), '%PDF-');

  const anyone = new Client(server.base);
  const ok = await anyone.request('POST', '/api/v1/verify', { body: { qr: cert.data.qr } });
  assert.equal(ok.status, 200);
  assert.equal(ok.data.valid, true);
  assert.equal(ok.data.status, 'valid');
  assert.equal(ok.data.certificate.number, number);
  assert.equal(ok.data.certificate.goods[0].hs_code, '120740');
  const byNumber = await anyone.request('POST', '/api/v1/verify', { body: { number } });
  assert.equal(byNumber.data.valid, true);

  // One character changed in the middle of the QR: never valid.
  const qr = cert.data.qr;
  const i = Math.floor(qr.length / 2);
  const tampered = qr.slice(0, i) + (qr[i] === 'A' ? 'B' : 'A') + qr.slice(i + 1);
  const bad = await anyone.request('POST', '/api/v1/verify', { body: { qr: tampered } });
  assert.equal(bad.status, 200);
  assert.equal(bad.data.valid, false);
  assert.ok(['bad_signature', 'malformed'].includes(bad.data.status), bad.data.status);
  assert.ok(bad.data.message_fr.length > 0);
});

test('verification of garbage says clearly what is wrong', async () => {
  const c = new Client(server.base);
  for (const qr of ['hello', 'CO1:', 'CO1:!!!!', 'HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N IOP-IA%NFQGRJPC%OQHIZC4.OI1RM8ZA.A5:S9MKN4NN3F85QNCY0O%0VZ001HOC9JU0D0HT0HB2PL/IB*09B9LW4T*8+DCMH0LDK2%K:XFE70*LP$V25$0Q:J:4MO1P0%0L0HD+9E/HY+4J6TH48S%4K.GJ2PT3QY:GQ3TE2I+-CPHN6D7LLK*2HG%89UV-0LZ 2ZJJ524-LH/CJTK96L6SR9MU9DHGZ%P WUQRENS431T1XCNCF+47AY0-IFO0500TGPN8F5G.41Q2E4T8ALW.INSV$ 07UV5SR+BNQHNML7 /KD3TU 4V*CAT3ZGLQMI/XI%ZJNSBBXK2:UG%UJMI:TU+MMPZ5$/PMX19UE:-PSR3/$NU44CBE6DQ3D7B0FBOFX0DV2DGMB$YPF62I$60/F$Z2I6IFX21XNI-LM%3/DF/U6Z9FEOJVRLVW6K$UG+BKK57:1+D10%4K83F+1VWD1NE']) {
    const r = await c.request('POST', '/api/v1/verify', { body: { qr } });
    assert.equal(r.status, 200);
    assert.equal(r.data.valid, false, qr);
    assert.ok(['malformed', 'unknown_signer'].includes(r.data.status), `${qr.slice(0, 8)}: ${r.data.status}`);
    assert.ok(r.data.message_fr);
  }
  const unknownNumber = await c.request('POST', '/api/v1/verify', { body: { number: 'ML-ETLS-2026-999999' } });
  assert.equal(unknownNumber.data.valid, false);
  assert.equal(unknownNumber.data.status, 'not_found');
  isProblem(await c.request('POST', '/api/v1/verify', { body: {} }), 422, 'invalid-input');
  isProblem(await c.request('POST', '/api/v1/verify', { body: { qr: 'x', number: 'y' } }), 422, 'invalid-input');
  isProblem(await c.request('POST', '/api/v1/verify', { body: { qr: 42 } }), 422, 'invalid-input');
  isProblem(await c.request('POST', '/api/v1/verify', { body: { qr: 'CO1:' + 'A'.repeat(9000) } }), 422);
  isProblem(await c.request('POST', '/api/v1/verify', { raw: '{"qr": ', headers: { 'content-type': 'application/json' } }), 400, 'invalid-json');
  isProblem(await c.request('POST', '/api/v1/verify', { raw: 'qr=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
});

test('bad input gets problem details and changes nothing', async () => {
  const c = new Client(server.base);
  isProblem(await c.request('POST', '/api/v1/auth/login', { body: { email: 'exportateur@demo.ml', password: 'wrong-password' } }), 401, 'unauthenticated');
  isProblem(await c.request('POST', '/api/v1/auth/login', { body: { email: 'exportateur@demo.ml' } }), 422, 'invalid-input');
  await c.login('exportateur@demo.ml');
  const before = (await c.request('GET', '/api/v1/applications')).data.items.length;
  isProblem(await c.request('POST', '/api/v1/applications', { raw: '{"regime": "ETLS",', headers: { 'content-type': 'application/json' } }), 400, 'invalid-json');
  const missing = await c.request('POST', '/api/v1/applications', { body: { consignee: { name: 'x' } } });
  isProblem(missing, 422, 'invalid-input');
  assert.ok(missing.data.errors.some((e) => e.field === 'regime'));
  const bad = sesame();
  bad.goods[0].hs_code = '12';
  bad.goods[0].value_xof = 12.5;
  bad.destination_country = 'Senegal';
  const r = await c.request('POST', '/api/v1/applications', { body: bad });
  isProblem(r, 422, 'invalid-input');
  const fields = r.data.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['destination_country', 'goods/0/hs_code', 'goods/0/value_xof']);
  // Oversized body: 413, connection closed, nothing stored.
  const huge = await c.request('POST', '/api/v1/applications', { raw: '{"regime":"' + 'x'.repeat(2 << 20) + '"}', headers: { 'content-type': 'application/json' } });
  assert.equal(huge.status, 413);
  const after = (await c.request('GET', '/api/v1/applications')).data.items.length;
  assert.equal(after, before);
  // Provider statements have their own, larger limit (server.statement_limit_bytes, 16 MiB):
  // 2 MiB reaches the handler (an exporter: 403, not 413); 17 MiB does not.
  const bigStatement = await c.request('POST', '/api/v1/reconciliations', { body: { provider: 'orange', date: '2026-11-20', statement: 'x'.repeat(2 << 20) } });
  isProblem(bigStatement, 403, 'forbidden');
  const admin = new Client(server.base);
  await admin.login('admin@demo.ml');
  const imports = (await admin.request('GET', '/api/v1/reconciliations')).data.items.length;
  const unreadable = await admin.request('POST', '/api/v1/reconciliations', { body: { provider: 'orange', date: '2026-11-20', statement: 'x'.repeat(2 << 20) } });
  isProblem(unreadable, 422, 'invalid-input');
  const tooBig = await admin.request('POST', '/api/v1/reconciliations', { body: { provider: 'orange', date: '2026-11-20', statement: 'x'.repeat(17 << 20) } });
  assert.equal(tooBig.status, 413);
  assert.equal((await admin.request('GET', '/api/v1/reconciliations')).data.items.length, imports);
  // An incomplete draft saves, but cannot be submitted; every missing field is named.
  const draft = await c.request('POST', '/api/v1/applications', { body: { regime: 'NP' } });
  assert.equal(draft.status, 201);
  const sub = await c.request('POST', `/api/v1/applications/${draft.data.id}/submit`);
  isProblem(sub, 422, 'invalid-input');
  assert.ok(sub.data.errors.length >= 5);
  const still = await c.request('GET', `/api/v1/applications/${draft.data.id}`);
  assert.equal(still.data.status, 'draft');
  isProblem(await c.request('GET', '/api/v1/applications?status=bogus'), 422);
  isProblem(await c.request('GET', '/api/v1/applications/abc'), 404);
  isProblem(await c.request('DELETE', '/api/v1/applications'), 405, 'method-not-allowed');
  isProblem(await c.request('GET', '/api/v1/nothing-here'), 404, 'not-found');
});

test('authorization: sessions, CSRF, roles and companies', async () => {
  const anon = new Client(server.base);
  isProblem(await anon.request('GET', '/api/v1/applications'), 401, 'unauthenticated');
  isProblem(await anon.request('GET', '/api/v1/auth/me'), 401);
  isProblem(await anon.request('POST', '/api/v1/applications', { body: sesame() }), 401);
  isProblem(await anon.request('GET', '/api/v1/certificates/ML-ETLS-2026-000001/pdf'), 401);

  const exporter = new Client(server.base);
  await exporter.login('exportateur@demo.ml');
  // CSRF: missing or wrong token is refused even with a valid session.
  isProblem(await exporter.request('POST', '/api/v1/applications', { body: sesame(), headers: { 'x-csrf-token': '' } }), 403, 'csrf');
  isProblem(await exporter.request('POST', '/api/v1/applications', { body: sesame(), headers: { 'x-csrf-token': 'forged' } }), 403, 'csrf');
  const mine = await exporter.request('POST', '/api/v1/applications', { body: sesame() });
  assert.equal(mine.status, 201);
  await exporter.request('POST', `/api/v1/applications/${mine.data.id}/submit`);
  // Wrong role: 403.
  isProblem(await exporter.request('POST', `/api/v1/applications/${mine.data.id}/approve`), 403, 'forbidden');
  isProblem(await exporter.request('POST', `/api/v1/applications/${mine.data.id}/sign`), 403, 'forbidden');
  const agent = new Client(server.base);
  await agent.login('agent@demo.ml');
  isProblem(await agent.request('POST', '/api/v1/applications', { body: sesame() }), 403, 'forbidden');
  isProblem(await agent.request('POST', `/api/v1/applications/${mine.data.id}/sign`), 403, 'forbidden');
  isProblem(await agent.request('POST', `/api/v1/applications/${mine.data.id}/return`, { body: { comment: '' } }), 422);
  const admin = new Client(server.base);
  await admin.login('admin@demo.ml');
  isProblem(await admin.request('POST', `/api/v1/applications/${mine.data.id}/approve`), 403, 'forbidden');
  assert.equal((await admin.request('GET', `/api/v1/applications/${mine.data.id}`)).status, 200);

  // Another company's objects are invisible: 404, never 403.
  const other = new Client(server.base);
  await other.login('exportateur2@demo.ml');
  isProblem(await other.request('GET', `/api/v1/applications/${mine.data.id}`), 404, 'not-found');
  isProblem(await other.request('PUT', `/api/v1/applications/${mine.data.id}`, { body: sesame() }), 404);
  isProblem(await other.request('POST', `/api/v1/applications/${mine.data.id}/submit`), 404);
  const list = await other.request('GET', '/api/v1/applications');
  assert.ok(list.data.items.every((a) => a.company.name === 'Niger Karité SA'));
  const theirCerts = (await exporter.request('GET', '/api/v1/certificates')).data.items;
  assert.ok(theirCerts.length > 0);
  isProblem(await other.request('GET', `/api/v1/certificates/${theirCerts[0].number}`), 404);
  isProblem(await other.request('GET', `/api/v1/certificates/${theirCerts[0].number}/pdf`), 404);
  const otherCerts = (await other.request('GET', '/api/v1/certificates')).data.items;
  assert.ok(otherCerts.every((x) => x.company.name === 'Niger Karité SA'));

  // Logout ends the session.
  const out = await exporter.request('POST', '/api/v1/auth/logout');
  assert.equal(out.status, 204);
  isProblem(await exporter.request('GET', '/api/v1/applications'), 401);
});

test('the session cookie is HttpOnly and SameSite=Strict', async () => {
  const res = await fetch(server.base + '/api/v1/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'agent@demo.ml', password: 'origine-demo' }),
  });
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /origine_session=[A-Za-z0-9_-]{40,}/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Path=\//);
});

test('malformed request targets and headers are refused', async () => {
  const r = await fetch(server.base + '/api/v1/applications/%zz');
  assert.equal(r.status, 400);
  const big = await fetch(server.base + '/healthz', { headers: { 'x-filler': 'y'.repeat(20000) } }).catch((e) => e);
  assert.ok(big instanceof Error || big.status === 431 || big.status === 400, `got ${big.status}`);
});
