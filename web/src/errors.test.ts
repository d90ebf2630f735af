import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, errorMessage, fieldErrors, normalizeFieldPath, problemSlug, splitFieldErrors } from './errors';
import { isFormPath } from './form';
import { setLang } from './i18n';

afterEach(() => setLang('fr'));

describe('problem slugs and messages', () => {
  it('takes the slug from the type', () => {
    expect(problemSlug({ type: '/problems/invalid-input' }, 422)).toBe('invalid-input');
    expect(problemSlug({ type: 'https://origine.example/problems/csrf/' }, 403)).toBe('csrf');
  });
  it('guesses from the status when there is no type', () => {
    expect(problemSlug({}, 409)).toBe('conflict');
    expect(problemSlug({ type: 'about:blank' }, 404)).toBe('not-found');
    expect(problemSlug({}, 0)).toBe('network');
    expect(problemSlug({}, 418)).toBe('generic');
  });
  it('gives a French message per slug', () => {
    expect(errorMessage(new ApiError(403, { type: '/problems/forbidden' }))).toMatch(/droit/);
    expect(errorMessage(new ApiError(0, {}))).toMatch(/injoignable/);
    expect(errorMessage(new ApiError(418, {}))).toBe('Une erreur est survenue (code 418).');
    expect(errorMessage(new ApiError(400, { type: '/problems/bad-request', detail: 'cursor is not valid' }))).toMatch(/paramètre invalide/);
  });
  it('falls back to the server detail for an unknown slug', () => {
    expect(errorMessage(new ApiError(400, { type: '/problems/strange', detail: 'Détail serveur' }))).toBe('Détail serveur');
  });
});

describe('field error mapping', () => {
  it('normalises paths', () => {
    expect(normalizeFieldPath('goods/0/hs_code')).toBe('goods/0/hs_code');
    expect(normalizeFieldPath('/goods/1/quantity')).toBe('goods/1/quantity');
    expect(normalizeFieldPath('#/consignee/name')).toBe('consignee/name');
    expect(normalizeFieldPath('goods[2].net_weight_kg')).toBe('goods/2/net_weight_kg');
    expect(normalizeFieldPath('invoice.date')).toBe('invoice/date');
  });
  it('maps errors by path and joins duplicates', () => {
    const errs = fieldErrors({
      errors: [
        { field: 'goods/0/hs_code', message: 'HS code must have 6 to 10 digits' },
        { field: '/consignee/name', message: 'requis' },
        { field: 'consignee/name', message: 'trop long' },
      ],
    });
    expect(errs).toEqual({ 'goods/0/hs_code': 'HS code must have 6 to 10 digits', 'consignee/name': 'requis trop long' });
  });
  it('shows the known server messages in French', () => {
    expect(
      fieldErrors({
        errors: [
          { field: 'goods/1/hs_code', message: 'must be 6 to 10 digits' },
          { field: 'regime', message: 'is required' },
          { field: 'goods/0/value_xof', message: 'must be a whole number of francs' },
          { field: 'consignee/name', message: 'must have at most 200 characters' },
          { field: 'goods', message: 'must have at most 100 lines' },
          { field: 'invoice/number', message: 'something new' },
        ],
      }),
    ).toEqual({
      'goods/1/hs_code': 'Le code SH doit comporter de 6 à 10 chiffres.',
      regime: 'Champ obligatoire.',
      'goods/0/value_xof': 'Montant attendu en francs CFA entiers.',
      'consignee/name': 'Texte trop long (200 caractères au plus).',
      goods: '100 lignes de marchandises au plus.',
      'invoice/number': 'something new',
    });
  });
  it('tolerates missing or odd errors', () => {
    expect(fieldErrors(undefined)).toEqual({});
    expect(fieldErrors({ errors: [{ field: 3 as unknown as string, message: 'x' }] })).toEqual({});
  });
  it('splits known form fields from the rest', () => {
    const { known, other } = splitFieldErrors(
      { 'goods/0/hs_code': 'a', 'transport/mode': 'b', goods: 'c', 'goods/0/colour': 'd', company: 'e' },
      isFormPath,
    );
    expect(Object.keys(known).sort()).toEqual(['goods', 'goods/0/hs_code', 'transport/mode']);
    expect(Object.keys(other).sort()).toEqual(['company', 'goods/0/colour']);
  });
});

describe('problems with codes', () => {
  const coded = (status: number, code: string, extra: object = {}) =>
    new ApiError(status, { type: '/problems/x-unknown-slug', status, code, detail: 'An English sentence', ...extra });

  it('shows the text of a known code, in the current language, with its params', () => {
    expect(errorMessage(coded(403, 'csrf.invalid'))).toBe('Jeton de sécurité invalide. Rechargez la page et réessayez.');
    expect(errorMessage(coded(400, 'date.format', { params: { field: 'date' } }))).toBe('Date invalide pour le champ date (format AAAA-MM-JJ).');
    setLang('en');
    expect(errorMessage(coded(400, 'paging.cursor'))).toBe('The position in the list is no longer valid. Reload the list.');
  });

  it('falls back to the general message of the type, then of the status, never to the English detail', () => {
    expect(errorMessage(new ApiError(409, { type: '/problems/conflict', code: 'no.such_code', detail: 'An English sentence' }))).toMatch(
      /^Cette action n'est pas possible/,
    );
    expect(errorMessage(coded(404, 'no.such_code'))).toBe('Élément introuvable.');
    expect(errorMessage(coded(418, 'no.such_code'))).toBe('Une erreur est survenue (code 418).');
    setLang('en');
    expect(errorMessage(coded(503, 'no.such_code'))).toBe('Service temporarily unavailable. Try again later.');
  });

  it('translates field errors by code; an unknown code is a general "invalid value" in French', () => {
    const errors = [
      { field: 'goods/0/invoice_date', code: 'date.format', message: 'must be a date YYYY-MM-DD', params: { field: 'invoice/date' } },
      { field: 'goods/1/hs_code', code: 'hs_code.unknown_yet', message: 'must be a brand new rule' },
      // Until every code has its text, a known English sentence is still shown in French.
      { field: 'goods/2/hs_code', code: 'hs_code.unknown_yet', message: 'must be 6 to 10 digits' },
      { field: 'company', code: 'json.type', message: 'must be an object', params: { field: 'company' } },
    ];
    expect(fieldErrors({ errors })).toEqual({
      'goods/0/invoice_date': 'Date invalide pour le champ invoice/date (format AAAA-MM-JJ).',
      'goods/1/hs_code': 'Valeur invalide.',
      'goods/2/hs_code': 'Le code SH doit comporter de 6 à 10 chiffres.',
      company: 'Type de valeur incorrect pour le champ company.',
    });
    setLang('en');
    expect(fieldErrors({ errors })['goods/1/hs_code']).toBe('must be a brand new rule');
  });
});
