// Byte helpers shared by the offline verifier and the service worker.
// Pure functions, no DOM: they run in the page, the service worker and Node (Vitest).

/** Thrown by the decoders of this folder; `message` is English and names the stage. */
export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormatError';
  }
}

export function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(s: string): Uint8Array {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new FormatError('hex: not an even-length hex string');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_REV = (() => {
  const r = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) r[B64.charCodeAt(i)] = i;
  return r;
})();

function decode64(s: string, what: string): Uint8Array {
  if (s.length % 4 === 1) throw new FormatError(`${what}: bad length`);
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_REV[c] : -1;
    if (v < 0) throw new FormatError(`${what}: character at offset ${i} is not in the alphabet`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw new FormatError(`${what}: non-zero padding bits`);
  return out.subarray(0, n);
}

/** Standard Base64 with padding (RFC 4648 §4), strict: padding required, no whitespace. */
export function fromBase64(s: string): Uint8Array {
  if (s.length % 4 !== 0) throw new FormatError('Base64: length is not a multiple of 4');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return decode64(s.slice(0, s.length - pad), 'Base64');
}

export function toBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    s += i + 1 < b.length ? B64[(n >> 6) & 63] : '=';
    s += i + 2 < b.length ? B64[n & 63] : '=';
  }
  return s;
}

/** Base64url without padding (RFC 7515 §2), strict. */
export function fromBase64Url(s: string): Uint8Array {
  return decode64(s.replace(/-/g, '+').replace(/_/g, '/'), 'Base64url');
}

/** Strict UTF-8 decoding (no replacement characters): throws FormatError. */
export function utf8(b: Uint8Array, what = 'text'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    throw new FormatError(`${what} is not valid UTF-8`);
  }
}

export function ascii(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** An ArrayBuffer holding exactly `b` (WebCrypto wants BufferSource without offset surprises). */
export function buf(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export async function sha256(b: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', buf(b)));
}
