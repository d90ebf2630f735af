// The cose-wg-examples Sign1 and ECDSA vectors through the TypeScript COSE
// parser, Sig_structure and WebCrypto ES256, with the policy rejections of
// src/trust/testdata/REJECTED_VECTORS.md (as src/trust/cose_test.cc).
import { describe, expect, it } from 'vitest';
import { FormatError, fromHex, hex } from './bytes';
import { sigStructure } from './cbor';
import { COSE_ALG_ES256, parseSign1 } from './cose';
import { verifyEs256 } from './es256';

interface Vector {
  title: string;
  fail?: boolean;
  input: { sign0: { key: { crv: string; x: string; y: string }; external?: string } };
  intermediates: { ToBeSign_hex: string };
  output: { cbor: string };
}

const found = import.meta.glob<Vector>(
  ['../../../../shared/vectors/cose-wg-examples/sign1-tests/*.json', '../../../../shared/vectors/cose-wg-examples/ecdsa-examples/ecdsa-sig-*.json'],
  { eager: true, import: 'default' },
);
const vectors = Object.entries(found).map(([path, v]) => ({ name: path.split('/').slice(-2).join('/'), v }));
if (vectors.length === 0) console.warn('cose.test: ../shared/vectors not found beside the repository: cose-wg-examples did not run');

// Valid upstream, refused on purpose (src/trust/testdata/REJECTED_VECTORS.md).
const REJECTED_BY_POLICY = new Set([
  'sign1-tests/sign-pass-01.json', // alg only in the unprotected header
  'ecdsa-examples/ecdsa-sig-02.json', // ES384
  'ecdsa-examples/ecdsa-sig-03.json', // ES512
  'ecdsa-examples/ecdsa-sig-04.json', // ES512 with a P-256 key
]);

async function verifies(v: Vector): Promise<boolean> {
  let msg;
  try {
    msg = parseSign1(fromHex(v.output.cbor));
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return false;
  }
  if (msg.alg !== COSE_ALG_ES256) return false;
  const external = fromHex(v.input.sign0.external ?? '');
  const tbs = sigStructure(msg.protectedBstr, external, msg.payload);
  if (!v.fail) expect(hex(tbs).toUpperCase()).toBe(v.intermediates.ToBeSign_hex.toUpperCase());
  const { crv, x, y } = v.input.sign0.key;
  if (crv !== 'P-256') return false;
  const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv, x, y, ext: true }, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'verify',
  ]);
  return verifyEs256(key, tbs, msg.signature);
}

describe.skipIf(vectors.length === 0)('cose-wg-examples (Sign1, ECDSA)', () => {
  it.each(vectors)('$name', async ({ name, v }) => {
    const expected = !v.fail && !REJECTED_BY_POLICY.has(name);
    expect(await verifies(v)).toBe(expected);
  });
  it('found the vectors', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(12);
  });
});
