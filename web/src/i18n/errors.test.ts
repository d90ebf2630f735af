// Every problem code the server can send has a French and an English text. The codes are read
// from the C++ sources (../src/**/*.cc and *.h from web/), where each one is written as a
// user-defined literal: Error::Invalid("hs_code.format"_code, ...).
import { afterEach, describe, expect, it } from 'vitest';
import { errorCatalogues, errorText } from './errors';
import { setLang, type ErrorCatalogue } from './lang';

afterEach(() => setLang('fr'));

// Node's fs, typed here: the web project has no @types/node (its code runs in browsers).
interface DirEntry {
  name: string;
  isDirectory(): boolean;
  isFile(): boolean;
}
interface NodeFs {
  existsSync(path: URL): boolean;
  readdirSync(path: URL, options: { withFileTypes: true }): DirEntry[];
  readFileSync(path: URL, encoding: 'utf8'): string;
}
const nodeFs = 'node:fs';
const fs = (await import(/* @vite-ignore */ nodeFs)) as NodeFs;

const CODE = /"([a-z0-9_]+(?:\.[a-z0-9_]+)+)"_code/g;

/** The codes written as "some.code"_code in a C++ text, in order of appearance, once each. */
export function codesInSource(text: string): string[] {
  return [...new Set([...text.matchAll(CODE)].map((m) => m[1]))];
}

/** Codes that lack a French or an English text (or have an empty one) in `catalogue`. */
export function missingTexts(codes: string[], catalogue: ErrorCatalogue): string[] {
  return codes.filter((c) => {
    const e = Object.prototype.hasOwnProperty.call(catalogue, c) ? catalogue[c] : undefined;
    return !e || !e.fr?.trim() || !e.en?.trim();
  });
}

/** Entries of the catalogues with an empty text, as "file: code". */
export function emptyTexts(catalogues: Record<string, ErrorCatalogue>): string[] {
  return Object.entries(catalogues).flatMap(([file, c]) =>
    Object.entries(c)
      .filter(([, e]) => !e.fr?.trim() || !e.en?.trim())
      .map(([code]) => `${file}: ${code}`),
  );
}

/** Every .cc and .h file under `dir`, recursively, but unit tests and the test kit (their codes
 * are examples, never sent by the server). */
function cppFiles(dir: URL): URL[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === 'testkit' ? [] : cppFiles(new URL(`${e.name}/`, dir));
    return e.isFile() && /\.(cc|h)$/.test(e.name) && !/_test\.cc$/.test(e.name) ? [new URL(e.name, dir)] : [];
  });
}

const SERVER_SOURCES = new URL('../../../src/', import.meta.url);
const merged: ErrorCatalogue = Object.assign({}, ...Object.values(errorCatalogues));

describe('the checker itself', () => {
  it('reads the codes written as user-defined literals', () => {
    const fixture = `
      return Error::Invalid("the HS code is not valid"_sv, {{"goods/0/hs_code", "hs_code.format"_code, "must be 6 to 10 digits"}});
      return Error::NotFound("application.not_found"_code, "no application " + id);
      auto c = "payment.amount_mismatch"_code; auto again = "hs_code.format"_code;
      Log("not.a_code"); // a plain string is no code
    `;
    expect(codesInSource(fixture)).toEqual(['hs_code.format', 'application.not_found', 'payment.amount_mismatch']);
  });

  it('names each code without a French or an English text', () => {
    const catalogue: ErrorCatalogue = {
      'a.ok': { fr: 'Bien.', en: 'Fine.' },
      'a.no_en': { fr: 'Seulement en français.', en: '' },
      'a.blank_fr': { fr: '  ', en: 'Only English.' },
    };
    expect(missingTexts(['a.ok', 'a.no_en', 'a.blank_fr', 'a.absent'], catalogue)).toEqual(['a.no_en', 'a.blank_fr', 'a.absent']);
    expect(emptyTexts({ fixture: catalogue })).toEqual(['fixture: a.no_en', 'fixture: a.blank_fr']);
  });
});

describe('error catalogues', () => {
  it('have a French and an English text for every code the server sends', () => {
    expect(fs.existsSync(SERVER_SOURCES)).toBe(true);
    const codes = [...new Set(cppFiles(SERVER_SOURCES).flatMap((f) => codesInSource(fs.readFileSync(f, 'utf8'))))].sort();
    expect(missingTexts(codes, merged), 'codes of ../src without a French or an English text in web/src/i18n/errors/').toEqual([]);
  });

  it('have no empty text and no code in two files', () => {
    expect(emptyTexts(errorCatalogues)).toEqual([]);
    const all = Object.values(errorCatalogues).flatMap((c) => Object.keys(c));
    expect(all.filter((c, i) => all.indexOf(c) !== i)).toEqual([]);
  });

  it('include the codes every module may send (common.ts)', () => {
    expect(Object.keys(errorCatalogues)).toContain('common');
    const generic = [
      'internal',
      'unavailable',
      'http.not_found',
      'http.method_not_allowed',
      'http.payload_too_large',
      'http.unsupported_media_type',
      'json.malformed',
      'json.type',
      'auth.required',
      'auth.forbidden',
      'csrf.invalid',
      'paging.limit',
      'paging.cursor',
      'date.format',
    ];
    expect(missingTexts(generic, errorCatalogues.common)).toEqual([]);
  });

  it('fill the placeholders from the params, in the current language', () => {
    expect(errorText('date.format', { field: 'valid_until' })).toBe('Date invalide pour le champ valid_until (format AAAA-MM-JJ).');
    setLang('en');
    expect(errorText('json.type', { field: 'goods' })).toBe('Wrong type of value for the field goods.');
    expect(errorText('no.such_code')).toBeNull();
    expect(errorText(undefined)).toBeNull();
  });
});
