// Trust-list entries: JSON → TrustEntry[], with the reader rules of
// src/trust/trust_list.cc (kid = first 8 bytes of SHA-256 of the DER certificate).
import { FormatError, equalBytes, fromBase64, sha256 } from './bytes';
import { parseCertificate } from './der';
import type { TrustEntry } from './verifier';

interface RawEntry {
  kid?: unknown;
  certificate?: unknown;
  revoked?: unknown;
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new FormatError(`trust list: ${what} is missing or not a string`);
  return v;
}

/** Entries of a trust list's "certificates" array. Throws FormatError naming the entry. */
export async function parseEntries(certificates: unknown): Promise<TrustEntry[]> {
  if (!Array.isArray(certificates)) throw new FormatError('trust list: "certificates" is not an array');
  const out: TrustEntry[] = [];
  for (const [i, raw] of (certificates as RawEntry[]).entries()) {
    const what = `certificates[${i}]`;
    if (typeof raw !== 'object' || raw === null) throw new FormatError(`trust list: ${what} is not an object`);
    const kid = fromBase64(str(raw.kid, `${what}.kid`));
    const certificate = fromBase64(str(raw.certificate, `${what}.certificate`));
    parseCertificate(certificate);
    if (!equalBytes(kid, (await sha256(certificate)).subarray(0, 8))) {
      throw new FormatError(`trust list: ${what}.kid is not the first 8 bytes of SHA-256 of its certificate`);
    }
    const entry: TrustEntry = { kid, certificate };
    if (raw.revoked !== undefined && raw.revoked !== null) {
      const r = raw.revoked as { at?: unknown; reason?: unknown };
      const at = typeof r.at === 'string' ? Date.parse(r.at) / 1000 : typeof r.at === 'number' ? r.at : NaN;
      if (!Number.isFinite(at)) throw new FormatError(`trust list: ${what}.revoked.at is not a date`);
      entry.revoked = { at, reason: typeof r.reason === 'string' ? r.reason : '' };
    }
    out.push(entry);
  }
  return out;
}
