// The CO1 claims (docs/formats/qr-payload.md), decoded with the rules of
// src/trust/claims.cc: integer keys, no duplicates, typed fields, keys 1–12
// required, unknown keys ignored.
import { FormatError } from './bytes';
import { CborBadText, CborMap, CborTag, asBytes, cborDecode, type CborValue } from './cbor';

export interface GoodsLine {
  hs_code: string;
  quantity: string;
  unit: string;
  net_weight_kg: string;
}

export interface Claims {
  issuer_country: string;
  number: string;
  regime: string;
  exporter: { name: string; nif: string };
  consignee: { name: string; country: string };
  origin_country: string;
  destination_country: string;
  /** Unix seconds. */
  issued_at: number;
  /** Unix seconds. */
  expires_at: number;
  goods: GoodsLine[];
  invoice_reference: string;
  document_hash: Uint8Array;
  log_index?: number;
}

const name = (key: number) => `claims key ${key}`;

type IntMap = Map<number | bigint, CborValue>;

function intMap(v: CborValue, what: string): IntMap {
  if (!(v instanceof CborMap)) throw new FormatError(`${what} is not a map`);
  const out: IntMap = new Map();
  for (const [k, val] of v.entries) {
    if (typeof k !== 'number' && typeof k !== 'bigint') throw new FormatError(`${what} has a key that is not an integer`);
    if (out.has(k)) throw new FormatError(`${what} has duplicate key ${k}`);
    out.set(k, val);
  }
  return out;
}

function text(m: IntMap, key: number, what: string): string {
  const v = m.get(key);
  if (v === undefined && !m.has(key)) throw new FormatError(`${what} is missing`);
  if (typeof v !== 'string') throw new FormatError(`${what} is not a UTF-8 text string`);
  return v;
}

function uint(m: IntMap, key: number, required: boolean): number | undefined {
  if (!m.has(key)) {
    if (required) throw new FormatError(`${name(key)} is missing`);
    return undefined;
  }
  const v = m.get(key);
  if (typeof v !== 'number' || v < 0) throw new FormatError(`${name(key)} is not an unsigned integer`);
  return v;
}

function party(m: IntMap, key: number): [string, string] {
  if (!m.has(key)) throw new FormatError(`${name(key)} is missing`);
  const p = intMap(m.get(key), name(key));
  return [text(p, 1, `${name(key)}/1`), text(p, 2, `${name(key)}/2`)];
}

function goods(m: IntMap): GoodsLine[] {
  if (!m.has(10)) throw new FormatError(`${name(10)} is missing`);
  const v = m.get(10);
  if (!Array.isArray(v)) throw new FormatError(`${name(10)} is not an array`);
  return v.map((line, i) => {
    const what = `${name(10)}/${i}`;
    if (!Array.isArray(line) || line.length !== 4) throw new FormatError(`${what} is not an array of 4 text strings`);
    const f = line.map((s, j) => {
      if (typeof s !== 'string') throw new FormatError(`${what}/${j} is not a UTF-8 text string`);
      return s;
    });
    return { hs_code: f[0], quantity: f[1], unit: f[2], net_weight_kg: f[3] };
  });
}

/** Refuses, anywhere in the claims (ignored keys included), what src/trust/claims.cc refuses while reading. */
function checkEveryItem(v: CborValue): void {
  if (v instanceof CborBadText) throw new FormatError('CBOR: a text string is not valid UTF-8');
  if (v instanceof CborTag) throw new FormatError('CBOR: tags are not accepted in claims');
  if (Array.isArray(v)) v.forEach(checkEveryItem);
  else if (v instanceof CborMap)
    for (const [k, val] of v.entries) {
      checkEveryItem(k);
      checkEveryItem(val);
    }
}

export function decodeClaims(cbor: Uint8Array): Claims {
  const root = cborDecode(cbor, 8);
  checkEveryItem(root);
  const m = intMap(root, 'claims');
  // Field by field in the order of src/trust/claims.cc, so the first error named is the same.
  const issuer_country = text(m, 1, name(1));
  const number = text(m, 2, name(2));
  const regime = text(m, 3, name(3));
  const [exporterName, nif] = party(m, 4);
  const [consigneeName, consigneeCountry] = party(m, 5);
  const c: Claims = {
    issuer_country,
    number,
    regime,
    exporter: { name: exporterName, nif },
    consignee: { name: consigneeName, country: consigneeCountry },
    origin_country: text(m, 6, name(6)),
    destination_country: text(m, 7, name(7)),
    issued_at: uint(m, 8, true)!,
    expires_at: uint(m, 9, true)!,
    goods: goods(m),
    invoice_reference: text(m, 11, name(11)),
    document_hash: new Uint8Array(0),
  };
  if (!m.has(12)) throw new FormatError(`${name(12)} is missing`);
  const h = asBytes(m.get(12));
  if (!h || h.length !== 32) throw new FormatError(`${name(12)} is not a 32-byte byte string`);
  c.document_hash = h.slice();
  const logIndex = uint(m, 13, false);
  if (logIndex !== undefined) c.log_index = logIndex;
  return c;
}
