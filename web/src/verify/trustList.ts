// The signed trust list (docs/formats/trust-list.md, format 2) as the
// offline verifier and the service worker read it, with the rules of
// VerifySignedTrustList in src/trust/trust_list.cc: the JWS (ES256) is checked
// against a pinned root certificate first, then only the JWS payload is read
// (the document's outer fields are ignored); each entry's kid, public key and
// dates must match its certificate, which the root must have issued.
// Pure functions over WebCrypto: they run in the page, the service worker and Node.
import { FormatError, ascii, equalBytes, fromBase64, fromBase64Url, sha256, toBase64, utf8 } from './bytes';
import { parseCertificate } from './der';
import { importCertificateKey, verifyEs256 } from './es256';
import type { TrustEntry } from './verifier';

export const TRUST_LIST_JWS_TYPE = 'origine-trust-list+jws';
const MAX_REVOCATION_REASON = 200;

export interface VerifiedTrustList {
  version: number;
  issuer: string;
  /** Unix seconds. */
  issuedAt: number;
  entries: TrustEntry[];
  /** The signed payload, exactly as in the JWS (base64url): two lists of one version must have the same. */
  signedPayload: string;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Obj, name: string, where: string): string {
  const v = o[name];
  if (typeof v !== 'string') throw new FormatError(`${where}: field "${name}" is missing or not a string`);
  return v;
}

function b64(o: Obj, name: string, where: string): Uint8Array {
  try {
    return fromBase64(str(o, name, where));
  } catch (e) {
    if (e instanceof FormatError && e.message.startsWith(where)) throw e;
    throw new FormatError(`${where}: field "${name}" is not valid Base64`);
  }
}

/** "YYYY-MM-DDTHH:MM:SSZ" → Unix seconds, strictly (the text must be the canonical form). */
export function parseUtc(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) return null;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().replace('.000Z', 'Z') !== text) return null;
  return ms / 1000;
}

function time(o: Obj, name: string, where: string): number {
  const t = parseUtc(str(o, name, where));
  if (t === null) throw new FormatError(`${where}: field "${name}" is not a UTC time YYYY-MM-DDTHH:MM:SSZ`);
  return t;
}

async function kidOf(der: Uint8Array): Promise<Uint8Array> {
  return (await sha256(der)).slice(0, 8);
}

async function parseEntry(v: unknown, rootKey: CryptoKey | null, where: string): Promise<TrustEntry> {
  if (!isObj(v)) throw new FormatError(`${where} is not an object`);
  const kid = b64(v, 'kid', where);
  const certificate = b64(v, 'certificate', where);
  const spki = b64(v, 'public_key', where);
  let info;
  try {
    info = parseCertificate(certificate);
  } catch {
    throw new FormatError(`${where}: certificate is not a DER X.509 certificate`);
  }
  if (!equalBytes(kid, await kidOf(certificate))) throw new FormatError(`${where}: kid does not match the certificate`);
  if (!equalBytes(spki, info.spki)) throw new FormatError(`${where}: public_key does not match the certificate`);
  if (time(v, 'not_before', where) !== info.notBefore || time(v, 'not_after', where) !== info.notAfter) {
    throw new FormatError(`${where}: not_before/not_after differ from the certificate`);
  }
  if (!info.es256Signature || !(await verifyEs256(rootKey, info.tbs, info.es256Signature))) {
    throw new FormatError(`${where}: certificate was not issued by the root`);
  }
  const types = v.types;
  if (!Array.isArray(types) || types.length === 0 || !types.every((t) => typeof t === 'string' && t !== '')) {
    throw new FormatError(`${where}: "types" must be a non-empty array of strings`);
  }
  const entry: TrustEntry = { kid, certificate };
  if (v.revoked !== undefined) {
    if (!isObj(v.revoked)) throw new FormatError(`${where}: "revoked" is not an object`);
    const at = time(v.revoked, 'at', `${where}.revoked`);
    const reason = str(v.revoked, 'reason', `${where}.revoked`);
    if (reason.length === 0 || new TextEncoder().encode(reason).length > MAX_REVOCATION_REASON) {
      throw new FormatError(`${where}.revoked: reason must have 1 to ${MAX_REVOCATION_REASON} characters`);
    }
    entry.revoked = { at, reason };
  }
  return entry;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new FormatError(`${what}: invalid JSON`);
  }
}

/**
 * Checks a published format-2 trust list (the JSON text) against the pinned root
 * certificate (DER). Throws FormatError naming what is wrong.
 */
export async function verifySignedTrustList(json: string, pinnedRoot: Uint8Array): Promise<VerifiedTrustList> {
  try {
    parseCertificate(pinnedRoot);
  } catch {
    throw new FormatError('trust list: the pinned root is not a DER certificate');
  }
  const outer = parseJson(json, 'trust list');
  if (!isObj(outer)) throw new FormatError('trust list: not a JSON object');
  const jws = str(outer, 'jws', 'trust list');
  const parts = jws.split('.');
  if (parts.length !== 3) throw new FormatError('trust list: jws is not a JWS compact serialization (three parts)');
  let header: unknown, payloadBytes: Uint8Array, sig: Uint8Array;
  try {
    header = parseJson(utf8(fromBase64Url(parts[0])), 'trust list JWS header');
    payloadBytes = fromBase64Url(parts[1]);
    sig = fromBase64Url(parts[2]);
  } catch (e) {
    if (e instanceof FormatError && e.message.startsWith('trust list JWS header')) throw e;
    throw new FormatError('trust list: jws is not valid base64url');
  }
  if (!isObj(header)) throw new FormatError('trust list JWS header: not a JSON object');
  if (header.alg !== 'ES256') throw new FormatError('trust list: JWS alg must be ES256');
  if (header.typ !== TRUST_LIST_JWS_TYPE) throw new FormatError(`trust list: JWS typ must be ${TRUST_LIST_JWS_TYPE}`);
  if (header.kid !== toBase64(await kidOf(pinnedRoot))) {
    throw new FormatError('trust list: signed by another root (JWS kid is not the pinned root\'s kid)');
  }
  if ('crit' in header) throw new FormatError('trust list: JWS crit is not supported');
  const rootKey = await importCertificateKey(pinnedRoot);
  if (!(await verifyEs256(rootKey, ascii(`${parts[0]}.${parts[1]}`), sig))) {
    throw new FormatError('trust list: the signature does not verify with the pinned root');
  }
  const p = parseJson(utf8(payloadBytes, 'trust list payload'), 'trust list payload');
  if (!isObj(p)) throw new FormatError('trust list payload: not a JSON object');
  if (p.format !== 2) throw new FormatError('trust list payload: "format" must be 2');
  const version = p.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new FormatError('trust list payload: "version" must be an integer >= 1');
  }
  const issuer = str(p, 'issuer', 'trust list payload');
  if (!/^[A-Z]{2}$/.test(issuer)) throw new FormatError('trust list payload: issuer must be two capital letters');
  const issuedAt = time(p, 'issued_at', 'trust list payload');
  if (!Array.isArray(p.certificates)) throw new FormatError('trust list payload: "certificates" must be an array');
  const entries: TrustEntry[] = [];
  for (const [i, e] of p.certificates.entries()) {
    entries.push(await parseEntry(e, rootKey, `trust list payload: certificates[${i}]`));
  }
  return { version, issuer, issuedAt, entries, signedPayload: parts[1] };
}

/**
 * Whether a newly fetched, verified list may replace the kept one
 * (docs/formats/trust-list.md, "What a verifier does" 5): never a lower version
 * (a replayed old list could hide a revocation), and a version equal to the
 * kept one only with the same signed bytes. Returns null when allowed, else why not.
 */
export function replaceRefusal(
  kept: Pick<VerifiedTrustList, 'version' | 'signedPayload'> | null,
  fetched: Pick<VerifiedTrustList, 'version' | 'signedPayload'>,
): string | null {
  if (kept === null || fetched.version > kept.version) return null;
  if (fetched.version < kept.version) {
    return `trust list: version ${fetched.version} is older than the kept version ${kept.version}`;
  }
  if (fetched.signedPayload !== kept.signedPayload) {
    return `trust list: version ${fetched.version} differs from the kept list of the same version`;
  }
  return null;
}

/** The kid of a certificate as the trust list writes it (standard Base64 of 8 bytes). */
export async function kidBase64(der: Uint8Array): Promise<string> {
  return toBase64(await kidOf(der));
}
