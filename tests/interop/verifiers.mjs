// Independent verifiers of a CO1: QR text, built only from npm libraries and
// the published trust list (no code of ours): the DCC pipeline as a third
// party would run it.
//   text → strip "CO1:" → base45@3.0.0 → pako inflate → COSE_Sign1
//   cose-js@0.9.0  (elliptic, re-encodes the protected header with cbor@8)
//   @auth0/cose@1.0.2 (cbor-x, WebCrypto via jose@4 KeyLike)
// Keys come from the trust list: {certificates:[{kid, certificate}]}, base64
// DER X.509 → node:crypto X509Certificate → P-256 public key.
import { X509Certificate, createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Sign1 } from '@auth0/cose';

const require = createRequire(import.meta.url);
const base45 = require('base45');
const pako = require('pako');
const cbor = require('cbor');
const cose = require('cose-js');

export const PREFIX = 'CO1:';

// Trust list JSON → [{kid: Buffer, keyObject, jwk, cert}]; checks kid = SHA-256(DER)[0..8].
export function loadTrustList(json) {
  const doc = typeof json === 'string' ? JSON.parse(json) : json;
  return doc.certificates.map((e) => {
    const der = Buffer.from(e.certificate, 'base64');
    const kid = Buffer.from(e.kid, 'base64');
    const expectedKid = createHash('sha256').update(der).digest().subarray(0, 8);
    if (!kid.equals(expectedKid)) throw new Error(`kid ${e.kid} is not SHA-256(certificate)[0..8]`);
    const cert = new X509Certificate(der);
    const keyObject = cert.publicKey;
    const jwk = keyObject.export({ format: 'jwk' });
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') throw new Error(`kid ${e.kid}: not a P-256 key`);
    return { kid, keyObject, jwk, cert };
  });
}

// QR text → COSE_Sign1 bytes (Base45 + zlib), as a DCC verifier does.
export function unwrap(text) {
  const t = text.trim();
  if (!t.startsWith(PREFIX)) throw new Error('no CO1: prefix');
  const compressed = base45.decode(t.slice(PREFIX.length));
  return Buffer.from(pako.inflate(new Uint8Array(compressed)));
}

// The kid of a COSE_Sign1 (protected first, then unprotected), read with cbor.
export function kidOf(coseBytes) {
  let obj = cbor.decodeFirstSync(coseBytes, { preferMap: true });
  if (obj instanceof cbor.Tagged) obj = obj.value;
  const prot = obj[0].length ? cbor.decodeFirstSync(obj[0], { preferMap: true }) : new Map();
  return Buffer.from(prot.get(4) ?? obj[1].get?.(4) ?? []);
}

function candidates(trust, coseBytes) {
  const kid = kidOf(coseBytes);
  const matches = trust.filter((e) => e.kid.equals(kid));
  if (matches.length === 0) throw new Error(`unknown signer kid ${kid.toString('hex')}`);
  return matches;
}

// cose-js: resolves to the payload (claims CBOR) or rejects.
export async function verifyWithCoseJs(text, trust) {
  const msg = unwrap(text);
  let lastError;
  for (const e of candidates(trust, msg)) {
    const verifier = {
      key: { x: Buffer.from(e.jwk.x, 'base64url'), y: Buffer.from(e.jwk.y, 'base64url') },
    };
    try {
      return Buffer.from(await cose.sign.verify(msg, verifier, { defaultType: cose.sign.Sign1Tag }));
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

// @auth0/cose: resolves to the payload or rejects. Only ES256 is allowed.
export async function verifyWithAuth0(text, trust) {
  const msg = unwrap(text);
  const decoded = Sign1.decode(new Uint8Array(msg));
  let lastError;
  for (const e of candidates(trust, msg)) {
    try {
      await decoded.verify(e.keyObject, { algorithms: [-7] });
      return Buffer.from(decoded.payload);
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

// DCC-style decode of the claims with cbor: a Map with integer keys.
export function decodeClaims(payload) {
  return cbor.decodeFirstSync(payload, { preferMap: true });
}

// The canonical (RFC 8949 §4.2.1) re-encoding by cbor, to compare with ours.
export function canonical(value) {
  return cbor.encodeOne(value, { canonical: true });
}

// Re-wraps COSE bytes as a CO1: text (zlib level 9 + Base45), to build
// tampered messages that still pass the outer layers.
export function wrap(coseBytes) {
  return PREFIX + base45.encode(Buffer.from(pako.deflate(new Uint8Array(coseBytes), { level: 9 })));
}

// The four elements of the COSE_Sign1 array and its tag, read with cbor.
export function parseSign1(coseBytes) {
  const obj = cbor.decodeFirstSync(coseBytes, { preferMap: true });
  if (!(obj instanceof cbor.Tagged)) return { tag: undefined, parts: obj };
  return { tag: obj.tag, parts: obj.value };
}

export { cbor };
