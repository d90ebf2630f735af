// Verifications per second of the same CO1: texts by the independent npm
// verifiers of tests/interop (cose-js@0.9.0 with elliptic; @auth0/cose@1.0.2
// with WebCrypto/OpenSSL), including Base45 + zlib, in one Node thread.
// Usage: node bench/trust_cosejs.mjs QR_FILE TRUST_LIST_JSON [SECONDS]
// Prints one JSON line: {"cose-js": verify/s, "@auth0/cose": verify/s}.
import { readFileSync } from 'node:fs';
import { loadTrustList, verifyWithCoseJs, verifyWithAuth0 } from '../tests/interop/verifiers.mjs';

const [qrFile, trustFile, seconds = '5'] = process.argv.slice(2);
const texts = readFileSync(qrFile, 'utf8').split('\n').filter(Boolean);
const trust = loadTrustList(readFileSync(trustFile, 'utf8'));

async function rate(verify) {
  for (const t of texts) await verify(t, trust);  // warm-up, and every text must verify
  const end = performance.now() + Number(seconds) * 1000;
  let n = 0;
  const start = performance.now();
  while (performance.now() < end) {
    await verify(texts[n % texts.length], trust);
    n += 1;
  }
  return n / ((performance.now() - start) / 1000);
}

const out = { 'cose-js': await rate(verifyWithCoseJs), '@auth0/cose': await rate(verifyWithAuth0) };
console.log(JSON.stringify(out));
