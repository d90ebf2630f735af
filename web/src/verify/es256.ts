// ES256 (ECDSA P-256 with SHA-256) through WebCrypto, keys from DER certificates.
import { buf } from './bytes';
import { parseCertificate } from './der';

const keyCache = new WeakMap<Uint8Array, Promise<CryptoKey | null>>();

/** Imports the P-256 public key of a DER certificate; null when it is not one. Cached per entry. */
export function importCertificateKey(certificate: Uint8Array): Promise<CryptoKey | null> {
  let p = keyCache.get(certificate);
  if (!p) {
    p = (async () => {
      try {
        const { spki } = parseCertificate(certificate);
        return await crypto.subtle.importKey('spki', buf(spki), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
      } catch {
        return null;
      }
    })();
    keyCache.set(certificate, p);
  }
  return p;
}

/** ES256 over `data`; `signature` is r||s (64 bytes). False for any other length or a bad key. */
export async function verifyEs256(key: CryptoKey | null, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (!key || signature.length !== 64) return false;
  try {
    return await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, buf(signature), buf(data));
  } catch {
    return false;
  }
}
