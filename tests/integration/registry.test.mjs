// Issue 3 black-box tests: regimes from data, origin calculator and refusal at submission,
// HS import and search, registries and the approval workflow, bad regime data at start.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, cli, sesame } from './server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const problemFields = (r) => (r.data.errors ?? []).map((e) => e.field);

test('GET /regimes lists the regimes of the data files in force today', async () => {
  const r = await new Client(server.base).request('GET', '/api/v1/regimes');
  assert.equal(r.status, 200);
  const codes = r.data.items.map((x) => x.code);
  for (const c of ['ETLS', 'UEMOA', 'AFCFTA', 'NP']) assert.ok(codes.includes(c), `${c} in ${codes}`);
  assert.ok(!codes.includes('AES'), 'AES is configured but not enabled');
  const etls = r.data.items.find((x) => x.code === 'ETLS');
  assert.equal(etls.validity.months, 6);
  assert.equal(etls.approval_required, true);
  assert.ok(etls.forms.length >= 2 && etls.fees.some((f) => f.service === 'issue' && f.amount_xof > 0));
  assert.ok(etls.label_fr.includes('CEDEAO'));
  assert.equal(r.data.items.find((x) => x.code === 'NP').data_code, 'GENERAL');
});

test('the calculator explains each line and submission refuses a line that cannot qualify', async () => {
  const exporter = new Client(server.base);
  await exporter.login('exportateur@demo.ml');
  const products = (await exporter.request('GET', '/api/v1/products')).data.items;
  const rice = products.find((p) => p.hs_code === '100630');
  const sesameProduct = products.find((p) => p.hs_code === '120740');
  assert.ok(rice && sesameProduct, 'demo products are seeded');
  const input = sesame();
  input.goods = [
    { ...input.goods[0], product_id: sesameProduct.id },
    { ...input.goods[0], hs_code: '100630', description: 'Riz blanchi', product_id: rice.id },
  ];
  const ev = await exporter.request('POST', '/api/v1/applications/evaluate', { body: input });
  assert.equal(ev.status, 200, JSON.stringify(ev.data));
  assert.equal(ev.data.origin.length, 2);
  assert.equal(ev.data.origin[0].outcome, 'originating', JSON.stringify(ev.data.origin[0]));
  assert.equal(ev.data.origin[1].outcome, 'not_originating', JSON.stringify(ev.data.origin[1]));
  assert.ok(ev.data.origin[1].explanation_fr.length > 20);
  assert.ok(ev.data.origin[1].explanation_en.length > 20);
  assert.equal(ev.data.submittable, false);
  // The application carries the verdicts; submit refuses line 1 with its reason.
  const created = await exporter.request('POST', '/api/v1/applications', { body: input });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  assert.equal(created.data.origin[1].outcome, 'not_originating');
  const submitted = await exporter.request('POST', `/api/v1/applications/${created.data.id}/submit`);
  assert.equal(submitted.status, 422, JSON.stringify(submitted.data));
  assert.deepEqual(problemFields(submitted), ['goods/1']);
  assert.match(submitted.data.errors[0].message, /not originating/);
  // The non-preferential certificate stays possible.
  const np = await exporter.request('PUT', `/api/v1/applications/${created.data.id}`, { body: { ...input, regime: 'NP' } });
  assert.equal(np.status, 200, JSON.stringify(np.data));
  const ok = await exporter.request('POST', `/api/v1/applications/${created.data.id}/submit`);
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  // Another exporter's product is unknown to this exporter.
  const other = new Client(server.base);
  await other.login('exportateur2@demo.ml');
  const foreign = await other.request('POST', '/api/v1/applications/evaluate', { body: input });
  assert.deepEqual(foreign.data.origin.map((v) => v.reasons[0]), ['unknown_product', 'unknown_product']);
  // Only exporters use the calculator.
  const agent = new Client(server.base);
  await agent.login('agent@demo.ml');
  assert.equal((await agent.request('POST', '/api/v1/applications/evaluate', { body: input })).status, 403);
});

test('products, approvals and company profile follow their authorization rules', async () => {
  const e1 = new Client(server.base);
  await e1.login('exportateur@demo.ml');
  const e2 = new Client(server.base);
  await e2.login('exportateur2@demo.ml');
  const agent = new Client(server.base);
  await agent.login('agent@demo.ml');
  const admin = new Client(server.base);
  await admin.login('admin@demo.ml');
  const signatory = new Client(server.base);
  await signatory.login('signataire@demo.ml');

  const created = await e1.request('POST', '/api/v1/products', {
    body: { name: 'Huile de sésame', hs_code: '151550', producer: 'Atelier de Kati', ex_works_xof: 800000,
            materials: [{ hs_code: '1207', cif_xof: 300000, description: 'Sésame ivoirien', origin_country: 'CI' }] },
  });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const id = created.data.id;
  // Another company sees 404 everywhere; staff may read; only exporters write.
  assert.equal((await e2.request('GET', `/api/v1/products/${id}`)).status, 404);
  const { name, hs_code, producer, product_kind, wholly_obtained, ex_works_xof, materials, processes } = created.data;
  const valid = { name, hs_code, producer, product_kind, wholly_obtained, ex_works_xof, materials, processes };
  assert.equal((await e2.request('PUT', `/api/v1/products/${id}`, { body: valid })).status, 404);
  assert.equal((await e1.request('PUT', `/api/v1/products/${id}`, { body: { ...valid, producer: 'Atelier de Koulikoro' } })).data.producer, 'Atelier de Koulikoro');
  assert.equal((await e2.request('DELETE', `/api/v1/products/${id}`)).status, 404);
  assert.equal((await e2.request('POST', `/api/v1/products/${id}/approvals`, { body: { regime: 'ETLS' } })).status, 404);
  assert.ok(!(await e2.request('GET', '/api/v1/products')).data.items.some((p) => p.id === id));
  assert.equal((await agent.request('GET', `/api/v1/products/${id}`)).status, 200);
  assert.equal((await agent.request('POST', '/api/v1/products', { body: {} })).status, 403);

  const asked = await e1.request('POST', `/api/v1/products/${id}/approvals`, { body: { regime: 'ETLS' } });
  assert.equal(asked.status, 201, JSON.stringify(asked.data));
  assert.equal((await e1.request('POST', `/api/v1/products/${id}/approvals`, { body: { regime: 'NP' } })).status, 422);
  assert.equal((await e1.request('GET', '/api/v1/approvals')).status, 403);
  const queue = await agent.request('GET', '/api/v1/approvals?status=requested');
  assert.ok(queue.data.items.some((a) => a.id === asked.data.id));
  const decision = { decision: 'grant', number: 'AGR-TEST-1', valid_until: '2030-12-31' };
  assert.equal((await e1.request('POST', `/api/v1/approvals/${asked.data.id}/decide`, { body: decision })).status, 403);
  assert.equal((await signatory.request('POST', `/api/v1/approvals/${asked.data.id}/decide`, { body: decision })).status, 403);
  const granted = await agent.request('POST', `/api/v1/approvals/${asked.data.id}/decide`, { body: decision });
  assert.equal(granted.status, 200, JSON.stringify(granted.data));
  assert.equal(granted.data.status, 'granted');
  const audit = await admin.request('GET', `/api/v1/audit/events?object_type=product_approval&object_id=${asked.data.id}`);
  assert.deepEqual(audit.data.items.map((e) => e.action).sort(), ['approval.grant', 'approval.request']);

  // Company profile: own only; NIF/RCCM checked; status by admin only.
  const mine = await e1.request('GET', '/api/v1/company');
  assert.equal(mine.status, 200);
  assert.equal(mine.data.nif, '084151646T');
  const bad = await e1.request('PUT', '/api/v1/company', { body: { nif: '12', rccm: 'X' } });
  assert.equal(bad.status, 422);
  assert.deepEqual(problemFields(bad).sort(), ['nif', 'rccm']);
  assert.equal((await e1.request('PUT', '/api/v1/company', { body: { sector: 'Oléagineux' } })).data.sector, 'Oléagineux');
  assert.equal((await agent.request('PUT', '/api/v1/company', { body: { sector: 'x' } })).status, 403);
  assert.equal((await e1.request('GET', '/api/v1/companies')).status, 403);
  const companies = await agent.request('GET', '/api/v1/companies');
  assert.equal(companies.status, 200);
  const other = companies.data.items.find((c) => c.nif === '091234567K');
  assert.equal((await agent.request('POST', `/api/v1/companies/${other.id}/status`, { body: { status: 'suspended' } })).status, 403);
  const suspended = await admin.request('POST', `/api/v1/companies/${other.id}/status`, { body: { status: 'suspended' } });
  assert.equal(suspended.data.status, 'suspended');
  await admin.request('POST', `/api/v1/companies/${other.id}/status`, { body: { status: 'active' } });
});

test('countries come from iso-codes with French names', async () => {
  const c = new Client(server.base);
  const fr = await c.request('GET', '/api/v1/countries?lang=fr');
  assert.equal(fr.status, 200);
  assert.equal(fr.data.items.find((x) => x.code === 'CI').name, "Côte d'Ivoire");
  assert.equal(fr.data.items.find((x) => x.code === 'DE').name, 'Allemagne');
  const en = await c.request('GET', '/api/v1/countries?lang=en');
  assert.equal(en.data.items.find((x) => x.code === 'DE').name, 'Germany');
  assert.equal((await c.request('GET', '/api/v1/countries?lang=de')).status, 422);
  const cur = await c.request('GET', '/api/v1/currencies?lang=fr');
  assert.ok(cur.data.items.some((x) => x.code === 'XOF'));
});

// The HS 2022 nomenclature is reference data of ../shared, beside the repository (not in it).
const HS2022 = '../shared/data/hs2022/harmonized-system.csv';
const noHs2022 = !existsSync(HS2022) && `${HS2022} is absent (../shared is not beside the repository)`;

test('origine import hs loads HS 2022, search works by code and words, a bad file imports nothing', { skip: noHs2022 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'origine-hs-'));
  try {
    const ok = await cli(['import', 'hs', HS2022, '--data', dataDir]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /6939 HS codes imported \(en\)/);
    const fr = await cli(['import', 'hs', 'data/hs/hs-fr-demo.csv', '--lang', 'fr', '--data', dataDir]);
    assert.equal(fr.code, 0, fr.stderr);
    const bad = join(dataDir, 'bad.csv');
    writeFileSync(bad, 'section,hscode,description,parent,level\nI,01,Animaux,TOTAL,2\nI,0101,Chevaux,01,4\nI,01x1,Faux,01,4\n');
    const refused = await cli(['import', 'hs', bad, '--lang', 'fr', '--data', dataDir]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /bad\.csv:4: hscode '01x1'/);
    const s = await startServer({ demo: false, dataDir });
    try {
      const c = new Client(s.base);
      const words = await c.request('GET', '/api/v1/hs?q=horses%20live&lang=en');
      assert.equal(words.status, 200);
      assert.ok(words.data.items.some((h) => h.code === '0101'), JSON.stringify(words.data));
      const prefix = await c.request('GET', '/api/v1/hs?q=1207&lang=en');
      assert.equal(prefix.data.items[0].code, '1207');
      assert.ok(prefix.data.items.every((h) => h.code.startsWith('1207')));
      const accent = await c.request('GET', '/api/v1/hs?q=SESAME&lang=fr');
      assert.ok(accent.data.items.some((h) => h.code === '120740' && h.lang === 'fr'), JSON.stringify(accent.data));
      const nothing = await c.request('GET', '/api/v1/hs?q=Chevaux&lang=fr');
      assert.ok(!nothing.data.items.some((h) => h.label === 'Chevaux'), 'the bad file wrote nothing');
    } finally {
      await s.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a bad regime data file stops the start naming the file and the line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'origine-regimes-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'origine-data-'));
  try {
    cpSync('data/regimes', dir, { recursive: true });
    const etls = readFileSync(join(dir, 'etls.toml'), 'utf8').replace('validity_months = 6', 'validity_months = 6\nefective_from = 2020-01-01');
    writeFileSync(join(dir, 'etls.toml'), etls);
    const line = etls.split('\n').findIndex((l) => l.startsWith('efective_from')) + 1;
    const r = await cli(['serve', '--listen', '127.0.0.1:0', '--data', dataDir, '--regimes', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`etls\\.toml:${line}:`));
    assert.match(r.stderr, /efective_from/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
});
