// Strict Base45 (RFC 9285), the same rules as src/trust/base45.cc: only the
// 45-character alphabet, no dangling single character, a 3-character group at
// most 65535, a final pair at most 255.
import { FormatError } from './bytes';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const REV = (() => {
  const r = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) r[ALPHABET.charCodeAt(i)] = i;
  return r;
})();

export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) {
    throw new FormatError(`Base45: length ${text.length} leaves a dangling single character`);
  }
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  const digits = [0, 0, 0];
  for (let i = 0; i < text.length; i += 3) {
    const group = Math.min(3, text.length - i);
    for (let j = 0; j < group; j++) {
      const c = text.charCodeAt(i + j);
      const v = c < 128 ? REV[c] : -1;
      if (v < 0) throw new FormatError(`Base45: character at offset ${i + j} is not in the alphabet`);
      digits[j] = v;
    }
    if (group === 3) {
      const n = digits[0] + digits[1] * 45 + digits[2] * 2025;
      if (n > 65535) throw new FormatError(`Base45: group at offset ${i} decodes to more than 65535`);
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = digits[0] + digits[1] * 45;
      if (n > 255) throw new FormatError('Base45: final pair decodes to more than 255');
      out[o++] = n;
    }
  }
  return out;
}

export function base45Encode(data: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 1 < data.length; i += 2) {
    const n = data[i] * 256 + data[i + 1];
    s += ALPHABET[n % 45] + ALPHABET[Math.floor(n / 45) % 45] + ALPHABET[Math.floor(n / 2025)];
  }
  if (i < data.length) {
    const n = data[i];
    s += ALPHABET[n % 45] + ALPHABET[Math.floor(n / 45)];
  }
  return s;
}
