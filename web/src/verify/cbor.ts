// A strict, small CBOR (RFC 8949) decoder for the COSE message and the claims,
// with the same refusals as src/trust/cbor_reader.cc: indefinite lengths,
// reserved additional-information values, truncated items, trailing bytes and
// nesting deeper than a limit. Why not a general npm CBOR library: those accept
// indefinite lengths and duplicate keys and build JS objects that lose the
// difference between integer and text keys; the verifier must refuse what the
// C++ verifier refuses. Plus a tiny encoder for the COSE Sig_structure.
import { FormatError } from './bytes';

/** A text string whose bytes are not valid UTF-8 (refused by the typed accessors, like the C++ reader). */
export class CborBadText {
  constructor(readonly bytes: Uint8Array) {}
}
export class CborTag {
  constructor(
    readonly tag: bigint,
    readonly value: CborValue,
  ) {}
}
export class CborFloat {
  constructor(readonly value: number) {}
}
export class CborSimple {
  constructor(readonly value: number) {}
}
/** A map keeps its entries in input order; duplicate keys are detected by the readers. */
export class CborMap {
  constructor(readonly entries: [CborValue, CborValue][]) {}
}
export type CborValue =
  | number
  | bigint
  | string
  | Uint8Array
  | CborValue[]
  | CborMap
  | CborTag
  | CborFloat
  | CborSimple
  | CborBadText
  | boolean
  | null
  | undefined;

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

class Reader {
  pos = 0;
  constructor(
    readonly data: Uint8Array,
    readonly maxDepth: number,
  ) {}

  head(): { major: number; info: number; arg: bigint } {
    if (this.pos >= this.data.length) throw new FormatError('CBOR: input ends in the middle of an item');
    const initial = this.data[this.pos++];
    const major = initial >> 5;
    const info = initial & 0x1f;
    let arg = 0n;
    if (info < 24) arg = BigInt(info);
    else if (info <= 27) {
      const width = 1 << (info - 24);
      if (this.data.length - this.pos < width) throw new FormatError('CBOR: input ends in an item header');
      for (let i = 0; i < width; i++) arg = (arg << 8n) | BigInt(this.data[this.pos++]);
    } else if (info === 31) throw new FormatError('CBOR: indefinite-length items are not accepted');
    else throw new FormatError('CBOR: reserved additional information value');
    return { major, info, arg };
  }

  bytes(len: bigint): Uint8Array {
    if (len > BigInt(this.data.length - this.pos)) throw new FormatError('CBOR: string longer than the input');
    const n = Number(len);
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  item(depth: number): CborValue {
    const { major, info, arg } = this.head();
    const open = (count: bigint, perItem: number) => {
      if (count > BigInt(this.data.length - this.pos) / BigInt(perItem)) {
        throw new FormatError(
          perItem === 1 ? 'CBOR: array declares more items than bytes left' : 'CBOR: map declares more entries than bytes left',
        );
      }
      if (count > 0n && depth + 1 > this.maxDepth) throw new FormatError(`CBOR: nesting deeper than ${this.maxDepth}`);
      return Number(count);
    };
    switch (major) {
      case 0:
        return arg <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(arg) : arg;
      case 1: {
        const v = -1n - arg;
        return v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
      }
      case 2:
        return this.bytes(arg);
      case 3: {
        const b = this.bytes(arg);
        try {
          return utf8Fatal.decode(b);
        } catch {
          return new CborBadText(b);
        }
      }
      case 4: {
        const n = open(arg, 1);
        const a: CborValue[] = [];
        for (let i = 0; i < n; i++) a.push(this.item(depth + 1));
        return a;
      }
      case 5: {
        const n = open(arg, 2);
        const e: [CborValue, CborValue][] = [];
        for (let i = 0; i < n; i++) {
          const k = this.item(depth + 1);
          e.push([k, this.item(depth + 1)]);
        }
        return new CborMap(e);
      }
      case 6:
        if (depth + 1 > this.maxDepth) throw new FormatError(`CBOR: nesting deeper than ${this.maxDepth}`);
        return new CborTag(arg, this.item(depth + 1));
      default: {
        // major 7
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22) return null;
        if (info === 23) return undefined;
        if (info === 24 || info < 20) return new CborSimple(Number(arg));
        const view = new DataView(new ArrayBuffer(8));
        if (info === 25) return new CborFloat(half(Number(arg)));
        if (info === 26) {
          view.setUint32(0, Number(arg));
          return new CborFloat(view.getFloat32(0));
        }
        view.setBigUint64(0, arg);
        return new CborFloat(view.getFloat64(0));
      }
    }
  }
}

function half(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Decodes exactly one item filling `data`. Throws FormatError. */
export function cborDecode(data: Uint8Array, maxDepth: number): CborValue {
  const r = new Reader(data, maxDepth);
  const v = r.item(0);
  if (r.pos !== data.length) throw new FormatError(`CBOR: ${data.length - r.pos} bytes follow the item`);
  return v;
}

/** Reads up to `maxTags` leading tags without parsing the rest (COSE's tag 18, CWT's 61). */
export function stripOuterTags(data: Uint8Array, maxTags: number): { tags: bigint[]; rest: Uint8Array } {
  const tags: bigint[] = [];
  let pos = 0;
  while (pos < data.length && data[pos] >> 5 === 6) {
    if (tags.length === maxTags) throw new FormatError('CBOR: too many nested tags');
    const info = data[pos++] & 0x1f;
    let tag = 0n;
    if (info < 24) tag = BigInt(info);
    else if (info <= 27) {
      const width = 1 << (info - 24);
      if (data.length - pos < width) throw new FormatError('CBOR: input ends in a tag');
      for (let i = 0; i < width; i++) tag = (tag << 8n) | BigInt(data[pos++]);
    } else throw new FormatError('CBOR: malformed tag');
    tags.push(tag);
  }
  return { tags, rest: data.subarray(pos) };
}

/** An integer item as a JS number, or null (also for integers outside the safe range). */
export function asInt(v: CborValue): number | null {
  return typeof v === 'number' ? v : null;
}
export function asText(v: CborValue): string | null {
  return typeof v === 'string' ? v : null;
}
export function asBytes(v: CborValue): Uint8Array | null {
  return v instanceof Uint8Array ? v : null;
}

// --- encoder (only what the Sig_structure needs) ---

function encodeHead(major: number, n: number): number[] {
  const m = major << 5;
  if (n < 24) return [m | n];
  if (n < 0x100) return [m | 24, n];
  if (n < 0x10000) return [m | 25, n >> 8, n & 0xff];
  return [m | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** Sig_structure = ["Signature1", protected, external_aad, payload] (RFC 9052 §4.4). */
export function sigStructure(protectedBstr: Uint8Array, externalAad: Uint8Array, payload: Uint8Array): Uint8Array {
  const context = new TextEncoder().encode('Signature1');
  const parts: (number[] | Uint8Array)[] = [encodeHead(4, 4), encodeHead(3, context.length), context];
  for (const b of [protectedBstr, externalAad, payload]) parts.push(encodeHead(2, b.length), b);
  const len = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
