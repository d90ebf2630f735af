// A minimal DER walk over an X.509 certificate (RFC 5280 §4.1): only what an
// offline verifier needs, the validity dates and the subjectPublicKeyInfo,
// which WebCrypto then imports and checks itself ("spki", P-256). Why not an
// npm X.509 library: @peculiar/x509 and pkijs bring asn1js, tslib and
// reflect-metadata (about 100 KB gzipped) to the phone for three fields.
import { FormatError } from './bytes';

interface Tlv {
  tag: number;
  /** The value bytes. */
  value: Uint8Array;
  /** The whole element, header included. */
  whole: Uint8Array;
  end: number;
}

function readTlv(data: Uint8Array, pos: number): Tlv {
  const start = pos;
  if (pos + 2 > data.length) throw new FormatError('DER: truncated element');
  const tag = data[pos++];
  if ((tag & 0x1f) === 0x1f) throw new FormatError('DER: high tag numbers are not used in certificates');
  let len = data[pos++];
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new FormatError('DER: indefinite or oversized length');
    if (pos + n > data.length) throw new FormatError('DER: truncated length');
    if (data[pos] === 0) throw new FormatError('DER: non-minimal length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + data[pos++];
    if (len < 0x80) throw new FormatError('DER: non-minimal length');
  }
  if (len > data.length - pos) throw new FormatError('DER: element longer than its container');
  return { tag, value: data.subarray(pos, pos + len), whole: data.subarray(start, pos + len), end: pos + len };
}

function children(value: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  for (let pos = 0; pos < value.length; ) {
    const t = readTlv(value, pos);
    out.push(t);
    pos = t.end;
  }
  return out;
}

function expect(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw new FormatError(`certificate: ${what} is missing or has the wrong type`);
  return t;
}

/** UTCTime (YYMMDDHHMMSSZ, RFC 5280 §4.1.2.5.1) or GeneralizedTime (YYYYMMDDHHMMSSZ) → Unix seconds. */
function timeOf(t: Tlv): number {
  const s = new TextDecoder().decode(t.value);
  let m: RegExpMatchArray | null;
  let year: number;
  if (t.tag === 0x17 && (m = s.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/))) {
    const yy = Number(m[1]);
    year = yy < 50 ? 2000 + yy : 1900 + yy;
  } else if (t.tag === 0x18 && (m = s.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/))) {
    year = Number(m[1]);
  } else {
    throw new FormatError('certificate: validity time is neither UTCTime nor GeneralizedTime in UTC');
  }
  const [mo, d, h, mi, sec] = m.slice(2, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) {
    throw new FormatError('certificate: validity time is out of range');
  }
  return Date.UTC(year, mo - 1, d, h, mi, sec) / 1000;
}

export interface CertInfo {
  notBefore: number;
  notAfter: number;
  /** DER SubjectPublicKeyInfo, for crypto.subtle.importKey('spki', …). */
  spki: Uint8Array;
  /** The signed part (DER tbsCertificate, header included). */
  tbs: Uint8Array;
  /** The issuer's signature as r||s (64 bytes) when it is ecdsa-with-SHA256 on P-256 sizes, else null. */
  es256Signature: Uint8Array | null;
}

// 1.2.840.10045.4.3.2 ecdsa-with-SHA256
const ECDSA_WITH_SHA256 = '06082a8648ce3d040302';

/** DER Ecdsa-Sig-Value SEQUENCE { r INTEGER, s INTEGER } → r||s of 32 bytes each; null if it does not fit. */
function ecdsaRaw(der: Uint8Array): Uint8Array | null {
  try {
    const seq = readTlv(der, 0);
    if (seq.tag !== 0x30 || seq.end !== der.length) return null;
    const ints = children(seq.value);
    if (ints.length !== 2) return null;
    const out = new Uint8Array(64);
    for (const [i, t] of ints.entries()) {
      if (t.tag !== 0x02 || t.value.length === 0 || t.value[0] & 0x80) return null;
      let v = t.value;
      while (v.length > 1 && v[0] === 0) v = v.subarray(1);
      if (v.length > 32) return null;
      out.set(v, 32 * i + 32 - v.length);
    }
    return out;
  } catch {
    return null;
  }
}

/** Parses one DER certificate filling `der`. Throws FormatError. */
export function parseCertificate(der: Uint8Array): CertInfo {
  const cert = readTlv(der, 0);
  if (cert.tag !== 0x30 || cert.end !== der.length) throw new FormatError('certificate is not a single DER SEQUENCE');
  const [tbs, sigAlg, sigValue] = children(cert.value);
  const f = children(expect(tbs, 0x30, 'tbsCertificate').value);
  expect(sigAlg, 0x30, 'signatureAlgorithm');
  expect(sigValue, 0x03, 'signatureValue');
  let i = f[0]?.tag === 0xa0 ? 1 : 0; // [0] EXPLICIT version
  expect(f[i++], 0x02, 'serialNumber');
  expect(f[i++], 0x30, 'signature algorithm');
  expect(f[i++], 0x30, 'issuer');
  const validity = children(expect(f[i++], 0x30, 'validity').value);
  if (validity.length !== 2) throw new FormatError('certificate: validity is not two times');
  expect(f[i++], 0x30, 'subject');
  const spki = expect(f[i++], 0x30, 'subjectPublicKeyInfo');
  const algHex = Array.from(sigAlg.value, (b) => b.toString(16).padStart(2, '0')).join('');
  const es256Signature =
    algHex === ECDSA_WITH_SHA256 && sigValue.value[0] === 0 ? ecdsaRaw(sigValue.value.subarray(1)) : null;
  return {
    notBefore: timeOf(validity[0]),
    notAfter: timeOf(validity[1]),
    spki: spki.whole.slice(),
    tbs: tbs.whole.slice(),
    es256Signature,
  };
}
