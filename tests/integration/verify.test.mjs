// Verification outcomes, certificate revocation and amendment, against the
// real server process and the real CLI (docs/formats/verification.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { startServer, Client, cli, sesame, payApplication } from './server.mjs';

// RFC 9285 Base45, enough for re-wrapping a QR text in a test.
const B45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
function base45Decode(text) {
  const out = [];
  for (let i = 0; i < text.length; i += 3) {
    const d = [...text.slice(i, i + 3)].map((c) => B45.indexOf(c));
    const n = d[0] + d[1] * 45 + (d.length === 3 ? d[2] * 2025 : 0);
    if (d.length === 3) out.push(n >> 8, n & 0xff);
    else out.push(n);
  }
  return Buffer.from(out);
}
function base45Encode(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 < bytes.length) {
      const n = bytes[i] * 256 + bytes[i + 1];
      out += B45[n % 45] + B45[Math.floor(n / 45) % 45] + B45[Math.floor(n / 2025)];
    } else {
      out += B45[bytes[i] % 45] + B45[Math.floor(bytes[i] / 45)];
    }
  }
  return out;
}

let server;
let exporter, other, agent, signatory, admin, anyone;
before(async () => {
  server = await startServer();
  exporter = new Client(server.base);
  await exporter.login('exportateur@demo.ml');
  other = new Client(server.base);
  await other.login('exportateur2@demo.ml');
  agent = new Client(server.base);
  await agent.login('agent@demo.ml');
  signatory = new Client(server.base);
  await signatory.login('signataire@demo.ml');
  admin = new Client(server.base);
  await admin.login('admin@demo.ml');
  anyone = new Client(server.base);
});
after(async () => { await server?.stop(); });

// Submit, approve, sign an existing application; returns the certificate number.
async function through(id) {
  const s = await exporter.request('POST', `/api/v1/applications/${id}/submit`);
  assert.equal(s.status, 200, JSON.stringify(s.data));
  if (s.data.status === 'awaiting_payment') await payApplication(exporter, server, id, { provider: 'cinetpay' });
  const a = await agent.request('POST', `/api/v1/applications/${id}/approve`, { body: {} });
  assert.equal(a.status, 200, JSON.stringify(a.data));
  const g = await signatory.request('POST', `/api/v1/applications/${id}/sign`);
  assert.equal(g.status, 200, JSON.stringify(g.data));
  return g.data.certificate_number;
}
async function issue() {
  const c = await exporter.request('POST', '/api/v1/applications', { body: sesame() });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  return through(c.data.id);
}
const verify = async (body) => {
  const r = await anyone.request('POST', '/api/v1/verify', { body });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  return r.data;
};
const qrOf = async (number) => (await exporter.request('GET', `/api/v1/certificates/${number}`)).data.qr;
// `origine verify --json` online (against the data directory) or offline.
async function cliVerify(args) {
  const r = await cli(['verify', '--json', ...args]);
  assert.ok(r.code === 0 || r.code === 1, r.stdout + r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(r.code, o.valid ? 0 : 1);
  return o;
}
const sameObject = (api, fromCli) => {
  const { log, ...rest } = api;
  assert.deepEqual(fromCli, rest);
};

test('valid: document hashed again, log proof, same object from the CLI', async () => {
  const number = await issue();
  const v = await verify({ number });
  assert.equal(v.status, 'valid');
  assert.equal(v.valid, true);
  assert.deepEqual(v.document, { checked: true, hash_matches: true });
  assert.ok(v.log && v.log.inclusion_proof);
  assert.equal(v.revocation, undefined);
  sameObject(v, await cliVerify(['--data', server.dataDir, await qrOf(number)]));
});

test('revoke: only signatory or admin, reason required, then revoked everywhere', async () => {
  const number = await issue();
  const path = `/api/v1/certificates/${number}/revoke`;
  assert.equal((await exporter.request('POST', path, { body: { reason: 'x' } })).status, 403);
  assert.equal((await agent.request('POST', path, { body: { reason: 'x' } })).status, 403);
  assert.equal((await other.request('POST', path, { body: { reason: 'x' } })).status, 403);
  assert.equal((await anyone.request('POST', path, { body: { reason: 'x' } })).status, 401);
  const empty = await signatory.request('POST', path, { body: { reason: '   ' } });
  assert.equal(empty.status, 422);
  assert.match(empty.type, /problem\+json/);
  assert.equal(empty.data.errors[0].field, 'reason');
  assert.equal((await signatory.request('POST', '/api/v1/certificates/ML-ETLS-2026-999999/revoke', { body: { reason: 'x' } })).status, 404);

  const done = await admin.request('POST', path, { body: { reason: 'Fausse déclaration d’origine' } });
  assert.equal(done.status, 200, JSON.stringify(done.data));
  assert.equal(done.data.status, 'revoked');
  assert.equal((await signatory.request('POST', path, { body: { reason: 'encore' } })).status, 409);

  const v = await verify({ number });
  assert.equal(v.status, 'revoked');
  assert.equal(v.valid, false);
  assert.equal(v.revocation.scope, 'certificate');
  assert.equal(v.revocation.reason, 'Fausse déclaration d’origine');
  assert.match(v.revocation.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(v.certificate.number, number);
  sameObject(v, await cliVerify(['--data', server.dataDir, await qrOf(number)]));
  // The exporter's view says so; the audit trail and the log have it.
  const mine = await exporter.request('GET', `/api/v1/certificates/${number}`);
  assert.equal(mine.data.status, 'revoked');
  const audit = await admin.request('GET', `/api/v1/audit/events?action=certificate.revoke&object_id=${number}`);
  assert.equal(audit.data.items.length, 1);
  // A revoked certificate cannot be amended.
  assert.equal((await exporter.request('POST', `/api/v1/certificates/${number}/amend`, { body: {} })).status, 409);
});

test('amend: a corrected application replaces the old certificate, which then says amended with its successor', async () => {
  const number = await issue();
  const path = `/api/v1/certificates/${number}/amend`;
  assert.equal((await other.request('POST', path, { body: {} })).status, 404);  // another exporter's
  assert.equal((await signatory.request('POST', path, { body: {} })).status, 403);
  assert.equal((await admin.request('POST', path, { body: {} })).status, 403);
  const badKind = await exporter.request('POST', path, { body: { kind: 'copie' } });
  assert.equal(badKind.status, 422);

  const draft = await exporter.request('POST', path, { body: {} });
  assert.equal(draft.status, 201, JSON.stringify(draft.data));
  assert.equal(draft.data.status, 'draft');
  assert.equal(draft.data.kind, 'amendment');
  assert.equal(draft.data.predecessor, number);
  assert.equal((await agent.request('POST', path, { body: { kind: 'duplicate' } })).status, 409);  // one at a time
  // The other exporter cannot see the new application either.
  assert.equal((await other.request('GET', `/api/v1/applications/${draft.data.id}`)).status, 404);

  const corrected = { ...sesame(), invoice: { number: 'FAC-IT-001-RECTIFIEE', date: '2026-11-20' } };
  const put = await exporter.request('PUT', `/api/v1/applications/${draft.data.id}`, { body: corrected });
  assert.equal(put.status, 200, JSON.stringify(put.data));
  assert.equal((await verify({ number })).status, 'valid');  // until the successor is signed
  const successor = await through(draft.data.id);
  assert.notEqual(successor, number);

  const old = await verify({ qr: await qrOf(number) });
  assert.equal(old.status, 'amended');
  assert.equal(old.valid, false);
  assert.equal(old.successor.number, successor);
  assert.equal(old.successor.kind, 'amendment');
  sameObject(old, await cliVerify(['--data', server.dataDir, await qrOf(number)]));
  const next = await verify({ number: successor });
  assert.equal(next.status, 'valid');
  const cert = await exporter.request('GET', `/api/v1/certificates/${number}`);
  assert.equal(cert.data.status, 'replaced');
  assert.equal(cert.data.successor.number, successor);
  assert.equal((await exporter.request('POST', path, { body: {} })).status, 409);  // already replaced

  // Offline, with only the trust list, the old certificate still verifies:
  // replacement is an online fact (documented).
  const tl = join(server.dataDir, 'tl-verify.json');
  await cli(['trust-list', 'export', '--data', server.dataDir, '-o', tl]);
  const offline = await cliVerify(['--trust-list', tl, await qrOf(number)]);
  assert.equal(offline.status, 'valid');
  assert.deepEqual(offline.document, { checked: false, hash_matches: false });
});

test('document mismatch: the stored document is hashed again on every verification', async () => {
  const number = await issue();
  const db = join(server.dataDir, 'origine.db');
  // Tamper with the stored full document directly in SQLite.
  execFileSync('sqlite3', [db, `UPDATE certificates SET document = replace(document, 'Graines de sésame', 'Graines de coton') WHERE number = '${number}'`]);
  const doc = execFileSync('sqlite3', [db, `SELECT document FROM certificates WHERE number = '${number}'`]).toString().trimEnd();
  assert.match(doc, /coton/);
  const v = await verify({ number });
  assert.equal(v.status, 'document_mismatch');
  assert.equal(v.valid, false);
  assert.deepEqual(v.document, { checked: true, hash_matches: false });
  assert.ok(v.certificate);
  // Restoring the exact bytes restores validity: the hash really is recomputed.
  execFileSync('sqlite3', [db, `UPDATE certificates SET document = replace(document, 'Graines de coton', 'Graines de sésame') WHERE number = '${number}'`]);
  const again = await verify({ number });
  assert.equal(again.status, 'valid');
  const stored = execFileSync('sqlite3', [db, `SELECT document_sha256 FROM certificates WHERE number = '${number}'`]).toString().trim();
  const restored = execFileSync('sqlite3', [db, `SELECT document FROM certificates WHERE number = '${number}'`]).toString().replace(/\n$/, '');
  assert.equal(createHash('sha256').update(restored).digest('hex'), stored);
});

test('not_found, malformed, bad_signature, unknown_signer through the API and the CLI', async () => {
  assert.equal((await verify({ number: 'ML-ETLS-2026-999999' })).status, 'not_found');
  const malformed = await verify({ qr: 'not-a-qr' });
  assert.equal(malformed.status, 'malformed');
  sameObject(malformed, await cliVerify(['--data', server.dataDir, 'not-a-qr']));

  const number = await issue();
  const qr = await qrOf(number);
  // Flip one bit of the signature (the last bytes of the COSE message) and
  // re-wrap: zlib and COSE still parse, the signature does not verify.
  const cose = inflateSync(base45Decode(qr.slice(4)));
  cose[cose.length - 1] ^= 0x01;
  const tampered = 'CO1:' + base45Encode(deflateSync(cose));
  const bad = await verify({ qr: tampered });
  assert.equal(bad.status, 'bad_signature');
  assert.equal(bad.certificate, undefined);
  sameObject(bad, await cliVerify(['--data', server.dataDir, tampered]));

  // A trust list holding only an unrelated certificate: unknown signer.
  const dir = server.dataDir;
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=Other/C=ML',
    '-days', '30', '-keyout', join(dir, 'other.key'), '-outform', 'DER', '-out', join(dir, 'other.der')], { stdio: 'ignore' });
  const der = readFileSync(join(dir, 'other.der'));
  const kid = createHash('sha256').update(der).digest().subarray(0, 8).toString('base64');
  const tl = join(dir, 'other-tl.json');
  writeFileSync(tl, JSON.stringify({ version: 1, certificates: [{ kid, certificate: der.toString('base64') }] }));
  const unknown = await cliVerify(['--trust-list', tl, qr]);
  assert.equal(unknown.status, 'unknown_signer');
  assert.equal(unknown.message_fr.startsWith('Signataire inconnu'), true);
});
