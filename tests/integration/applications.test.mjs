// Applications and certificates, black box: the server refuses to start without regimes of
// origin, and the workflow's refusals carry machine-readable codes (problem+json `code`,
// `params`, and `errors[].code` next to each field).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, cli, sesame } from './server.mjs';

test('without regimes of origin the server refuses to start and says why', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'origine-data-'));
  const empty = mkdtempSync(join(tmpdir(), 'origine-regimes-'));
  try {
    for (const regimes of [join(empty, 'missing'), empty]) {
      for (const command of [['serve', '--listen', '127.0.0.1:0'], ['migrate']]) {
        const r = await cli([...command, '--data', dataDir, '--regimes', regimes]);
        assert.equal(r.code, 2, `${command[0]} --regimes ${regimes}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, /no regimes of origin in /);
        assert.ok(r.stderr.includes(regimes), r.stderr);
        assert.match(r.stderr, /cannot run without them/);
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
});

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('workflow refusals carry their codes', async () => {
  const exporter = new Client(server.base);
  await exporter.login('exportateur@demo.ml');
  const agent = new Client(server.base);
  await agent.login('agent@demo.ml');
  const signatory = new Client(server.base);
  await signatory.login('signataire@demo.ml');

  // A bad field: its code and params next to it.
  const bad = sesame();
  bad.goods[0].hs_code = '1207';
  const invalid = await exporter.request('POST', '/api/v1/applications', { body: bad });
  assert.equal(invalid.status, 422, JSON.stringify(invalid.data));
  assert.equal(invalid.data.code, 'application.invalid');
  assert.deepEqual(invalid.data.errors, [{ field: 'goods/0/hs_code', code: 'hs_code.format', message: 'must be 6 to 10 digits',
    params: { min: '6', max: '10' } }]);

  // An incomplete draft cannot be submitted: every missing field, coded.
  const draft = await exporter.request('POST', '/api/v1/applications', { body: { regime: 'NP' } });
  assert.equal(draft.status, 201, JSON.stringify(draft.data));
  const incomplete = await exporter.request('POST', `/api/v1/applications/${draft.data.id}/submit`);
  assert.equal(incomplete.status, 422);
  assert.equal(incomplete.data.code, 'application.incomplete');
  const codes = Object.fromEntries(incomplete.data.errors.map((e) => [e.field, e.code]));
  assert.equal(codes['consignee/name'], 'field.required');
  assert.equal(codes.goods, 'goods.required');

  // The workflow: wrong role (403) before wrong state (409).
  const created = await exporter.request('POST', '/api/v1/applications', { body: sesame() });
  assert.equal(created.status, 201);
  const id = created.data.id;
  const byExporter = await exporter.request('POST', `/api/v1/applications/${id}/approve`, { body: {} });
  assert.equal(byExporter.status, 403);
  assert.equal(byExporter.data.code, 'auth.forbidden');
  assert.deepEqual(byExporter.data.params, { role: 'exporter' });
  const early = await agent.request('POST', `/api/v1/applications/${id}/approve`, { body: {} });
  assert.equal(early.status, 409);
  assert.equal(early.data.code, 'application.state');
  assert.deepEqual(early.data.params, { status: 'draft', action: 'approve' });
  const unsigned = await signatory.request('POST', `/api/v1/applications/${id}/sign`);
  assert.equal(unsigned.status, 409);
  assert.equal(unsigned.data.code, 'application.state');
  const noComment = await agent.request('POST', `/api/v1/applications/${id}/return`, { body: { comment: ' ' } });
  assert.equal(noComment.status, 422);
  assert.equal(noComment.data.code, 'comment.required');
  assert.deepEqual(noComment.data.errors.map((e) => [e.field, e.code]), [['comment', 'comment.required']]);

  // Another company's application, an unknown one: not found, with its code.
  const other = new Client(server.base);
  await other.login('exportateur2@demo.ml');
  const hidden = await other.request('GET', `/api/v1/applications/${id}`);
  assert.equal(hidden.status, 404);
  assert.equal(hidden.data.code, 'application.not_found');

  // Certificates: unknown number, revocation without a reason.
  const unknown = await exporter.request('POST', '/api/v1/certificates/ML-ETLS-2026-999999/amend', { body: {} });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.data.code, 'certificate.not_found');
  const certs = await signatory.request('GET', '/api/v1/certificates');
  const number = certs.data.items[0].number;
  const noReason = await signatory.request('POST', `/api/v1/certificates/${number}/revoke`, { body: { reason: '' } });
  assert.equal(noReason.status, 422);
  assert.equal(noReason.data.code, 'reason.required');
});
