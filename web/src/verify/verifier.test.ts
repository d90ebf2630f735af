import { deflate } from 'pako';
import { beforeAll, describe, expect, it } from 'vitest';
import { base45Decode, base45Encode } from './base45';
import { hex } from './bytes';
import { parseCertificate } from './der';
import { fixtures, rootDer } from './testdata/fixtures';
import { verifySignedTrustList } from './trustList';
import { verifyQrText, type TrustEntry } from './verifier';
import { zlibDecompress } from './zlib';

const fx = fixtures;
const now = fx.generated_at;
const [firstNumber, firstQr] = Object.entries(fx.qr)[0];
let trust: TrustEntry[];

beforeAll(async () => {
  // The list as seeded: the signer of every demo QR, not revoked.
  trust = (await verifySignedTrustList(fx.trust_lists[0], rootDer())).entries;
});

/** Decodes a CO1: text to its COSE bytes, lets `edit` change them, and re-encodes (the signature is kept). */
function reencode(qr: string, edit: (cose: Uint8Array) => Uint8Array): string {
  const cose = zlibDecompress(base45Decode(qr.slice(4)), 16384);
  return 'CO1:' + base45Encode(deflate(edit(cose.slice()), { level: 9 }));
}

function replaceAscii(cose: Uint8Array, from: string, to: string): Uint8Array {
  const f = new TextEncoder().encode(from);
  const t = new TextEncoder().encode(to);
  for (let i = 0; i + f.length <= cose.length; i++) {
    if (f.every((b, j) => cose[i + j] === b)) {
      cose.set(t, i);
      return cose;
    }
  }
  throw new Error(`"${from}" not found`);
}

describe('offline verifier on QR texts from our server', () => {
  it.each(Object.entries(fx.qr))('%s is valid and decodes its claims', async (number, qr) => {
    const out = await verifyQrText(qr, trust, now);
    expect(out.reason).toBe('');
    expect(out.status).toBe('valid');
    expect(out.claims?.number).toBe(number);
    expect(out.claims?.document_hash.length).toBe(32);
    expect(out.claims?.goods.length).toBeGreaterThan(0);
  });

  it('accepts surrounding whitespace', async () => {
    expect((await verifyQrText(`  \n${firstQr}\r\n`, trust, now)).status).toBe('valid');
  });

  it('gives bad_signature when the signed content was changed', async () => {
    const tampered = reencode(firstQr, (c) => replaceAscii(c, firstNumber, firstNumber.replace(/1$/, '9')));
    const out = await verifyQrText(tampered, trust, now);
    expect(out.status).toBe('bad_signature');
    expect(out.claims).toBeUndefined();
  });

  it('gives bad_signature when the signature itself was changed', async () => {
    const tampered = reencode(firstQr, (c) => {
      c[c.length - 1] ^= 1;
      return c;
    });
    expect((await verifyQrText(tampered, trust, now)).status).toBe('bad_signature');
  });

  it('gives unknown_signer with an empty or foreign trust list', async () => {
    expect((await verifyQrText(firstQr, [], now)).status).toBe('unknown_signer');
    const other = trust.map((e) => ({ ...e, kid: new Uint8Array(8) }));
    const out = await verifyQrText(firstQr, other, now);
    expect(out.status).toBe('unknown_signer');
    expect(out.reason).toContain(hex(trust[0].kid));
  });

  it('tries every entry of a colliding kid', async () => {
    // A second certificate under the same kid, listed first: it fails, the real one verifies.
    const cert = trust[0].certificate.slice();
    const spki = parseCertificate(cert).spki;
    const at = hex(cert).indexOf(hex(spki)) / 2;
    cert[at + spki.length - 1] ^= 0x01; // the last byte of the public point: another (or no) key
    const impostor = { ...trust[0], certificate: cert };
    expect((await verifyQrText(firstQr, [impostor, ...trust], now)).status).toBe('valid');
    expect((await verifyQrText(firstQr, [impostor], now)).status).toBe('bad_signature');
  });

  it('gives revoked (with date and reason) when the signer was removed', async () => {
    const revoked = trust.map((e) => ({ ...e, revoked: { at: now - 60, reason: 'key compromise' } }));
    const out = await verifyQrText(firstQr, revoked, now);
    expect(out.status).toBe('revoked');
    expect(out.revocation).toEqual({ at: now - 60, reason: 'key compromise' });
    expect(out.claims?.number).toBe(firstNumber);
  });

  it('gives expired after expires_at and not_yet_valid before issued_at', async () => {
    const valid = await verifyQrText(firstQr, trust, now);
    const c = valid.claims!;
    expect((await verifyQrText(firstQr, trust, c.expires_at + 1)).status).toBe('expired');
    expect((await verifyQrText(firstQr, trust, c.expires_at)).status).toBe('valid');
    const early = await verifyQrText(firstQr, trust, c.issued_at - 301);
    expect(early.status).toBe('not_yet_valid');
    expect(early.reason).toBe('issued_at is in the future');
  });

  it.each([
    ['', 'prefix'],
    ['HC1:' + 'A'.repeat(9), 'prefix'],
    ['CO1:', 'zlib'],
    ['CO1:A', 'dangling'],
    ['CO1:' + 'A'.repeat(4300), 'longer than 4296'],
  ])('gives malformed for %j', async (text, why) => {
    const out = await verifyQrText(text, trust, now);
    expect(out.status).toBe('malformed');
    expect(out.reason).toContain(why);
  });

  it('gives malformed for a changed Base45 character (zlib checksum)', async () => {
    const i = firstQr.length - 10;
    const c = firstQr[i] === 'A' ? 'B' : 'A';
    const out = await verifyQrText(firstQr.slice(0, i) + c + firstQr.slice(i + 1), trust, now);
    expect(out.status).toBe('malformed');
  });

  it('refuses an alg outside the protected header (malformed)', async () => {
    // Protected header a2 01 26 04 48 <kid> → a1 04 48 <kid> plus one padding byte is not possible
    // without changing the length, so replace alg -7 by -35 (ES384): refused before any key is tried.
    const tampered = reencode(firstQr, (c) => {
      const i = c.findIndex((b, j) => b === 0xa2 && c[j + 1] === 0x01 && c[j + 2] === 0x26);
      c[i + 2] = 0x38;
      return c;
    });
    const out = await verifyQrText(tampered, trust, now);
    expect(out.status).toBe('malformed');
  });

  it('refuses trailing bytes after the zlib stream', async () => {
    const z = base45Decode(firstQr.slice(4));
    const withTrailer = new Uint8Array(z.length + 1);
    withTrailer.set(z);
    const out = await verifyQrText('CO1:' + base45Encode(withTrailer), trust, now);
    expect(out.status).toBe('malformed');
    expect(out.reason).toContain('follow the end of the stream');
  });
});
