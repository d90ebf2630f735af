import { describe, expect, it } from 'vitest';
import { fromHex } from './bytes';
import { decodeClaims } from './claims';

// The hand-checked example of docs/formats/qr-payload.md (src/trust/claims_test.cc).
const GOOD =
  'ad01624d4c02624e3103644554' +
  '4c5304a20161450261310' +
  '5a2016143026253' +
  '4e06624d4c0762534e081903e8091a00011170' +
  '0a818464303130316132617461350b6149' +
  '0c5820' + 'ab'.repeat(32) + '0d1818';

const withExtra = (extraHex: string) => fromHex('ae' + GOOD.slice(2) + extraHex);

describe('claims (as src/trust/claims.cc)', () => {
  it('decodes the documented example', () => {
    const c = decodeClaims(fromHex(GOOD));
    expect(c).toMatchObject({ issuer_country: 'ML', number: 'N1', regime: 'ETLS', issued_at: 1000, expires_at: 70000, log_index: 24 });
    expect(c.exporter).toEqual({ name: 'E', nif: '1' });
    expect(c.consignee).toEqual({ name: 'C', country: 'SN' });
    expect(c.goods).toEqual([{ hs_code: '0101', quantity: '2', unit: 't', net_weight_kg: '5' }]);
  });
  it('ignores an unknown key', () => {
    expect(decodeClaims(withExtra('18636161')).number).toBe('N1');
  });
  it.each([
    ['a tag in an ignored key', '1863c16161', 'tags are not accepted'],
    ['invalid UTF-8 in an ignored key', '186361ff', 'not valid UTF-8'],
    ['a duplicate key', '0162534e', 'duplicate key 1'],
  ])('refuses %s', (_n, extra, msg) => {
    expect(() => decodeClaims(withExtra(extra))).toThrow(msg);
  });
  it('refuses a missing required key and a wrong type', () => {
    expect(() => decodeClaims(fromHex('a1' + '01624d4c'))).toThrow('claims key 2 is missing');
    expect(() => decodeClaims(fromHex('a1' + '0102'))).toThrow('claims key 1 is not a UTF-8 text string');
  });
});
