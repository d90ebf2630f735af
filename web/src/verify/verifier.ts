// Offline verification of a CO1: QR text against trust-list entries: the
// pipeline of src/trust/verify.cc, step for step, in the browser.
//   trim → "CO1:" → length cap → strict Base45 → zlib (16 KiB cap) →
//   COSE_Sign1 → alg ES256 in the protected header → kid → ES256 (WebCrypto)
//   with every entry of that kid → claims → signer revoked → time checks.
// Never throws for bad input: every input gives an Outcome.
import { base45Decode } from './base45';
import { FormatError, hex } from './bytes';
import { sigStructure } from './cbor';
import { decodeClaims, type Claims } from './claims';
import { COSE_ALG_ES256, parseSign1, type Sign1 } from './cose';
import { parseCertificate } from './der';
import { importCertificateKey, verifyEs256 } from './es256';
import { zlibDecompress } from './zlib';

export const QR_PREFIX = 'CO1:';
export const MAX_QR_TEXT_LENGTH = 4296;
export const MAX_COSE_SIZE = 16384;
export const CLOCK_SKEW_SECONDS = 300;

export type OfflineStatus =
  | 'valid'
  | 'malformed'
  | 'unknown_signer'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'revoked';

export interface SignerRevocation {
  /** Unix seconds. */
  at: number;
  reason: string;
}

/** One document signer of a verified trust list. */
export interface TrustEntry {
  kid: Uint8Array;
  /** DER X.509 document-signer certificate. */
  certificate: Uint8Array;
  revoked?: SignerRevocation;
}

export interface Outcome {
  status: OfflineStatus;
  /** English, names the failing stage ('' when valid). */
  reason: string;
  claims?: Claims;
  kid?: Uint8Array;
  revocation?: SignerRevocation;
}

function trim(s: string): string {
  return s.replace(/^[ \t\r\n\v\f]+|[ \t\r\n\v\f]+$/g, '');
}

export async function verifyQrText(input: string, trust: readonly TrustEntry[], nowUnix: number): Promise<Outcome> {
  const fail = (status: OfflineStatus, reason: string, extra: Partial<Outcome> = {}): Outcome => ({ status, reason, ...extra });
  let text = trim(input);
  if (text.length > MAX_QR_TEXT_LENGTH) return fail('malformed', `text is longer than ${MAX_QR_TEXT_LENGTH} characters`);
  if (!text.startsWith(QR_PREFIX)) return fail('malformed', `text does not start with the prefix ${QR_PREFIX}`);
  text = text.slice(QR_PREFIX.length);
  let msg: Sign1;
  try {
    msg = parseSign1(zlibDecompress(base45Decode(text), MAX_COSE_SIZE));
  } catch (e) {
    return fail('malformed', e instanceof FormatError ? e.message : String(e));
  }
  if (msg.alg !== COSE_ALG_ES256) {
    return fail(
      'malformed',
      `COSE: protected header algorithm is ${msg.alg === 0 ? 'absent' : msg.alg}, only ES256 (-7) is accepted`,
    );
  }
  const kid = msg.kid;
  if (kid.length === 0) return fail('unknown_signer', 'COSE: no kid');
  const candidates = trust.filter((e) => hex(e.kid) === hex(kid));
  if (candidates.length === 0) return fail('unknown_signer', `no trusted certificate has kid ${hex(kid)}`, { kid });
  // Kids are 8-byte hashes and may collide: try every entry of that kid.
  const toBeSigned = sigStructure(msg.protectedBstr, new Uint8Array(0), msg.payload);
  let signer: TrustEntry | undefined;
  for (const entry of candidates) {
    if (await verifyEs256(await importCertificateKey(entry.certificate), toBeSigned, msg.signature)) {
      signer = entry;
      break;
    }
  }
  if (!signer) return fail('bad_signature', `signature does not verify with any certificate of kid ${hex(kid)}`, { kid });
  let claims: Claims;
  try {
    claims = decodeClaims(msg.payload);
  } catch (e) {
    return fail('malformed', `claims: ${(e as Error).message}`, { kid });
  }
  if (signer.revoked) {
    return fail('revoked', `signer certificate revoked: ${signer.revoked.reason}`, {
      kid,
      claims,
      revocation: signer.revoked,
    });
  }
  const cert = parseCertificate(signer.certificate); // parsed already by importCertificateKey
  if (nowUnix > claims.expires_at) return fail('expired', 'certificate of origin expired', { kid, claims });
  if (claims.expires_at > cert.notAfter) {
    return fail('expired', 'certificate of origin expires after its signer certificate', { kid, claims });
  }
  if (nowUnix > cert.notAfter) return fail('expired', 'signer certificate expired', { kid, claims });
  if (nowUnix < claims.issued_at - CLOCK_SKEW_SECONDS) return fail('not_yet_valid', 'issued_at is in the future', { kid, claims });
  if (nowUnix < cert.notBefore) return fail('not_yet_valid', 'signer certificate is not yet valid', { kid, claims });
  return { status: 'valid', reason: '', kid, claims };
}
