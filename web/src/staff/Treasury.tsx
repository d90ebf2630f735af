// "Rapport du Trésor": one day's receipts per provider and regime (with totals), the end-of-day
// balances, and the PDF / XLSX downloads of the same report.
import { useFetch } from '../fetch';
import { formatDate, formatXof } from '../form';
import { getLang, tDyn } from '../i18n';
import { todayUtc } from '../product';
import { navigate } from '../router';
import { Loaded, Table } from '../table';
import { Field } from '../ui';
import { staffApi, treasuryUrl, type TreasuryItem } from './api';
import { Balances } from './Balances';
import { kindLabel, problemMessage, providerLabel, totalsBy } from './money';
import { st } from '../i18n/staff';

export function TreasuryPage({ query }: { query: URLSearchParams }) {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(query.get('date') ?? '') ? (query.get('date') as string) : todayUtc();
  const loaded = useFetch(() => staffApi.treasury(date), [date], { message: problemMessage });
  const report = loaded.data;

  const lang = getLang();
  const items = report?.items ?? [];
  const byProvider = totalsBy(items, (i) => i.provider);
  const total = totalsBy(items, () => 'all')[0];
  return (
    <section aria-labelledby="treasury-title">
      <div class="page-head">
        <div>
          <h1 id="treasury-title">{st('treasury.title')}</h1>
          <p class="muted">{st('treasury.intro')}</p>
        </div>
        <div class="btn-row">
          <a class="btn btn-small btn-secondary" href={treasuryUrl(date, 'pdf')} download>
            {st('treasury.pdf')}
          </a>
          <a class="btn btn-small btn-secondary" href={treasuryUrl(date, 'xlsx')} download>
            {st('treasury.xlsx')}
          </a>
        </div>
      </div>
      <div class="staff-filter">
        <Field id="treasury-date" label={st('treasury.date')}>
          {(a) => (
            <input
              {...a}
              type="date"
              value={date}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (/^\d{4}-\d{2}-\d{2}$/.test(v)) navigate(`/treasury?date=${v}`, { replace: true });
              }}
            />
          )}
        </Field>
      </div>
      <Loaded data={report} error={loaded.error}>
        {(report) => (
          <>
            <p>
              <strong>{st('treasury.net', { amount: formatXof(report.net_clearing_movement_xof, lang) })}</strong>
              {' · '}
              {st('treasury.review', { n: report.payments_to_review })}
            </p>
            <h2>{st('treasury.totals')}</h2>
            <Table<TreasuryItem>
              rows={items}
              rowKey={(i) => `${i.provider}-${i.regime}-${i.kind}`}
              testId="treasury-items"
              empty={st('treasury.empty')}
              columns={[
                { label: st('treasury.col.day'), cell: () => formatDate(report.date, lang) },
                { label: st('treasury.col.provider'), cell: (i) => providerLabel(i.provider) },
                { label: st('treasury.col.regime'), cell: (i) => tDyn('regime.', i.regime) },
                { label: st('treasury.col.kind'), cell: (i) => kindLabel(i.kind) },
                { label: st('treasury.col.count'), class: 'num', cell: (i) => i.count },
                { label: st('treasury.col.amount'), class: 'num', cell: (i) => formatXof(i.amount_xof, lang) },
              ]}
              foot={
                total && (
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={4}>
                        {st('treasury.total')}
                      </th>
                      <td class="num" data-label={st('treasury.col.count')}>
                        {total.count}
                      </td>
                      <td class="num" data-label={st('treasury.col.amount')} data-testid="treasury-total">
                        {formatXof(total.amount_xof, lang)}
                      </td>
                    </tr>
                  </tfoot>
                )
              }
            />
            {byProvider.length > 0 && (
              <>
                <h2>{st('treasury.by_provider')}</h2>
                <Table<{ key: string; count: number; amount_xof: number }>
                  plain
                  testId="treasury-providers"
                  rows={byProvider}
                  rowKey={(p) => p.key}
                  columns={[
                    { label: st('treasury.col.provider'), cell: (p) => providerLabel(p.key) },
                    { label: st('treasury.col.count'), class: 'num', cell: (p) => p.count },
                    { label: st('treasury.col.amount'), class: 'num', cell: (p) => formatXof(p.amount_xof, lang) },
                  ]}
                />
              </>
            )}
            <h2>{st('treasury.balances')}</h2>
            <Balances balances={report.balances_end_of_day} testId="treasury-balances" headless />
          </>
        )}
      </Loaded>
    </section>
  );
}
