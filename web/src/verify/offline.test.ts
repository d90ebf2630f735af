import { describe, expect, it } from 'vitest';
import { toVerification } from './offline';
import { parseUtc, replaceRefusal } from './trustList';
import type { Outcome } from './verifier';

const meta = { version: 3, issuedAt: 1_795_000_000, checkedAt: 1_795_000_100 };

describe('trust-list replacement (no rollback)', () => {
  const kept = { version: 5, signedPayload: 'abc' };
  it.each([
    ['nothing kept', null, { version: 1, signedPayload: 'x' }, null],
    ['a newer version', kept, { version: 6, signedPayload: 'x' }, null],
    ['the same list again', kept, { version: 5, signedPayload: 'abc' }, null],
    ['an older version', kept, { version: 4, signedPayload: 'x' }, 'older than the kept version 5'],
    ['the same version with other bytes', kept, { version: 5, signedPayload: 'abd' }, 'differs from the kept list'],
  ])('%s', (_name, k, fetched, refusal) => {
    const r = replaceRefusal(k, fetched);
    if (refusal === null) expect(r).toBeNull();
    else expect(r).toContain(refusal);
  });
});

describe('UTC times of the trust list', () => {
  it.each([
    ['2026-11-27T08:30:00Z', Date.UTC(2026, 10, 27, 8, 30) / 1000],
    ['2026-02-30T00:00:00Z', null],
    ['2026-11-27T08:30:00.000Z', null],
    ['2026-11-27 08:30:00Z', null],
    ['2026-11-27T08:30:00+01:00', null],
  ])('%s', (text, expected) => {
    expect(parseUtc(text)).toBe(expected);
  });
});

describe('offline outcome → the shape of POST /api/v1/verify', () => {
  const claims = {
    issuer_country: 'ML',
    number: 'ML-ETLS-2026-000001',
    regime: 'ETLS',
    exporter: { name: 'Sahel Sésame SARL', nif: '084151646T' },
    consignee: { name: 'Dakar Agro Import SA', country: 'SN' },
    origin_country: 'ML',
    destination_country: 'SN',
    issued_at: 1_795_000_000,
    expires_at: 1_810_000_000,
    goods: [{ hs_code: '120740', quantity: '400', unit: 'sacs', net_weight_kg: '20000' }],
    invoice_reference: 'FAC-1',
    document_hash: new Uint8Array(32),
  };
  it('valid: certificate fields, ISO dates, French and English messages', () => {
    const v = toVerification({ status: 'valid', reason: '', claims }, meta);
    expect(v.valid).toBe(true);
    expect(v.offline).toBe(true);
    expect(v.trust_list).toEqual(meta);
    expect(v.certificate?.issued_at).toBe('2026-11-18T11:06:40Z');
    expect(v.certificate?.exporter).toEqual({ name: 'Sahel Sésame SARL', nif: '084151646T' });
    expect(v.message_fr).toMatch(/Signature valide/);
    expect(v.message_en).toMatch(/Valid signature/);
  });
  it('revoked: date and reason in both languages', () => {
    const o: Outcome = { status: 'revoked', reason: 'x', claims, revocation: { at: 1_795_100_000, reason: 'key compromise' } };
    const v = toVerification(o, meta);
    expect(v.valid).toBe(false);
    expect(v.status).toBe('revoked');
    expect(v.revocation).toEqual({ at: '2026-11-19T14:53:20Z', reason: 'key compromise', scope: 'signer' });
    expect(v.message_fr).toContain('révoqué le 19 novembre 2026 (motif : key compromise)');
    expect(v.message_en).toContain('revoked on 19 November 2026');
  });
  it.each(['malformed', 'unknown_signer', 'bad_signature', 'expired', 'not_yet_valid'] as const)(
    '%s: not valid, a French sentence, no certificate without claims',
    (status) => {
      const v = toVerification({ status, reason: 'r' }, meta);
      expect(v.valid).toBe(false);
      expect(v.message_fr.length).toBeGreaterThan(20);
      expect(v.certificate).toBeUndefined();
    },
  );
});
