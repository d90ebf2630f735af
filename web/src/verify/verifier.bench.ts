// Offline verification throughput of the browser verifier, in Node (WebCrypto
// is OpenSSL there; a phone's is slower): `npx vitest bench --run src/verify`.
import { bench, describe } from 'vitest';
import { fixtures, rootDer } from './testdata/fixtures';
import { verifySignedTrustList } from './trustList';
import { verifyQrText } from './verifier';

const trust = (await verifySignedTrustList(fixtures.trust_lists[0], rootDer())).entries;
const qr = Object.values(fixtures.qr)[0];

describe('verifyQrText (one demo QR, key import cached)', () => {
  bench('full pipeline: Base45, zlib, CBOR, COSE, ES256, claims, dates', async () => {
    const out = await verifyQrText(qr, trust, fixtures.generated_at);
    if (out.status !== 'valid') throw new Error(out.reason);
  });
});
