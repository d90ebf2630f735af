// The staff money pages, loaded on demand by the app shell (one chunk, with its strings and CSS).
import { matchRoute } from '../router';
import type { User } from '../types';
import { LedgerPage } from './Ledger';
import { PaymentPage, PaymentsPage } from './Payments';
import { ReconciliationPage, ReconciliationsPage } from './Reconciliations';
import { TreasuryPage } from './Treasury';
import { st } from './strings';
import './staff.css';

/** The page for `path` (access already checked by the shell), or null when no staff page matches. */
export function StaffRoutes({ user, path, query }: { user: User; path: string; query: URLSearchParams }) {
  if (path === '/payments') return <PaymentsPage user={user} query={query} />;
  if (path === '/reconciliations') return <ReconciliationsPage user={user} />;
  if (path === '/ledger') return <LedgerPage user={user} />;
  if (path === '/treasury') return <TreasuryPage user={user} query={query} />;
  const p = matchRoute('/payments/:ref', path);
  if (p && /^[0-9a-f-]{36}$/.test(p.ref)) return <PaymentPage user={user} reference={p.ref} key={p.ref} />;
  const r = matchRoute('/reconciliations/:id', path);
  if (r && /^\d+$/.test(r.id)) return <ReconciliationPage id={Number(r.id)} query={query} key={r.id} />;
  return <p class="alert alert-info">{st('prob.not_found')}</p>;
}
