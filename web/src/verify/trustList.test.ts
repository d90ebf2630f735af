import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './bytes';
import { fixtures, rootDer } from './testdata/fixtures';
import { verifySignedTrustList } from './trustList';
import { verifyQrText } from './verifier';

const [first, rotated, revoked] = fixtures.trust_lists;
const now = fixtures.generated_at;
const qr = Object.values(fixtures.qr)[0];

/** Re-encodes one of the three JWS parts after `edit` (signature kept). */
function editJws(doc: string, part: 0 | 1, edit: (text: string) => string): string {
  const d = JSON.parse(doc);
  const parts = d.jws.split('.');
  const b64u = (s: string) => toBase64(new TextEncoder().encode(s)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const text = new TextDecoder().decode(fromBase64(parts[part].replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(parts[part].length / 4) * 4, '=')));
  parts[part] = b64u(edit(text));
  d.jws = parts.join('.');
  return JSON.stringify(d);
}

describe('signed trust lists from our server (format 2)', () => {
  it('verify with the pinned root, versions increasing', async () => {
    const lists = await Promise.all(fixtures.trust_lists.map((t) => verifySignedTrustList(t, rootDer())));
    expect(lists.map((l) => l.version)).toEqual([...lists.map((l) => l.version)].sort((a, b) => a - b));
    expect(lists[0].version).toBeLessThan(lists[2].version);
    expect(lists[0].issuer).toMatch(/^[A-Z]{2}$/);
    expect(lists[0].entries.length).toBe(1);
    expect(lists[1].entries.length).toBe(2);
  });

  it('a QR signed before a rotation still verifies; after the signer is revoked it is revoked with date and reason', async () => {
    expect((await verifyQrText(qr, (await verifySignedTrustList(first, rootDer())).entries, now)).status).toBe('valid');
    expect((await verifyQrText(qr, (await verifySignedTrustList(rotated, rootDer())).entries, now)).status).toBe('valid');
    const out = await verifyQrText(qr, (await verifySignedTrustList(revoked, rootDer())).entries, now);
    expect(out.status).toBe('revoked');
    expect(out.revocation?.reason).toBe('key compromise');
    expect(out.revocation?.at).toBeGreaterThan(now - 3600);
  });

  it('refuses a list checked against another root', async () => {
    const signer = fromBase64(JSON.parse(first).certificates[0].certificate);
    await expect(verifySignedTrustList(first, signer)).rejects.toThrow('signed by another root');
  });

  it('refuses a changed payload (signature kept)', async () => {
    const forged = editJws(first, 1, (p) => p.replace(/"version":(\d+)/, (_m, v) => `"version":${Number(v) + 100}`));
    await expect(verifySignedTrustList(forged, rootDer())).rejects.toThrow('does not verify with the pinned root');
  });

  it('refuses a changed header', async () => {
    const forged = editJws(first, 0, (h) => h.replace('origine-trust-list+jws', 'JWT'));
    await expect(verifySignedTrustList(forged, rootDer())).rejects.toThrow('JWS typ');
  });

  it('reads only the signed payload, never the outer copy', async () => {
    const d = JSON.parse(revoked);
    for (const c of d.certificates) delete c.revoked;
    d.version = 999;
    const list = await verifySignedTrustList(JSON.stringify(d), rootDer());
    expect(list.version).not.toBe(999);
    expect(list.entries.some((e) => e.revoked)).toBe(true);
  });

  it.each([
    ['not JSON', '{', 'invalid JSON'],
    ['no jws', '{"format":2}', '"jws"'],
    ['two parts', '{"jws":"a.b"}', 'three parts'],
  ])('refuses %s', async (_n, text, msg) => {
    await expect(verifySignedTrustList(text, rootDer())).rejects.toThrow(msg);
  });
});
