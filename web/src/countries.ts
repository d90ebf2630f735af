// Countries from the server's iso-codes registry (GET /api/v1/countries, French and English
// names), loaded once at start. Only the grouping of the selects is local: the West African
// countries a Malian exporter deals with most come first.
import { api } from './api';
import { getLang } from './i18n';
import type { CountryEntry } from './types';

/** ECOWAS and former ECOWAS members (AES), shown first in country selects. */
export const WEST_AFRICA = ['ML', 'BJ', 'BF', 'CV', 'CI', 'GM', 'GH', 'GN', 'GW', 'LR', 'MR', 'NE', 'NG', 'SN', 'SL', 'TG'];

export interface Country {
  code: string;
  fr: string;
  en: string;
}

let countries: Country[] = [];
let byCode = new Map<string, Country>();
let loading: Promise<void> | null = null;

/** Merge the French and English lists of the API into one list (pure; unit-tested). */
export function mergeCountries(fr: CountryEntry[], en: CountryEntry[]): Country[] {
  const english = new Map(en.map((c) => [c.code, c.name]));
  return fr.map((c) => ({ code: c.code, fr: c.name, en: english.get(c.code) ?? c.name }));
}

export function setCountries(list: Country[]): void {
  countries = list;
  byCode = new Map(list.map((c) => [c.code, c]));
}

/** Loads the registry's countries once; a failure leaves the list empty (codes are shown). */
export function loadCountries(): Promise<void> {
  if (!loading) {
    loading = Promise.all([api.countries('fr'), api.countries('en')]).then(
      ([fr, en]) => setCountries(mergeCountries(fr.items, en.items)),
      () => {
        loading = null;
      },
    );
  }
  return loading;
}

export function allCountries(): Country[] {
  return countries;
}

/** Country name in the current language; unknown codes are shown as the code itself. */
export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  const c = byCode.get(code.toUpperCase());
  if (!c) return code;
  return getLang() === 'en' ? c.en : c.fr;
}

/** The select groups: West Africa, then every other country, each sorted by name in `lang`. */
export function countryGroups(list: Country[], lang: 'fr' | 'en'): { westAfrica: Country[]; others: Country[] } {
  const byName = (a: Country, b: Country) => a[lang].localeCompare(b[lang], lang);
  return {
    westAfrica: list.filter((c) => WEST_AFRICA.includes(c.code)).sort(byName),
    others: list.filter((c) => !WEST_AFRICA.includes(c.code)).sort(byName),
  };
}
