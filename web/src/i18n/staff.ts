// Texts of the staff money pages (payments, reconciliations, ledger, Treasury report). Only the
// staff pages import this file, so these catalogues stay in their lazily loaded chunk and the
// exporter's first load does not carry them.
import { getLang, interpolate, lookup } from './lang';
import ledger from './staff-ledger';
import payments from './staff-payments';
import problems from './staff-problems';
import reconciliations from './staff-reconciliations';

/** The staff area catalogues (the tests check that no key is defined in two of them). */
export const staffAreas = { payments, reconciliations, ledger, problems };

const catalogue = { ...payments, ...reconciliations, ...ledger, ...problems };

export type StaffKey = keyof typeof catalogue;

/** A staff string in the current language. */
export function st(key: StaffKey, params?: Record<string, string | number>): string {
  return interpolate(lookup(catalogue, key, getLang()) ?? key, params);
}

/** A staff string built at run time ('state.' + state); an unknown value is shown raw. */
export function stDyn(prefix: string, value: string | null | undefined): string {
  if (value == null || value === '') return '';
  return lookup(catalogue, prefix + value, getLang()) ?? value;
}
