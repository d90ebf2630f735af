// The OpenAPI check (scripts/check-openapi.mjs): the real document passes, broken ones fail
// with the place of the error. Needs web/node_modules (cd web && npm ci).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = path.join(root, 'scripts/check-openapi.mjs');
const real = JSON.parse(fs.readFileSync(path.join(root, 'src/api/openapi.json'), 'utf8'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'origine-openapi-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function check(doc) {
  const file = path.join(dir, `doc-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
}
// A deep copy of the real document changed by `edit`.
function broken(edit) {
  const doc = structuredClone(real);
  edit(doc);
  return doc;
}

test('src/api/openapi.json is valid', () => {
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8', cwd: root });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /is a valid OpenAPI 3\.1\.\d+ document/);
});

test('a document without info fails', () => {
  const r = check(broken((d) => delete d.info));
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /\(document\): must have required property 'info'/);
});

test('a response without description fails, and says where', () => {
  const r = check(broken((d) => delete d.paths['/healthz'].get.responses['200'].description));
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /paths\["\/healthz"\]\.get\.responses\["200"\]: must have required property 'description'/);
});

test('a status code that is not one fails', () => {
  const r = check(broken((d) => (d.paths['/healthz'].get.responses['2000'] = { description: 'no' })));
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /unevaluatedProperty":"2000"/);
});

test('a $ref to nothing fails', () => {
  const r = check(broken((d) => (d.components.schemas.Problem.properties.code = { $ref: '#/components/schemas/Nope' })));
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /Can't resolve #\/components\/schemas\/Nope/);
});

test('an OpenAPI 3.0 document or broken JSON fails', () => {
  assert.match(check(broken((d) => (d.openapi = '3.0.3'))).stdout, /"openapi" must be a 3\.1\.x version/);
  assert.equal(check('{"openapi": "3.1.0",').status, 1);
});
