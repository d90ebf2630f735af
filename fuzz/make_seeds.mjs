// Regenerates the seed corpora in fuzz/corpus/<fuzzer>/ from a data directory
// seeded by `origine demo seed` (whose signer must be the one in
// fuzz/fixed_trust.h for qr_verify seeds to reach "valid") and from
// ../shared/vectors when present. Seeds are small: valid inputs of each layer
// plus truncated, padded and bit-flipped variants.
// Usage: node fuzz/make_seeds.mjs PATH/TO/origine DATA_DIR
// (needs tests/interop/node_modules: cd tests/interop && npm ci)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unwrap, parseSign1, cbor } from '../tests/interop/verifiers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [bin, data] = process.argv.slice(2);
if (!bin || !data) throw new Error('usage: node fuzz/make_seeds.mjs ORIGINE_BIN DATA_DIR');
const run = (...args) => execFileSync(bin, args).toString().trim();

function seed(fuzzer, name, bytes) {
  const dir = join(here, 'corpus', fuzzer);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), Buffer.from(bytes));
}
const flip = (b, i) => { const o = Buffer.from(b); o[i % o.length] ^= 0x80; return o; };

const numbers = run('cert', 'list', '--data', data).split('\n').filter(Boolean);
numbers.forEach((number, n) => {
  const qr = run('cert', 'qr', '--data', data, number);
  const b45 = qr.slice(4);
  const zlib = Buffer.from(require45(b45));
  const coseBytes = unwrap(qr);
  const { tag, parts } = parseSign1(coseBytes);
  const payload = parts[2];
  // qr_verify: whole texts and broken variants.
  seed('qr_verify', `valid_${n}.txt`, qr);
  if (n === 0) {
    seed('qr_verify', 'truncated_half.txt', qr.slice(0, qr.length >> 1));
    seed('qr_verify', 'truncated_last.txt', qr.slice(0, -1));
    seed('qr_verify', 'whitespace.txt', `  ${qr}\n`);
    seed('qr_verify', 'lowercase.txt', qr.toLowerCase());
    seed('qr_verify', 'hc1_prefix.txt', `HC1:${b45}`);
    seed('qr_verify', 'prefix_only.txt', 'CO1:');
    seed('qr_verify', 'char_changed.txt', qr.slice(0, 200) + (qr[200] === '0' ? '1' : '0') + qr.slice(201));
  }
  // base45
  seed('base45', `qr_body_${n}.txt`, b45);
  // zlib
  seed('zlib', `cose_${n}.zlib`, zlib);
  if (n === 0) {
    seed('zlib', 'truncated.zlib', zlib.subarray(0, zlib.length - 5));
    seed('zlib', 'trailing.zlib', Buffer.concat([zlib, Buffer.from([0])]));
    seed('zlib', 'bad_adler.zlib', flip(zlib, zlib.length - 1));
  }
  // cose
  seed('cose', `sign1_${n}.cbor`, coseBytes);
  if (n === 0) {
    seed('cose', 'untagged.cbor', cbor.encodeOne(parts, { canonical: true }));
    seed('cose', 'cwt61.cbor', Buffer.concat([Buffer.from([0xd8, 0x3d]), coseBytes]));
    seed('cose', 'truncated.cbor', coseBytes.subarray(0, coseBytes.length - 10));
    seed('cose', 'sig_flipped.cbor', flip(coseBytes, coseBytes.length - 3));
    seed('cose', 'indefinite.cbor', Buffer.concat([Buffer.from([0xd2, 0x9f]), coseBytes.subarray(2), Buffer.from([0xff])]));
    void tag;
  }
  // cbor_claims
  seed('cbor_claims', `claims_${n}.cbor`, payload);
  if (n === 0) {
    seed('cbor_claims', 'truncated.cbor', payload.subarray(0, payload.length >> 1));
    seed('cbor_claims', 'trailing.cbor', Buffer.concat([payload, Buffer.from([0x00])]));
    seed('cbor_claims', 'indefinite_map.cbor', Buffer.concat([Buffer.from([0xbf]), payload.subarray(1), Buffer.from([0xff])]));
  }
});

// The hand-checked claims example of docs/formats/qr-payload.md.
seed('cbor_claims', 'doc_example.cbor', Buffer.from(
  'ad01624d4c02624e31036445544c5304a201614502613105a20161430262534e06624d4c0762534e081903e8' +
  '091a000111700a818464303130316132617461350b61490c5820' + 'ab'.repeat(32) + '0d1818', 'hex'));

// Base45 vectors (RFC 9285 examples and strict-rejection cases).
const vectors = join(here, '..', '..', 'shared', 'vectors');
const b45file = join(vectors, 'derived', 'base45_rfc9285.json');
if (existsSync(b45file)) {
  const doc = JSON.parse(readFileSync(b45file, 'utf8'));
  for (const v of [...doc.valid, ...doc.invalid]) {
    const text = v.base45 ?? v.input ?? v.text;
    if (typeof text !== 'string') continue;
    seed('base45', `vec_${createHash('sha1').update(text).digest('hex').slice(0, 10)}.txt`, text);
  }
}
// COSE examples: the Sign1 tests of cose-wg/Examples.
const sign1 = join(vectors, 'cose-wg-examples', 'sign1-tests');
if (existsSync(sign1)) {
  for (const f of readdirSync(sign1)) {
    const j = JSON.parse(readFileSync(join(sign1, f), 'utf8'));
    if (j.output?.cbor) seed('cose', f.replace('.json', '.cbor'), Buffer.from(j.output.cbor, 'hex'));
  }
}

function require45(text) {
  // Base45 decoding for seeds only (valid input), to keep the zlib stream.
  const A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  const out = [];
  for (let i = 0; i < text.length; i += 3) {
    const c = [...text.slice(i, i + 3)].map((ch) => A.indexOf(ch));
    const v = c[0] + c[1] * 45 + (c.length === 3 ? c[2] * 2025 : 0);
    if (c.length === 3) out.push(v >> 8, v & 0xff); else out.push(v);
  }
  return out;
}
