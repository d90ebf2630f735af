// Key hierarchy and signed trust list against the real process: `origine
// keys` in another process while the server runs (rotation seen without a
// restart), certificates signed before and after verify, signer removal,
// the trust-list endpoints, and no private key in any output or log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, cli, Client, sesame, payApplication } from './server.mjs';

let server;
const outputs = [];  // every CLI stdout/stderr, checked for key material at the end
let signedByFirstSigner;  // a QR signed before the rotation (test 1)
const run = async (args) => {
  const r = await cli(args);
  outputs.push(r.stdout, r.stderr);
  return r;
};
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function issue() {
  const exporter = new Client(server.base);
  await exporter.login('exportateur@demo.ml');
  const created = await exporter.request('POST', '/api/v1/applications', { body: sesame() });
  const id = created.data.id;
  const submitted = await exporter.request('POST', `/api/v1/applications/${id}/submit`);
  if (submitted.data.status === 'awaiting_payment') await payApplication(exporter, server, id, { provider: 'cinetpay' });
  const agent = new Client(server.base);
  await agent.login('agent@demo.ml');
  await agent.request('POST', `/api/v1/applications/${id}/approve`, { body: { comment: 'Conforme' } });
  const signatory = new Client(server.base);
  await signatory.login('signataire@demo.ml');
  return { signed: await signatory.request('POST', `/api/v1/applications/${id}/sign`), exporter };
}

async function qrOf(exporter, number) {
  return (await exporter.request('GET', `/api/v1/certificates/${number}`)).data.qr;
}

async function keysList() {
  const r = await run(['keys', 'list', '--json', '--data', server.dataDir]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).keys;
}

test('rotation while the server runs: certificates signed before and after both verify', async () => {
  const anyone = new Client(server.base);
  const before1 = await anyone.request('GET', '/api/v1/trust-list');
  assert.equal(before1.status, 200);
  assert.equal(before1.data.format, 2);
  const v0 = before1.data.version;
  const keys0 = await keysList();
  assert.equal(keys0.filter((k) => k.role === 'signer' && k.status === 'active').length, 1);
  const oldKid = keys0.find((k) => k.role === 'signer' && k.status === 'active').kid;

  const first = await issue();
  assert.equal(first.signed.status, 200, JSON.stringify(first.signed.data));
  const oldQr = await qrOf(first.exporter, first.signed.data.certificate_number);
  signedByFirstSigner = oldQr;

  const rotated = await run(['keys', 'rotate', '--data', server.dataDir, '--types', 'ETLS,UEMOA', '--days', '400']);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.match(rotated.stdout, /trust list version \d+ published/);
  const keys1 = await keysList();
  const active = keys1.find((k) => k.role === 'signer' && k.status === 'active');
  assert.notEqual(active.kid, oldKid);
  assert.deepEqual(active.types, ['ETLS', 'UEMOA']);
  assert.equal(keys1.find((k) => k.kid === oldKid).status, 'retired');

  // The running server signs with the new signer at once (no restart, no signal).
  const second = await issue();
  assert.equal(second.signed.status, 200, JSON.stringify(second.signed.data));
  const newQr = await qrOf(second.exporter, second.signed.data.certificate_number);
  const list = await anyone.request('GET', '/api/v1/trust-list');
  assert.equal(list.data.version, v0 + 1);
  assert.equal(list.headers.get('etag'), `"tl-${v0 + 1}"`);
  assert.deepEqual(list.data.certificates.map((c) => c.kid).sort(), [oldKid, active.kid].sort());

  for (const qr of [oldQr, newQr]) {
    const r = await anyone.request('POST', '/api/v1/verify', { body: { qr } });
    assert.equal(r.data.status, 'valid', JSON.stringify(r.data));
  }

  // Offline, against the exported list and the pinned root.
  const tl = join(server.dataDir, 'tl.json');
  const root = join(server.dataDir, 'root.pem');
  assert.equal((await run(['trust-list', 'export', '--data', server.dataDir, '-o', tl])).code, 0);
  const exp = await run(['keys', 'export-root', '--data', server.dataDir, '-o', root, '--pem']);
  assert.equal(exp.code, 0, exp.stderr);
  for (const qr of [oldQr, newQr]) {
    const r = await run(['verify', '--trust-list', tl, '--root', root, '--json', qr]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.status, 'valid');
    assert.equal(out.trust_list.root_pinned, true);
    assert.equal(out.trust_list.version, v0 + 1);
    assert.doesNotMatch(r.stderr, /not pinned/);
  }
  // From the installation's own database (its root is pinned by construction).
  const fromData = await run(['verify', '--data', server.dataDir, '--json', oldQr]);
  assert.equal(fromData.code, 0, fromData.stdout + fromData.stderr);
  assert.equal(JSON.parse(fromData.stdout).status, 'valid');
  // Without --root: checked against the embedded root, and said so.
  const unpinned = await run(['verify', '--trust-list', tl, '--json', newQr]);
  assert.equal(unpinned.code, 0);
  assert.equal(JSON.parse(unpinned.stdout).trust_list.root_pinned, false);
  assert.match(unpinned.stderr, /not pinned/);
  // A list whose payload was altered, or checked against another root: refused (exit 2).
  const doc = JSON.parse(readFileSync(tl, 'utf8'));
  const [h, p, s] = doc.jws.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  payload.certificates = payload.certificates.slice(0, 1);
  doc.jws = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
  const tampered = join(server.dataDir, 'tampered.json');
  writeFileSync(tampered, JSON.stringify(doc));
  const bad = await run(['verify', '--trust-list', tampered, '--root', root, newQr]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /signature does not verify/);
  const other = await startServer({ demo: false });
  try {
    const otherRoot = join(other.dataDir, 'root.der');
    assert.equal((await run(['keys', 'export-root', '--data', other.dataDir, '-o', otherRoot])).code, 0);
    const wrong = await run(['verify', '--trust-list', tl, '--root', otherRoot, newQr]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /another root/);
  } finally {
    await other.stop();
  }
});

test('trust-list endpoints: versions kept, root to pin, bad requests', async () => {
  const c = new Client(server.base);
  const versions = await c.request('GET', '/api/v1/trust-list/versions');
  assert.equal(versions.status, 200);
  const vs = versions.data.versions;
  assert.ok(vs.length >= 2);
  vs.forEach((v, i) => { if (i > 0) assert.equal(v.version, vs[i - 1].version - 1); });  // gapless, newest first
  const v1 = await c.request('GET', '/api/v1/trust-list/versions/1');
  assert.equal(v1.status, 200);
  assert.equal(v1.data.version, 1);
  assert.match(v1.headers.get('cache-control'), /immutable/);
  const again = await c.request('GET', '/api/v1/trust-list/versions/1');
  assert.deepEqual(again.data, v1.data);
  for (const bad of ['999999', 'abc', '0', '-1']) {
    const r = await c.request('GET', `/api/v1/trust-list/versions/${bad}`);
    assert.equal(r.status, 404, bad);
    assert.match(r.type, /application\/problem\+json/);
  }
  const root = await c.request('GET', '/api/v1/trust-list/root');
  assert.equal(root.status, 200);
  const pem = join(server.dataDir, 'root2.der');
  await run(['keys', 'export-root', '--data', server.dataDir, '-o', pem]);
  assert.equal(Buffer.from(root.data.certificate, 'base64').toString('hex'), readFileSync(pem).toString('hex'));
  const latest = await c.request('GET', '/api/v1/trust-list');
  assert.equal(latest.data.root, root.data.certificate);
  // The log holds one trust-list leaf per version (id tl-N).
  const tlLeaves = vs.map((v) => v.log_index);
  assert.equal(new Set(tlLeaves).size, vs.length);
});

test('revoking a signer: listed with its reason; revoking the active one stops signing until a rotation', async () => {
  const keys = await keysList();
  const retired = keys.find((k) => k.role === 'signer' && k.status === 'retired');
  const r = await run(['keys', 'revoke', retired.kid, '--reason', 'clé compromise', '--data', server.dataDir]);
  assert.equal(r.code, 0, r.stderr);
  const c = new Client(server.base);
  const list = await c.request('GET', '/api/v1/trust-list');
  const entry = list.data.certificates.find((e) => e.kid === retired.kid);
  assert.equal(entry.revoked.reason, 'clé compromise');
  assert.match(entry.revoked.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  // What it signed now verifies as revoked, with the date and the reason (online and offline).
  const online = await c.request('POST', '/api/v1/verify', { body: { qr: signedByFirstSigner } });
  assert.equal(online.data.status, 'revoked', JSON.stringify(online.data));
  assert.equal(online.data.revocation.scope, 'signer');
  assert.equal(online.data.revocation.reason, 'clé compromise');
  const tl = join(server.dataDir, 'tl-revoked.json');
  assert.equal((await run(['trust-list', 'export', '--data', server.dataDir, '-o', tl])).code, 0);
  const offline = await run(['verify', '--trust-list', tl, '--json', signedByFirstSigner]);
  assert.equal(offline.code, 1, offline.stdout + offline.stderr);
  assert.equal(JSON.parse(offline.stdout).status, 'revoked');
  assert.equal(JSON.parse(offline.stdout).revocation.reason, 'clé compromise');
  const again = await run(['keys', 'revoke', retired.kid, '--reason', 'x', '--data', server.dataDir]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already revoked/);
  const unknown = await run(['keys', 'revoke', 'AAAAAAAAAAA=', '--reason', 'x', '--data', server.dataDir]);
  assert.equal(unknown.code, 2);
  const noReason = await run(['keys', 'revoke', retired.kid, '--reason', '', '--data', server.dataDir]);
  assert.equal(noReason.code, 2);

  const active = (await keysList()).find((k) => k.role === 'signer' && k.status === 'active');
  assert.equal((await run(['keys', 'revoke', active.kid, '--reason', 'retrait', '--data', server.dataDir])).code, 0);
  const refused = await issue();
  assert.equal(refused.signed.status, 503, JSON.stringify(refused.signed.data));
  assert.match(refused.signed.type, /application\/problem\+json/);
  assert.equal((await run(['keys', 'rotate', '--data', server.dataDir])).code, 0);
  const ok = await issue();
  assert.equal(ok.signed.status, 200, JSON.stringify(ok.signed.data));
});

test('no private key, passphrase or key file content in any output or log', async () => {
  const keyDir = join(server.dataDir, 'keys');
  const secrets = [readFileSync(join(keyDir, 'kek'), 'utf8').trim()];
  for (const f of readdirSync(keyDir).filter((f) => f.endsWith('.key.pem'))) {
    const pem = readFileSync(join(keyDir, f), 'utf8');
    assert.match(pem, /BEGIN ENCRYPTED PRIVATE KEY/);
    secrets.push(pem.split('\n')[1]);  // a line of the encrypted key
  }
  const all = outputs.join('\n') + server.logs();
  assert.doesNotMatch(all, /PRIVATE KEY/);
  for (const s of secrets) assert.equal(all.includes(s), false, 'a secret appears in an output or log');
  const c = new Client(server.base);
  for (const path of ['/api/v1/trust-list', '/api/v1/trust-list/root', '/api/v1/trust-list/versions/1']) {
    const body = JSON.stringify((await c.request('GET', path)).data);
    assert.doesNotMatch(body, /PRIVATE/);
    for (const s of secrets) assert.equal(body.includes(s), false);
  }
});
