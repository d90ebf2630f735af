// "Grand livre": balances per account over the whole ledger, the balance check, and the
// entries newest first, paged.
import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, formatXof } from '../form';
import { getLang } from '../i18n';
import type { User } from '../types';
import { Alert, Link, Loading } from '../ui';
import { pageSize, staffApi, type Ledger, type LedgerEntry } from './api';
import { accountLabel, appendPage, kindLabel, nextCursor, readableProblem } from './money';
import { st } from '../i18n/staff';

export function LedgerPage({ user, query }: { user: User; query: URLSearchParams }) {
  const limit = pageSize(query);
  const [ledger, setLedger] = useState<Ledger | null>(null);
  const [entries, setEntries] = useState<LedgerEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    staffApi.ledger(null, limit).then(
      (l) => {
        if (!live) return;
        setLedger(l);
        setEntries(l.entries);
        setCursor(nextCursor(l));
      },
      (e) => live && setError(readableProblem(e).message),
    );
    return () => {
      live = false;
    };
  }, [limit, user.id]);

  const more = async () => {
    if (!cursor) return;
    setBusy(true);
    try {
      const l = await staffApi.ledger(cursor, limit);
      setEntries((cur) => appendPage(cur, l.entries, (e) => e.id));
      setCursor(nextCursor(l));
    } catch (e) {
      setError(readableProblem(e).message);
    } finally {
      setBusy(false);
    }
  };

  const lang = getLang();
  const balances = ledger ? Object.entries(ledger.balances).sort(([a], [b]) => a.localeCompare(b)) : [];
  return (
    <section aria-labelledby="ledger-title">
      <div class="page-head">
        <div>
          <h1 id="ledger-title">{st('ledger.title')}</h1>
          <p class="muted">{st('ledger.intro')}</p>
        </div>
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      {!ledger && !error && <Loading />}
      {ledger && (
        <>
          {ledger.balanced ? (
            <p class="ledger-check ledger-ok" data-testid="ledger-check">
              <span aria-hidden="true">✓</span> {st('ledger.balanced')}
            </p>
          ) : (
            <Alert kind="error">{st('ledger.unbalanced', { ids: ledger.unbalanced_entries.map((i) => `n° ${i}`).join(', ') || '—' })}</Alert>
          )}
          <h2>{st('ledger.balances')}</h2>
          <div class="table-wrap">
            <table class="table" data-testid="ledger-balances">
              <thead>
                <tr>
                  <th scope="col">{st('ledger.col.account')}</th>
                  <th scope="col" class="num">
                    {st('ledger.col.balance')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {balances.map(([account, amount]) => (
                  <tr key={account}>
                    <td>
                      {accountLabel(account)} <span class="mono muted small">{account}</span>
                    </td>
                    <td class="num">{formatXof(amount, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{st('ledger.entries')}</h2>
          {entries.length === 0 && <p class="empty">{st('ledger.empty')}</p>}
          {entries.length > 0 && (
            <div class="table-wrap">
              <table class="table table-cards" data-testid="ledger-entries">
                <thead>
                  <tr>
                    <th scope="col">{st('ledger.col.id')}</th>
                    <th scope="col">{st('ledger.col.at')}</th>
                    <th scope="col">{st('ledger.col.kind')}</th>
                    <th scope="col">{st('ledger.col.memo')}</th>
                    <th scope="col">{st('ledger.col.reference')}</th>
                    <th scope="col">{st('ledger.col.lines')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.id}>
                      <td data-label={st('ledger.col.id')}>{e.id}</td>
                      <td data-label={st('ledger.col.at')}>{formatDateTime(e.at, lang)}</td>
                      <td data-label={st('ledger.col.kind')}>{kindLabel(e.kind)}</td>
                      <td data-label={st('ledger.col.memo')}>{e.memo}</td>
                      <td data-label={st('ledger.col.reference')} class="mono">
                        {e.reference ? <Link href={`/payments/${e.reference}`}>{e.reference.slice(0, 8)}</Link> : '—'}
                      </td>
                      <td data-label={st('ledger.col.lines')}>
                        <ul class="ledger-lines">
                          {e.lines.map((l) => (
                            <li>
                              <span>{accountLabel(l.account)}</span> <span class="num">{formatXof(l.amount_xof, lang)}</span>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {cursor && (
            <div class="btn-row">
              <button type="button" class="btn btn-secondary" disabled={busy} onClick={more}>
                {st('ledger.more')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
