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
  it('never shows the server detail in French: an unknown slug gets the message of its status', () => {
    expect(errorMessage(new ApiError(400, { type: '/problems/strange', detail: 'Server detail' }))).toBe('La requête envoyée est mal formée.');
    expect(errorMessage(new ApiError(418, { type: '/problems/strange', detail: 'Server detail' }))).toBe('Une erreur est survenue (code 418).');
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
        { field: 'goods/0/hs_code', code: 'hs_code.format', message: 'must be 6 to 10 digits' },
        { field: '/consignee/name', code: 'field.required', message: 'is required' },
        { field: 'consignee/name', code: 'no.such_code', message: 'too long' },
      ],
    });
    expect(Object.keys(errs).sort()).toEqual(['consignee/name', 'goods/0/hs_code']);
    expect(errs['consignee/name']).toMatch(/ Valeur invalide\.$/);
  });
  it('shows a field error without a known code as a general "invalid value", never the English sentence in French', () => {
    expect(fieldErrors({ errors: [{ field: 'invoice/number', code: 'no.such_code', message: 'something new' }] })).toEqual({
      'invoice/number': 'Valeur invalide.',
    });
  });
  it('tolerates missing or odd errors', () => {
    expect(fieldErrors(undefined)).toEqual({});
    expect(fieldErrors({ errors: [{ field: 3 as unknown as string, code: 'x.y', message: 'x' }] })).toEqual({});
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
      // A known English sentence with an unknown code is not translated by its words.
      { field: 'goods/2/hs_code', code: 'hs_code.unknown_yet', message: 'must be 6 to 10 digits' },
      { field: 'company', code: 'json.type', message: 'must be an object', params: { field: 'company' } },
    ];
    expect(fieldErrors({ errors })).toEqual({
      'goods/0/invoice_date': 'Date invalide pour le champ invoice/date (format AAAA-MM-JJ).',
      'goods/1/hs_code': 'Valeur invalide.',
      'goods/2/hs_code': 'Valeur invalide.',
      company: 'Type de valeur incorrect pour le champ company.',
    });
    setLang('en');
    expect(fieldErrors({ errors })['goods/1/hs_code']).toBe('must be a brand new rule');
  });
});
