// Issue 3, company level: approved-exporter status per regime (granted by the authority, used by
// the origin calculator), several users per company (added, disabled, sessions ended), the
// company page of the staff, certificates' countries from iso-codes. Bad input and 403/404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, sesame } from './server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const fields = (r) => (r.data.errors ?? []).map((e) => e.field).sort();
const as = async (email, password) => { const c = new Client(server.base); await c.login(email, password); return c; };

test('approved-exporter status: granted by an agent, shown in the profile, used by the origin calculator', async () => {
  const exporter = await as('exportateur@demo.ml');
  const other = await as('exportateur2@demo.ml');
  const agent = await as('agent@demo.ml');
  const signatory = await as('signataire@demo.ml');
  const company = (await exporter.request('GET', '/api/v1/company')).data;
  const companyId = company.id;
  assert.ok(Array.isArray(company.approved_exporter));
  const otherId = (await other.request('GET', '/api/v1/company')).data.id;

  // An industrial ETLS line given by explicit facts (no registry product) needs an approval.
  const input = sesame();
  input.goods = [{ hs_code: '151590', description: 'Beurre de karité raffiné', quantity: '10', unit: 'kg',
    gross_weight_kg: '11', net_weight_kg: '10', value_xof: 500000,
    origin_facts: { product_kind: 'industrial', ex_works_xof: 1000000, processes: ['refining'],
      materials: [{ hs_code: '3923', description: 'Pots', cif_xof: 100000 }] } }];
  const before = await exporter.request('POST', '/api/v1/applications/evaluate', { body: input });
  assert.equal(before.status, 200, JSON.stringify(before.data));
  assert.ok(before.data.origin[0].reasons.includes('approval_missing'), JSON.stringify(before.data.origin[0]));

  const grant = { regime: 'ETLS', number: 'AE-ML-2026-0042', valid_until: '2099-12-31', comment: 'Comité du 12/11' };
  // Who may grant: agent and admin only; the exporter and the signatory get 403.
  assert.equal((await exporter.request('POST', `/api/v1/companies/${companyId}/approved-exporter`, { body: grant })).status, 403);
  assert.equal((await signatory.request('POST', `/api/v1/companies/${companyId}/approved-exporter`, { body: grant })).status, 403);
  assert.equal((await agent.request('POST', '/api/v1/companies/999999/approved-exporter', { body: grant })).status, 404);
  // Bad input: every field named.
  const bad = await agent.request('POST', `/api/v1/companies/${companyId}/approved-exporter`,
    { body: { regime: 'NP', number: '', valid_until: '2020-01-01', colour: 'red' } });
  assert.equal(bad.status, 422, JSON.stringify(bad.data));
  assert.equal(bad.data.type.endsWith('/invalid-input'), true);
  assert.deepEqual(fields(bad), ['colour', 'number', 'regime', 'valid_until']);

  const granted = await agent.request('POST', `/api/v1/companies/${companyId}/approved-exporter`, { body: grant });
  assert.equal(granted.status, 201, JSON.stringify(granted.data));
  assert.equal(granted.data.valid_today, true);
  assert.equal(granted.data.granted_by.role, 'agent');

  const profile = (await exporter.request('GET', '/api/v1/company')).data;
  assert.equal(profile.approved_exporter[0].number, 'AE-ML-2026-0042');
  const after = await exporter.request('POST', '/api/v1/applications/evaluate', { body: input });
  assert.equal(after.data.origin[0].approval_number, 'AE-ML-2026-0042', JSON.stringify(after.data.origin[0]));
  assert.ok(!after.data.origin[0].reasons.includes('approval_missing'));
  // The other exporter's lines do not benefit from it, and its company page is invisible.
  const foreign = await other.request('POST', '/api/v1/applications/evaluate', { body: input });
  assert.ok(foreign.data.origin[0].reasons.includes('approval_missing'));
  assert.equal((await other.request('GET', `/api/v1/companies/${companyId}`)).status, 404);
  assert.equal((await exporter.request('GET', `/api/v1/companies/${companyId}`)).status, 200);
  const staffView = await signatory.request('GET', `/api/v1/companies/${companyId}`);
  assert.equal(staffView.status, 200);
  assert.equal(staffView.data.approved_exporter[0].status, 'active');

  // Revocation: comment required, 404 under another company, then audited and no longer used.
  const aid = granted.data.id;
  assert.equal((await agent.request('POST', `/api/v1/companies/${companyId}/approved-exporter/${aid}/revoke`, { body: {} })).status, 422);
  assert.equal((await agent.request('POST', `/api/v1/companies/${otherId}/approved-exporter/${aid}/revoke`, { body: { comment: 'x' } })).status, 404);
  assert.equal((await exporter.request('POST', `/api/v1/companies/${companyId}/approved-exporter/${aid}/revoke`, { body: { comment: 'x' } })).status, 403);
  const revoked = await agent.request('POST', `/api/v1/companies/${companyId}/approved-exporter/${aid}/revoke`, { body: { comment: 'Contrôle défavorable' } });
  assert.equal(revoked.status, 200, JSON.stringify(revoked.data));
  assert.equal(revoked.data.status, 'revoked');
  assert.equal((await agent.request('POST', `/api/v1/companies/${companyId}/approved-exporter/${aid}/revoke`, { body: { comment: 'again' } })).status, 409);
  const again = await exporter.request('POST', '/api/v1/applications/evaluate', { body: input });
  assert.ok(again.data.origin[0].reasons.includes('approval_missing'));

  const auditor = await as('auditeur@demo.ml');
  const events = await auditor.request('GET', `/api/v1/audit/events?object_type=company&object_id=${companyId}`);
  assert.equal(events.status, 200, JSON.stringify(events.data));
  const actions = events.data.items.map((e) => e.action);
  assert.ok(actions.includes('company_approval.grant') && actions.includes('company_approval.revoke'), actions.join());
});

test('several users per company: added with an initial password, disabled users cannot log in and lose their sessions', async () => {
  const exporter = await as('exportateur@demo.ml');
  const other = await as('exportateur2@demo.ml');
  const agent = await as('agent@demo.ml');
  const admin = await as('admin@demo.ml');
  const me = (await exporter.request('GET', '/api/v1/auth/me')).data.user;
  const companyId = me.company.id;
  const otherId = (await other.request('GET', '/api/v1/company')).data.id;

  const list = await exporter.request('GET', `/api/v1/companies/${companyId}/users`);
  assert.equal(list.status, 200);
  assert.ok(list.data.items.some((u) => u.email === 'exportateur@demo.ml'));
  assert.ok(list.data.items.every((u) => !('password_hash' in u)));
  // Another company's users are invisible; staff other than the admin are refused.
  assert.equal((await other.request('GET', `/api/v1/companies/${companyId}/users`)).status, 404);
  assert.equal((await agent.request('GET', `/api/v1/companies/${companyId}/users`)).status, 403);
  assert.equal((await admin.request('GET', `/api/v1/companies/${otherId}/users`)).status, 200);

  // Bad input, duplicates, another company.
  const bad = await exporter.request('POST', `/api/v1/companies/${companyId}/users`, { body: { email: 'nope', name: ' ', password: 'short' } });
  assert.equal(bad.status, 422, JSON.stringify(bad.data));
  assert.deepEqual(fields(bad), ['email', 'name', 'password']);
  const missing = await exporter.request('POST', `/api/v1/companies/${companyId}/users`, { body: { role: 'admin' } });
  assert.equal(missing.status, 422);
  assert.deepEqual(fields(missing), ['email', 'name', 'password', 'role']);
  const dup = await exporter.request('POST', `/api/v1/companies/${companyId}/users`, { body: { email: 'agent@demo.ml', name: 'X', password: 'password-x' } });
  assert.equal(dup.status, 409);
  assert.equal(dup.data.code, 'email.taken');
  assert.deepEqual(bad.data.errors.map((e) => e.code), ['email.format', 'name.required', 'password.length']);
  assert.equal((await other.request('POST', `/api/v1/companies/${companyId}/users`, { body: { email: 'x@demo.ml', name: 'X', password: 'password-x' } })).status, 404);
  assert.equal((await agent.request('POST', `/api/v1/companies/${companyId}/users`, { body: { email: 'x@demo.ml', name: 'X', password: 'password-x' } })).status, 403);

  const added = await exporter.request('POST', `/api/v1/companies/${companyId}/users`, { body: { email: 'Comptable@Sahel.ml', name: 'Oumar Sidibé', password: 'premier-mot-de-passe' } });
  assert.equal(added.status, 201, JSON.stringify(added.data));
  assert.equal(added.data.email, 'comptable@sahel.ml');
  assert.equal(added.data.active, true);
  const newcomer = await as('comptable@sahel.ml', 'premier-mot-de-passe');
  assert.equal((await newcomer.request('GET', '/api/v1/products')).status, 200);
  assert.equal((await newcomer.request('GET', '/api/v1/company')).data.id, companyId);

  // Nobody disables their own account; another company's user is 404.
  assert.equal((await exporter.request('POST', `/api/v1/companies/${companyId}/users/${me.id}/disable`)).status, 409);
  const otherMe = (await other.request('GET', '/api/v1/auth/me')).data.user;
  assert.equal((await exporter.request('POST', `/api/v1/companies/${companyId}/users/${otherMe.id}/disable`)).status, 404);
  assert.equal((await exporter.request('POST', `/api/v1/companies/${otherId}/users/${otherMe.id}/disable`)).status, 404);
  const off = await exporter.request('POST', `/api/v1/companies/${companyId}/users/${added.data.id}/disable`);
  assert.equal(off.status, 200, JSON.stringify(off.data));
  assert.equal(off.data.active, false);
  // The session in use ends at once; logging in again is refused.
  assert.equal((await newcomer.request('GET', '/api/v1/products')).status, 401);
  const relog = await new Client(server.base).request('POST', '/api/v1/auth/login', { body: { email: 'comptable@sahel.ml', password: 'premier-mot-de-passe' } });
  assert.equal(relog.status, 401);
  // The admin re-enables it.
  const on = await admin.request('POST', `/api/v1/companies/${companyId}/users/${added.data.id}/enable`);
  assert.equal(on.status, 200);
  await as('comptable@sahel.ml', 'premier-mot-de-passe');

  const auditor = await as('auditeur@demo.ml');
  const events = await auditor.request('GET', `/api/v1/audit/events?object_type=user&object_id=${added.data.id}`);
  const actions = events.data.items.map((e) => e.action);
  for (const a of ['user.create', 'user.disable', 'user.enable']) assert.ok(actions.includes(a), actions.join());
});

test('identity and registry errors carry codes; another company\'s NIF is refused as nif.taken', async () => {
  const anonymous = new Client(server.base);
  const noSession = await anonymous.request('GET', '/api/v1/auth/me');
  assert.equal(noSession.status, 401);
  assert.equal(noSession.data.code, 'session.required');
  const forged = await anonymous.request('GET', '/api/v1/auth/me', { headers: { cookie: 'origine_session=forged-token' } });
  assert.equal(forged.status, 401);
  assert.equal(forged.data.code, 'session.expired');
  const wrong = await anonymous.request('POST', '/api/v1/auth/login', { body: { email: 'exportateur@demo.ml', password: 'not-the-password' } });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.data.code, 'auth.invalid_credentials');

  const exporter = await as('exportateur@demo.ml');
  const other = await as('exportateur2@demo.ml');
  const otherNif = (await other.request('GET', '/api/v1/company')).data.nif;
  // It was a raw storage conflict (the UNIQUE constraint's text); now a coded 409.
  const taken = await exporter.request('PUT', '/api/v1/company', { body: { nif: otherNif } });
  assert.equal(taken.status, 409, JSON.stringify(taken.data));
  assert.equal(taken.data.code, 'nif.taken');
  assert.deepEqual(taken.data.params, { nif: otherNif });
  const bad = await exporter.request('PUT', '/api/v1/company', { body: { nif: '123', rccm: 'BKO-1' } });
  assert.equal(bad.status, 422, JSON.stringify(bad.data));
  assert.equal(bad.data.code, 'company.invalid');
  assert.deepEqual(bad.data.errors.map((e) => [e.field, e.code]), [['nif', 'nif.format'], ['rccm', 'rccm.format']]);

  // Another company's product is not found, with its code.
  const mine = (await exporter.request('GET', '/api/v1/products')).data.items[0];
  const hidden = await other.request('GET', `/api/v1/products/${mine.id}`);
  assert.equal(hidden.status, 404);
  assert.equal(hidden.data.code, 'product.not_found');
  const admin = await as('admin@demo.ml');
  const status = await admin.request('POST', `/api/v1/companies/${mine.company_id}/status`, { body: { status: 'closed' } });
  assert.equal(status.status, 422);
  assert.equal(status.data.code, 'company_status.unknown');
});

test('certificates validate countries against iso-codes, not a short built-in list', async () => {
  const exporter = await as('exportateur@demo.ml');
  const input = sesame();
  input.consignee.country = 'KZ'; // Kazakhstan: absent from the old built-in table
  input.destination_country = 'SN';
  const ok = await exporter.request('POST', '/api/v1/applications', { body: input });
  assert.equal(ok.status, 201, JSON.stringify(ok.data));
  const bad = await exporter.request('POST', '/api/v1/applications', { body: { ...input, destination_country: 'XX' } });
  assert.equal(bad.status, 422);
  assert.deepEqual(fields(bad), ['destination_country']);
});
