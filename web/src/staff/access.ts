// Which staff money pages a role may open. Kept tiny and separate: the app shell (main chunk)
// uses it for the navigation and the "accès refusé" guard; the pages themselves are lazy.
// Mirrors the API's authorization table (docs/formats/api.md "Authorization"): exporters and
// auditors (who read the audit trail and nothing else) get 403 on all of these.
import type { Role } from '../types';

export type StaffPage = 'payments' | 'reconciliations' | 'ledger' | 'treasury';

export const STAFF_PAGES: StaffPage[] = ['payments', 'reconciliations', 'ledger', 'treasury'];

/** May `role` open `page`? Payments: agent, signatory, admin; the rest: admin. */
export function mayOpen(role: Role | undefined, page: StaffPage): boolean {
  if (role === 'admin') return true;
  if (role === 'agent' || role === 'signatory') return page === 'payments';
  return false;
}

/** Only administrators act (refund, confirm a refund, import a statement); the others read. */
export function mayAct(role: Role | undefined): boolean {
  return role === 'admin';
}

/** The staff page a path belongs to ("/payments/abc" → "payments"), or null. */
export function staffPageOf(path: string): StaffPage | null {
  const first = path.split('/').filter(Boolean)[0] ?? '';
  return (STAFF_PAGES as string[]).includes(first) ? (first as StaffPage) : null;
}
