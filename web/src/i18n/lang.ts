// The language of the interface and the shape of every text catalogue: each entry carries its
// French and its English text side by side, `'status.draft': { fr: 'Brouillon', en: 'Draft' }`.
// French is the language of the service; English is a convenience toggle.

export type Lang = 'fr' | 'en';

export interface Entry {
  fr: string;
  en: string;
}

export type Catalogue = Record<string, Entry>;

let current: Lang = 'fr';

export function setLang(lang: Lang): void {
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

export function getLang(): Lang {
  return current;
}

/** Fill `{name}` placeholders; unknown placeholders are left as they are. */
export function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The text of `key` in `lang` (French when the English one is empty), or undefined when unknown. */
export function lookup(catalogue: Catalogue, key: string, lang: Lang): string | undefined {
  const entry = Object.prototype.hasOwnProperty.call(catalogue, key) ? catalogue[key] : undefined;
  if (!entry) return undefined;
  return (lang === 'en' && entry.en) || entry.fr;
}

/**
 * The texts of the problem codes the server sends (`code` of a problem, `errors[].code`), one
 * file per module in ./errors/. `{name}` placeholders are filled from the problem's `params`.
 */
export type ErrorCatalogue = Record<string, Entry>;
