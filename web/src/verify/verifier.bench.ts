// Offline verification throughput of the browser verifier, in Node (WebCrypto
// is OpenSSL there; a phone's is slower): `npx vitest bench --run src/verify`.
import { bench, describe } from 'vitest';
import { fromBase64 } from './bytes';
import fixtures from './testdata/server-fixtures.json';
import { verifyQrText, type TrustEntry } from './verifier';

const trust: TrustEntry[] = (fixtures.trust_list.certificates as { kid: string; certificate: string }[]).map((e) => ({
  kid: fromBase64(e.kid),
  certificate: fromBase64(e.certificate),
}));
const qr = Object.values(fixtures.qr)[0];

describe('verifyQrText (one demo QR, key import cached)', () => {
  bench('full pipeline: Base45, zlib, CBOR, COSE, ES256, claims, dates', async () => {
    const out = await verifyQrText(qr, trust, fixtures.generated_at);
    if (out.status !== 'valid') throw new Error(out.reason);
  });
});
