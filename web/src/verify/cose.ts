// COSE_Sign1 (RFC 9052 §4.2) parsing with the rules of src/trust/cose.cc.
import { FormatError } from './bytes';
import { CborMap, asBytes, asInt, cborDecode, stripOuterTags, type CborValue } from './cbor';

export const COSE_ALG_ES256 = -7;
const COSE_SIGN1_TAG = 18n;
const CWT_TAG = 61n;

export interface Sign1 {
  protectedBstr: Uint8Array;
  /** alg from the protected header; 0 when absent. */
  alg: number;
  /** kid from the protected header, else the unprotected one; empty when absent. */
  kid: Uint8Array;
  payload: Uint8Array;
  signature: Uint8Array;
}

interface Header {
  alg?: number;
  kid?: Uint8Array;
}

function readHeader(map: CborValue, which: string): Header {
  const what = `COSE: ${which} header`;
  if (!(map instanceof CborMap)) throw new FormatError(`${what} is not a map`);
  const h: Header = {};
  const ints = new Set<number | bigint>();
  const texts = new Set<string>();
  for (const [k, v] of map.entries) {
    if (typeof k === 'string') {
      if (texts.has(k)) throw new FormatError(`${what} repeats a label`);
      texts.add(k);
      continue;
    }
    if (typeof k !== 'number' && typeof k !== 'bigint') {
      throw new FormatError(`${what} has a label that is neither integer nor text`);
    }
    if (ints.has(k)) throw new FormatError(`${what} repeats label ${k}`);
    ints.add(k);
    if (k === 1) {
      const alg = asInt(v);
      if (alg === null) throw new FormatError(`${what}: alg is not an integer`);
      h.alg = alg;
    } else if (k === 4) {
      const kid = asBytes(v);
      if (!kid) throw new FormatError(`${what}: kid is not a byte string`);
      h.kid = kid;
    }
  }
  return h;
}

export function parseSign1(cose: Uint8Array): Sign1 {
  const { tags, rest } = stripOuterTags(cose, 2);
  const ok =
    tags.length === 0 ||
    (tags.length === 1 && (tags[0] === COSE_SIGN1_TAG || tags[0] === CWT_TAG)) ||
    (tags.length === 2 && tags[0] === CWT_TAG && tags[1] === COSE_SIGN1_TAG);
  if (!ok) throw new FormatError(`COSE: unexpected CBOR tag(s) ${tags.join(', ')} (expected 18, or 61 for a CWT)`);
  let item: CborValue;
  try {
    item = cborDecode(rest, 16);
  } catch (e) {
    throw new FormatError(`COSE: ${(e as Error).message}`);
  }
  if (!Array.isArray(item) || item.length !== 4) throw new FormatError('COSE: COSE_Sign1 is not an array of 4 elements');
  const protectedBstr = asBytes(item[0]);
  if (!protectedBstr) throw new FormatError('COSE: protected header is not a byte string');
  const payload = asBytes(item[2]);
  if (!payload) throw new FormatError('COSE: payload is not a byte string (detached payloads are not accepted)');
  const signature = asBytes(item[3]);
  if (!signature) throw new FormatError('COSE: signature is not a byte string');
  let prot: Header = {};
  if (protectedBstr.length > 0) {
    let map: CborValue;
    try {
      map = cborDecode(protectedBstr, 4);
    } catch (e) {
      throw new FormatError(`COSE: protected header: ${(e as Error).message}`);
    }
    prot = readHeader(map, 'protected');
  }
  const unprot = readHeader(item[1], 'unprotected');
  return {
    protectedBstr,
    alg: prot.alg ?? 0,
    kid: prot.kid ?? unprot.kid ?? new Uint8Array(0),
    payload,
    signature,
  };
}
