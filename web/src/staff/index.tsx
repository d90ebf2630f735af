// The staff money pages, loaded on demand by the app shell (one chunk, with its strings and CSS).
import type { ComponentChildren } from 'preact';
import { matchRoute } from '../router';
import type { User } from '../types';
import { Link } from '../ui';
import { STAFF_PAGES, mayOpen, staffPageOf } from './access';
import { LedgerPage } from './Ledger';
import { PaymentPage, PaymentsPage } from './Payments';
import { ReconciliationPage, ReconciliationsPage } from './Reconciliations';
import { TreasuryPage } from './Treasury';
import { st, type StaffKey } from '../i18n/staff';
import './staff.css';

const TAB: Record<(typeof STAFF_PAGES)[number], StaffKey> = {
  payments: 'pay.title',
  reconciliations: 'rec.title',
  ledger: 'ledger.title',
  treasury: 'treasury.title',
};

/** The money pages' tabs (only those the role may open; none when that is one page). */
function Tabs({ user, path }: { user: User; path: string }) {
  const pages = STAFF_PAGES.filter((p) => mayOpen(user.role, p));
  if (pages.length < 2) return null;
  const current = staffPageOf(path);
  return (
    <nav class="staff-tabs" aria-label={st('tabs.label')}>
      <ul>
        {pages.map((p) => (
          <li key={p}>
            <Link href={`/${p}`} aria-current={current === p ? 'page' : undefined}>
              {st(TAB[p])}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The page for `path` (access already checked by the shell) under the tabs. */
export function StaffRoutes({ user, path, query }: { user: User; path: string; query: URLSearchParams }) {
  return (
    <>
      <Tabs user={user} path={path} />
      <Route user={user} path={path} query={query} />
    </>
  );
}

function Route({ user, path, query }: { user: User; path: string; query: URLSearchParams }): ComponentChildren {
  if (path === '/payments') return <PaymentsPage query={query} />;
  if (path === '/reconciliations') return <ReconciliationsPage user={user} />;
  if (path === '/ledger') return <LedgerPage query={query} />;
  if (path === '/treasury') return <TreasuryPage query={query} />;
  const p = matchRoute('/payments/:ref', path);
  if (p && /^[0-9a-f-]{36}$/.test(p.ref)) return <PaymentPage user={user} reference={p.ref} key={p.ref} />;
  const r = matchRoute('/reconciliations/:id', path);
  if (r && /^\d+$/.test(r.id)) return <ReconciliationPage id={Number(r.id)} query={query} key={r.id} />;
  return <p class="alert alert-info">{st('prob.not_found')}</p>;
}
