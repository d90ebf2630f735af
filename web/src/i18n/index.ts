// The texts of the interface, one catalogue per area of the application (./common.ts,
// ./application.ts, ...), each entry French and English side by side. `t(key, params)` gives the
// text in the current language; keys are checked by the compiler (MessageKey).
// The staff money pages have their own catalogues (./staff.ts), loaded with their lazy chunk.
import application from './application';
import certificates from './certificates';
import common from './common';
import companies from './companies';
import dashboard from './dashboard';
import login from './login';
import payments from './payments';
import products from './products';
import verify from './verify';
import { getLang, interpolate, lookup, type Lang } from './lang';

export { getLang, interpolate, setLang, type Catalogue, type Entry, type Lang } from './lang';

/** The area catalogues (the tests check that no key is defined in two of them). */
export const areas = { common, login, dashboard, application, payments, certificates, verify, products, companies };

const catalogue = {
  ...common,
  ...login,
  ...dashboard,
  ...application,
  ...payments,
  ...certificates,
  ...verify,
  ...products,
  ...companies,
};

export type MessageKey = keyof typeof catalogue;

/** Look a key up in the given language (French when no English text), else the key itself. */
export function translate(lang: Lang, key: string, params?: Record<string, string | number>): string {
  return interpolate(lookup(catalogue, key, lang) ?? key, params);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(getLang(), key, params);
}

/** Translate a key built at run time (e.g. 'status.' + status); unknown values fall back to the raw value. */
export function tDyn(prefix: string, value: string | null | undefined): string {
  if (value == null || value === '') return '';
  return lookup(catalogue, prefix + value, getLang()) ?? value;
}
