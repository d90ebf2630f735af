import { describe, expect, it } from 'vitest';
import { base45Decode, base45Encode } from './base45';
import { FormatError, fromHex, hex } from './bytes';

interface Vectors {
  valid: { bytes_hex: string; base45: string; source: string }[];
  invalid: { base45: string; why: string }[];
}

// ../shared/vectors beside the repository; a clone without it runs the rest and says so.
const found = import.meta.glob<Vectors>('../../../../shared/vectors/derived/base45_rfc9285.json', {
  eager: true,
  import: 'default',
});
const vectors: Vectors | null = Object.values(found)[0] ?? null;
if (!vectors) console.warn('base45.test: ../shared/vectors not found beside the repository: RFC 9285 vectors did not run');

describe.skipIf(!vectors)('Base45 against ../shared/vectors/derived/base45_rfc9285.json', () => {
  it.each(vectors?.valid ?? [])('decodes and encodes $source', (v) => {
    expect(hex(base45Decode(v.base45))).toBe(v.bytes_hex);
    expect(base45Encode(fromHex(v.bytes_hex))).toBe(v.base45);
  });
  it.each(vectors?.invalid ?? [])('rejects "$base45" ($why)', (v) => {
    expect(() => base45Decode(v.base45)).toThrow(FormatError);
  });
});

describe('Base45 strictness (as src/trust/base45.cc)', () => {
  it.each([
    ['A', 'dangling single character'],
    ['GGW', 'more than 65535'],
    [':U', 'more than 255'],
    ['ab', 'not in the alphabet'],
    ['AB\n', 'not in the alphabet'],
    ['AÉ', 'not in the alphabet'],
  ])('rejects %j: %s', (text, msg) => {
    expect(() => base45Decode(text)).toThrow(msg);
  });
  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base45Decode(base45Encode(all))).toEqual(all);
  });
});
