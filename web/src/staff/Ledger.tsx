// "Grand livre": balances per account over the whole ledger, the balance check, and the
// entries newest first, paged.
import { usePaged } from '../fetch';
import { formatDateTime, formatXof } from '../form';
import { getLang } from '../i18n';
import { st } from '../i18n/staff';
import { Loaded, MoreButton, Table } from '../table';
import { Alert, Link } from '../ui';
import { pageSize, staffApi, type LedgerEntry } from './api';
import { Balances } from './Balances';
import { accountLabel, kindLabel, problemMessage } from './money';

export function LedgerPage({ query }: { query: URLSearchParams }) {
  const limit = pageSize(query);
  const paged = usePaged((cursor) => staffApi.ledger(cursor, limit), (l) => l.entries, (e) => e.id, [limit], {
    message: problemMessage,
  });
  const ledger = paged.first;

  const lang = getLang();
  return (
    <section aria-labelledby="ledger-title">
      <div class="page-head">
        <div>
          <h1 id="ledger-title">{st('ledger.title')}</h1>
          <p class="muted">{st('ledger.intro')}</p>
        </div>
      </div>
      <Loaded data={ledger} error={paged.error}>
        {(ledger) => (
          <>
            {ledger.balanced ? (
              <p class="ledger-check ledger-ok" data-testid="ledger-check">
                <span aria-hidden="true">✓</span> {st('ledger.balanced')}
              </p>
            ) : (
              <Alert kind="error">{st('ledger.unbalanced', { ids: ledger.unbalanced_entries.map((i) => `n° ${i}`).join(', ') || '—' })}</Alert>
            )}
            <h2>{st('ledger.balances')}</h2>
            <Balances balances={ledger.balances} testId="ledger-balances" sorted />
            <h2>{st('ledger.entries')}</h2>
            <Table<LedgerEntry>
              rows={paged.items ?? []}
              rowKey={(e) => e.id}
              testId="ledger-entries"
              empty={st('ledger.empty')}
              columns={[
                { label: st('ledger.col.id'), cell: (e) => e.id },
                { label: st('ledger.col.at'), cell: (e) => formatDateTime(e.at, lang) },
                { label: st('ledger.col.kind'), cell: (e) => kindLabel(e.kind) },
                { label: st('ledger.col.memo'), cell: (e) => e.memo },
                {
                  label: st('ledger.col.reference'),
                  class: 'mono',
                  cell: (e) => (e.reference ? <Link href={`/payments/${e.reference}`}>{e.reference.slice(0, 8)}</Link> : '—'),
                },
                {
                  label: st('ledger.col.lines'),
                  cell: (e) => (
                    <ul class="ledger-lines">
                      {e.lines.map((l) => (
                        <li>
                          <span>{accountLabel(l.account)}</span> <span class="num">{formatXof(l.amount_xof, lang)}</span>
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
            <MoreButton paged={paged} label={st('ledger.more')} />
          </>
        )}
      </Loaded>
    </section>
  );
}
