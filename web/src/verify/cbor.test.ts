import { describe, expect, it } from 'vitest';
import { fromHex } from './bytes';
import { CborMap, CborTag, cborDecode, sigStructure, stripOuterTags } from './cbor';

describe('strict CBOR decoder', () => {
  it('decodes the canonical claims example of docs/formats/qr-payload.md', () => {
    const v = cborDecode(fromHex('a2' + '01' + '624d4c' + '0d' + '1818'), 8);
    expect(v).toBeInstanceOf(CborMap);
    expect((v as CborMap).entries).toEqual([
      [1, 'ML'],
      [13, 24],
    ]);
  });
  it('decodes integers of every width, negative ones and big ones', () => {
    expect(cborDecode(fromHex('1903e8'), 1)).toBe(1000);
    expect(cborDecode(fromHex('1a00011170'), 1)).toBe(70000);
    expect(cborDecode(fromHex('26'), 1)).toBe(-7);
    expect(cborDecode(fromHex('1bffffffffffffffff'), 1)).toBe(18446744073709551615n);
  });
  it('accepts nesting up to the limit', () => {
    expect(() => cborDecode(fromHex('818181818181818101'), 8)).not.toThrow();
  });
  it('keeps tags', () => {
    const v = cborDecode(fromHex('d24100'), 2) as CborTag;
    expect(v.tag).toBe(18n);
    expect(v.value).toEqual(new Uint8Array([0]));
  });
  it.each([
    ['5f4100ff', 'indefinite-length'],
    ['9f01ff', 'indefinite-length'],
    ['1c', 'reserved additional information'],
    ['0100', '1 bytes follow the item'],
    ['83010203ff', '1 bytes follow the item'],
    ['8301', 'array declares more items than bytes left'],
    ['830102', 'array declares more items than bytes left'],
    ['c1', 'input ends in the middle of an item'],
    ['19', 'input ends in an item header'],
    ['43aabb', 'string longer than the input'],
    ['a301', 'map declares more entries than bytes left'],
    ['81818181818181818101', 'nesting deeper than 8'],
  ])('rejects %s (%s)', (h, msg) => {
    expect(() => cborDecode(fromHex(h), 8)).toThrow(msg);
  });
  it('strips at most the allowed number of outer tags', () => {
    expect(stripOuterTags(fromHex('d83dd284'), 2).tags).toEqual([61n, 18n]);
    expect(() => stripOuterTags(fromHex('d83dd2d284'), 2)).toThrow('too many nested tags');
  });
  it('encodes the Sig_structure of RFC 9052 §4.4', () => {
    const s = sigStructure(fromHex('a10126'), new Uint8Array(0), fromHex('01'));
    // ["Signature1", h'a10126', h'', h'01']
    expect(Array.from(s)).toEqual(Array.from(fromHex('846a5369676e61747572653143a10126404101')));
  });
});
