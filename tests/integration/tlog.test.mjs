// Traceability against the real server: transparency log (checkpoint, tiles,
// proofs, an independent Go verifier built on golang.org/x/mod/sumdb),
// log monitor (consistent, then a rewritten history), audit hash chain
// (verify, tamper), auditor search and CSV export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, cli, Client, sesame, payApplication } from './server.mjs';

let server;
let vkey;
const temps = [];
const tempDir = (prefix) => { const d = mkdtempSync(join(tmpdir(), prefix)); temps.push(d); return d; };

before(async () => { server = await startServer(); });
after(async () => {
  await server?.stop();
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leafHash = (leaf) => sha256(Buffer.from([0]), leaf);
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r);

// RFC 9162 §2.1.3.2.
function rootFromInclusion(index, size, leaf, proof) {
  let fn = BigInt(index);
  let sn = BigInt(size) - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) throw new Error('proof too long');
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n; sn >>= 1n;
  }
  if (sn !== 0n) throw new Error('proof too short');
  return r;
}

// Parses and verifies a C2SP checkpoint signed note with a vkey.
function openCheckpoint(note, key) {
  // name+hex8+base64: the base64 part may itself contain '+', so split only twice.
  const first = key.indexOf('+');
  const name = key.slice(0, first);
  const keyIdHex = key.slice(first + 1, first + 9);
  assert.equal(key[first + 9], '+', 'vkey shape name+hex8+base64');
  const keyB64 = key.slice(first + 10);
  const raw = Buffer.from(keyB64, 'base64');
  assert.equal(raw[0], 1, 'Ed25519 key type');
  const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.subarray(1).toString('base64url') }, format: 'jwk' });
  const split = note.lastIndexOf('\n\n');
  assert.ok(split > 0, 'blank line between text and signatures');
  const text = note.slice(0, split + 1);
  const sigLines = note.slice(split + 2).split('\n').filter(Boolean);
  assert.equal(sigLines.length, 1);
  const m = sigLines[0].match(/^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/);
  assert.ok(m, `signature line: ${sigLines[0]}`);
  assert.equal(m[1], name);
  const sig = Buffer.from(m[2], 'base64');
  assert.equal(sig.length, 68);
  assert.equal(sig.subarray(0, 4).toString('hex'), keyIdHex);
  assert.ok(edVerify(null, Buffer.from(text), pub, sig.subarray(4)), 'Ed25519 signature verifies');
  const lines = text.split('\n');
  assert.equal(lines[0], name, 'origin = key name');
  assert.match(lines[1], /^(0|[1-9][0-9]*)$/);
  assert.equal(lines.length, 4, 'origin, size, root, no extension lines');
  return { origin: lines[0], size: Number(lines[1]), root: Buffer.from(lines[2], 'base64') };
}

async function issueCertificate(srv, invoice) {
  const base = srv.base;
  const exporter = new Client(base);
  await exporter.login('exportateur@demo.ml');
  const created = await exporter.request('POST', '/api/v1/applications', { body: { ...sesame(), invoice: { number: invoice, date: '2026-11-20' } } });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const id = created.data.id;
  assert.equal((await exporter.request('POST', `/api/v1/applications/${id}/submit`)).status, 200);
  await payApplication(exporter, srv, id, { provider: 'wave' });
  const agent = new Client(base);
  await agent.login('agent@demo.ml');
  assert.equal((await agent.request('POST', `/api/v1/applications/${id}/approve`, { body: {} })).status, 200);
  const signatory = new Client(base);
  await signatory.login('signataire@demo.ml');
  const signed = await signatory.request('POST', `/api/v1/applications/${id}/sign`);
  assert.equal(signed.status, 200, JSON.stringify(signed.data));
  return signed.data.certificate_number;
}

test('the log key from the CLI is the one the server publishes', async () => {
  const r = await cli(['log', 'key', '--data', server.dataDir]);
  assert.equal(r.code, 0, r.stderr);
  vkey = r.stdout.trim();
  assert.match(vkey, /^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
  const c = new Client(server.base);
  const k = await c.request('GET', '/api/v1/log/key');
  assert.equal(k.status, 200);
  assert.equal(k.data.vkey, vkey);
  assert.equal(k.data.origin, vkey.split('+')[0]);
});

test('issued certificates have leaves; the checkpoint verifies; inclusion proofs verify', async () => {
  const c = new Client(server.base);
  const res = await fetch(server.base + '/log/checkpoint');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const cp = openCheckpoint(await res.text(), vkey);
  assert.ok(cp.size >= 4, 'trust list + three demo certificates');

  const number = (await cli(['cert', 'list', '--data', server.dataDir])).stdout.trim().split('\n')[0];
  const v = await c.request('POST', '/api/v1/verify', { body: { number } });
  assert.equal(v.status, 200);
  assert.equal(v.data.valid, true);
  const log = v.data.log;
  assert.ok(log, 'verification carries the log proof');
  const leaf = Buffer.from(log.leaf, 'base64');
  assert.ok(leaf.includes(Buffer.from('issue')) && leaf.includes(Buffer.from(number)), 'issue leaf of this certificate');
  assert.deepEqual(leafHash(leaf), Buffer.from(log.leaf_hash, 'base64'));
  const logCp = openCheckpoint(log.checkpoint, vkey);
  assert.equal(logCp.size, log.tree_size);
  const proof = log.inclusion_proof.map((h) => Buffer.from(h, 'base64'));
  assert.deepEqual(rootFromInclusion(log.index, log.tree_size, leafHash(leaf), proof), logCp.root);

  // The same proof through the proof API, for every leaf.
  for (let i = 0; i < cp.size; i++) {
    const p = await c.request('GET', `/api/v1/log/proof/inclusion?index=${i}&size=${cp.size}`);
    assert.equal(p.status, 200, JSON.stringify(p.data));
    const root = rootFromInclusion(i, cp.size, leafHash(Buffer.from(p.data.leaf, 'base64')),
      p.data.inclusion_proof.map((h) => Buffer.from(h, 'base64')));
    assert.deepEqual(root, cp.root, `leaf ${i}`);
  }
  const cons = await c.request('GET', `/api/v1/log/proof/consistency?from=1&to=${cp.size}`);
  assert.equal(cons.status, 200);
  assert.deepEqual(Buffer.from(cons.data.to_root_hash, 'base64'), cp.root);
  assert.equal((await c.request('GET', '/api/v1/log/proof/inclusion?index=999999')).status, 422);

  // Tiles: a partial level-0 tile holds the leaf hashes; partial tiles are not cached.
  const w = cp.size % 256;
  const tile = await fetch(`${server.base}/log/tile/0/000.p/${w}`);
  assert.equal(tile.status, 200);
  assert.equal(tile.headers.get('content-type'), 'application/octet-stream');
  assert.equal(tile.headers.get('cache-control'), 'no-store');
  const bytes = Buffer.from(await tile.arrayBuffer());
  assert.equal(bytes.length, 32 * w);
  assert.deepEqual(bytes.subarray(32 * log.index, 32 * log.index + 32), leafHash(leaf));
  assert.equal((await fetch(`${server.base}/log/tile/0/000`)).status, 404, 'no full tile yet');
  assert.equal((await fetch(`${server.base}/log/tile/entries/000.p/${w}`)).status, 200);
});

test('an independent Go verifier (golang.org/x/mod/sumdb) accepts the log', async () => {
  const out = tempDir('origine-go-');
  const build = spawnSync('go', ['build', '-o', join(out, 'tlogcheck'), resolve('tests/tlog-go/main.go')], {
    env: { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOPROXY: 'off', GOFLAGS: '', GOCACHE: join(out, 'cache') },
    encoding: 'utf8', timeout: 300_000,
  });
  assert.equal(build.status, 0, `go build failed (install golang-go golang-golang-x-mod-dev): ${build.stderr ?? build.error}`);
  const number = (await cli(['cert', 'list', '--data', server.dataDir])).stdout.trim().split('\n')[1];
  const v = await new Client(server.base).request('POST', '/api/v1/verify', { body: { number } });
  const run = spawnSync(join(out, 'tlogcheck'), [server.base, vkey, String(v.data.log.index)], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^ok size=\d+ root=\S+ proved=2/);
});

test('auditors search and export the trail; other roles get 403, which is itself audited', async () => {
  for (const email of ['exportateur@demo.ml', 'agent@demo.ml']) {
    const c = new Client(server.base);
    await c.login(email);
    assert.equal((await c.request('GET', '/api/v1/audit/events')).status, 403);
    assert.equal((await c.request('GET', '/api/v1/audit/events.csv')).status, 403);
  }
  const auditor = new Client(server.base);
  const me = await auditor.login('auditeur@demo.ml');
  assert.equal(me.role, 'auditor');
  const issued = await auditor.request('GET', '/api/v1/audit/events?action=certificate.issue&object_type=certificate');
  assert.equal(issued.status, 200);
  assert.equal(issued.data.items.length, 3);
  assert.ok(issued.data.items.every((e) => e.action === 'certificate.issue' && /^[0-9a-f]{64}$/.test(e.hash)));
  const denied = await auditor.request('GET', '/api/v1/audit/events?action=access.denied&actor=agent@demo.ml');
  assert.equal(denied.data.items.length, 2);
  assert.equal(denied.data.items[0].actor.role, 'agent');
  const today = new Date().toISOString().slice(0, 10);
  const page = await auditor.request('GET', `/api/v1/audit/events?from=${today}&to=${today}&limit=2`);
  assert.equal(page.data.items.length, 2);
  const next = await auditor.request('GET', `/api/v1/audit/events?limit=2&before_id=${page.data.next_before_id}`);
  assert.ok(next.data.items[0].id < page.data.items[1].id + 1);
  assert.equal((await auditor.request('GET', '/api/v1/audit/events?from=2026-13-01')).status, 422);
  // No secrets in the trail.
  const all = await auditor.request('GET', '/api/v1/audit/events?limit=1000');
  assert.doesNotMatch(JSON.stringify(all.data), /origine-demo|PRIVATE\+KEY|password_hash/);
  assert.ok(all.data.items.some((e) => e.action === 'key.create'));
  assert.ok(all.data.items.some((e) => e.action === 'auth.login_failed' || e.action === 'auth.login'));

  const csv = await auditor.request('GET', '/api/v1/audit/events.csv?object_type=certificate');
  assert.equal(csv.status, 200);
  assert.match(csv.type, /^text\/csv/);
  const text = csv.data.toString();
  const lines = text.split('\r\n');
  assert.equal(lines[0], 'id,at,actor_id,actor_email,actor_role,company_id,action,object_type,object_id,details,request_id,ip,user_agent,prev_hash,hash');
  assert.equal(lines.at(-1), '', 'ends with CRLF');
  assert.equal(lines.length, 2 + 3);
  const exported = await auditor.request('GET', '/api/v1/audit/events?action=audit.export');
  assert.equal(exported.data.items.length, 1);
  assert.equal(exported.data.items[0].details.rows, 3);
});

test('an impossible date in a query is refused with a problem coded date.format, never rolled over', async () => {
  const auditor = new Client(server.base);
  await auditor.login('auditeur@demo.ml');
  for (const q of ['from=2026-02-30', 'to=2025-02-29', 'from=2026-04-31&to=2026-05-01']) {
    const r = await auditor.request('GET', `/api/v1/audit/events?${q}`);
    assert.equal(r.status, 422, q);
    assert.match(r.type, /^application\/problem\+json/);
    assert.equal(r.data.type, '/problems/invalid-input');
    assert.equal(r.data.code, 'date.format');
    assert.match(r.data.detail, /must be a date YYYY-MM-DD/);
    const field = q.slice(0, q.indexOf('='));
    assert.deepEqual(r.data.params, { field });
    assert.deepEqual(r.data.errors, [
      { field, code: 'date.format', message: 'must be a date YYYY-MM-DD', params: { field } },
    ]);
  }
  // The real 29 February of a leap year is a date.
  assert.equal((await auditor.request('GET', '/api/v1/audit/events?from=2024-02-29&limit=1')).status, 200);
});

// Runs sqlite3 (Debian's CLI) on the database of `dataDir`.
const sql = (dataDir, statements) => execFileSync('sqlite3', [join(dataDir, 'origine.db'), statements], { encoding: 'utf8' });

// Rewrites the log's history into a self-consistent different tree: leaf 0
// changes, every stored subtree hash is recomputed.
function rewriteHistory(dataDir) {
  const rows = sql(dataDir, 'SELECT idx, hex(entry) FROM tlog_leaves ORDER BY idx;').trim().split('\n').map((l) => l.split('|'));
  const entries = rows.map(([, hex]) => Buffer.from(hex, 'hex'));
  entries[0][entries[0].length - 1] ^= 1;  // the time of the first leaf
  const levels = [entries.map(leafHash)];
  while (levels.at(-1).length > 1) {
    const prev = levels.at(-1);
    const next = [];
    for (let i = 0; i + 1 < prev.length; i += 2) next.push(nodeHash(prev[i], prev[i + 1]));
    levels.push(next);
  }
  let stmts = 'BEGIN;';
  stmts += `UPDATE tlog_leaves SET entry = X'${entries[0].toString('hex')}', leaf_hash = X'${levels[0][0].toString('hex')}' WHERE idx = 0;`;
  stmts += 'DELETE FROM tlog_nodes;';
  for (let l = 1; l < levels.length; l++)
    levels[l].forEach((h, i) => { stmts += `INSERT INTO tlog_nodes (id, hash) VALUES (${(BigInt(l) << 48n) + BigInt(i)}, X'${h.toString('hex')}');`; });
  stmts += 'COMMIT;';
  sql(dataDir, stmts);
}

test('audit verify detects a changed event; the monitor detects a rewritten log', async () => {
  let s = await startServer();
  try {
    const state = tempDir('origine-monitor-');
    const first = await cli(['log', 'monitor', s.base, '--state', state]);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.match(first.stdout, /^consistent: \S+ size \d+\n$/);
    await issueCertificate(s, 'FAC-MON-1');
    const second = await cli(['log', 'monitor', s.base, '--state', state]);
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.match(second.stdout, /consistent: .* \(previous \d+\)/);
    const anchor = await cli(['audit', 'anchor', '--data', s.dataDir]);
    assert.equal(anchor.code, 0, anchor.stderr);
    assert.match(anchor.stdout, /anchored at log index \d+|already anchored/);

    const ok = await cli(['audit', 'verify', '--data', s.dataDir]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /^chain intact, \d+ events/);

    await s.stop({ keepData: true });
    sql(s.dataDir, `UPDATE audit_events SET details = '{"forged":true}' WHERE id = 7;`);
    const broken = await cli(['audit', 'verify', '--data', s.dataDir]);
    assert.equal(broken.code, 1, broken.stdout + broken.stderr);
    assert.match(broken.stdout, /CHAIN BROKEN at event 7: event 7 .*does not match its hash/);

    rewriteHistory(s.dataDir);
    s = await startServer({ dataDir: s.dataDir, demo: false });
    const third = await cli(['log', 'monitor', s.base, '--state', state]);
    assert.equal(third.code, 1, third.stdout + third.stderr);
    assert.match(third.stdout, /^INCONSISTENT: /);
    assert.match(third.stdout, /evidence kept in /);
    // A monitor with the wrong key refuses the checkpoint (error, not a verdict).
    const other = await cli(['log', 'monitor', s.base, '--state', tempDir('origine-monitor-'), '--key',
      'other.example/log+00000000+AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']);
    assert.notEqual(other.code, 0);
  } finally {
    await s.stop();
  }
});
