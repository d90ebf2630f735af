// The operator commands and offline verification, against a data directory
// that a real server seeded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, cli } from './server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('cert list, qr, pdf and trust-list export', async () => {
  const list = await cli(['cert', 'list', '--data', server.dataDir]);
  assert.equal(list.code, 0, list.stderr);
  const numbers = list.stdout.trim().split('\n');
  assert.ok(numbers.length >= 3);
  for (const n of numbers) assert.match(n, /^ML-(ETLS|NP)-\d{4}-\d{6}$/);

  const qr = await cli(['cert', 'qr', '--data', server.dataDir, numbers[0]]);
  assert.equal(qr.code, 0);
  assert.match(qr.stdout.trim(), /^CO1:/);

  const pdfPath = join(server.dataDir, 'c.pdf');
  const pdf = await cli(['cert', 'pdf', '--data', server.dataDir, numbers[0], '-o', pdfPath]);
  assert.equal(pdf.code, 0, pdf.stderr);
  assert.equal(readFileSync(pdfPath).subarray(0, 5).toString(), '%PDF-');

  const tlPath = join(server.dataDir, 'trust.json');
  const tl = await cli(['trust-list', 'export', '--data', server.dataDir, '-o', tlPath]);
  assert.equal(tl.code, 0, tl.stderr);
  const doc = JSON.parse(readFileSync(tlPath, 'utf8'));
  assert.ok(doc.certificates.length >= 1);
  for (const e of doc.certificates) {
    assert.equal(Buffer.from(e.kid, 'base64').length, 8);
    assert.equal(Buffer.from(e.certificate, 'base64')[0], 0x30);  // DER SEQUENCE
  }

  const missing = await cli(['cert', 'qr', '--data', server.dataDir, 'ML-ETLS-1999-000001']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no certificate/);
  // Errors are printed as "error: <message> (<code>)".
  assert.match(missing.stderr, /^error: .*no certificate.* \([a-z0-9_.]+\)$/m);
});

test('verify offline: text, stdin, PDF; valid 0, not valid 1, error 2', async () => {
  const numbers = (await cli(['cert', 'list', '--data', server.dataDir])).stdout.trim().split('\n');
  const qr = (await cli(['cert', 'qr', '--data', server.dataDir, numbers[0]])).stdout.trim();
  const tlPath = join(server.dataDir, 'trust2.json');
  await cli(['trust-list', 'export', '--data', server.dataDir, '-o', tlPath]);

  const ok = await cli(['verify', '--trust-list', tlPath, '--json', qr]);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  const out = JSON.parse(ok.stdout);
  assert.equal(out.valid, true);
  assert.equal(out.certificate.number, numbers[0]);

  const i = Math.floor(qr.length / 2);
  const tampered = qr.slice(0, i) + (qr[i] === '0' ? '1' : '0') + qr.slice(i + 1);
  const bad = await cli(['verify', '--trust-list', tlPath, '--json', tampered]);
  assert.equal(bad.code, 1);
  assert.equal(JSON.parse(bad.stdout).valid, false);

  const garbage = await cli(['verify', '--trust-list', tlPath, 'not-a-qr']);
  assert.equal(garbage.code, 1);
  assert.match(garbage.stdout, /NON VALIDE/);

  const fromStdin = await cli(['verify', '--trust-list', tlPath, '-'], { input: qr + '\n' });
  assert.equal(fromStdin.code, 0, fromStdin.stdout + fromStdin.stderr);

  const pdfPath = join(server.dataDir, 'v.pdf');
  await cli(['cert', 'pdf', '--data', server.dataDir, numbers[0], '-o', pdfPath]);
  const fromPdf = await cli(['verify', '--trust-list', tlPath, pdfPath]);
  assert.equal(fromPdf.code, 0, fromPdf.stdout + fromPdf.stderr);
  assert.match(fromPdf.stdout, /VALIDE/);

  const noFile = await cli(['verify', '--trust-list', tlPath, '/nonexistent/file.pdf']);
  assert.equal(noFile.code, 2);
  assert.match(noFile.stderr, /^error: no such file: \/nonexistent\/file\.pdf \(file\.not_found\)$/m);
  const badTrust = join(server.dataDir, 'bad-trust.json');
  writeFileSync(badTrust, '{"certificates": [{"kid": "!!", "certificate": "x"}]}');
  const badList = await cli(['verify', '--trust-list', badTrust, qr]);
  assert.equal(badList.code, 2);
  assert.match(badList.stderr, /trust list/);

  // An empty (unsigned, format 1) trust list is an error, not a verdict.
  const empty = join(server.dataDir, 'other-trust.json');
  writeFileSync(empty, JSON.stringify({ version: 1, certificates: [] }));
  const none = await cli(['verify', '--trust-list', empty, qr]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /\(cli\.trust_list_empty\)$/m);
  const rootAlone = await cli(['verify', '--root', tlPath, qr]);
  assert.equal(rootAlone.code, 2);
  assert.equal(rootAlone.stderr, 'error: --root needs --trust-list FILE (cli.root_without_trust_list)\n');
  // Emptying the outer copy of a signed list changes nothing: only the JWS payload counts.
  const outer = JSON.parse(readFileSync(tlPath, 'utf8'));
  outer.certificates = [];
  writeFileSync(empty, JSON.stringify(outer));
  const still = await cli(['verify', '--trust-list', empty, '--json', qr]);
  assert.equal(still.code, 0, still.stdout + still.stderr);
});

test('keys are created private to the owner', async () => {
  const keyDir = join(server.dataDir, 'keys');
  assert.ok(existsSync(keyDir));
  for (const f of readdirSync(keyDir).filter((f) => f.endsWith('.key.pem'))) {
    assert.equal(statSync(join(keyDir, f)).mode & 0o777, 0o600, f);
  }
});

test('SIGTERM stops the server gracefully', async () => {
  const s = await startServer({ demo: false });
  const code = await new Promise((resolve) => {
    s.proc.on('exit', (c) => resolve(c));
    s.proc.kill('SIGTERM');
  });
  assert.equal(code, 0);
  await s.stop();
});
