// "Rapport du Trésor": one day's receipts per provider and regime (with totals), the end-of-day
// balances, and the PDF / XLSX downloads of the same report.
import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatXof } from '../form';
import { getLang, tDyn } from '../i18n';
import { todayUtc } from '../product';
import { navigate } from '../router';
import type { User } from '../types';
import { Alert, Field, Loading } from '../ui';
import { staffApi, treasuryUrl, type Treasury } from './api';
import { accountLabel, kindLabel, providerLabel, readableProblem, totalsBy } from './money';
import { st } from '../i18n/staff';

export function TreasuryPage({ user, query }: { user: User; query: URLSearchParams }) {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(query.get('date') ?? '') ? (query.get('date') as string) : todayUtc();
  const [report, setReport] = useState<Treasury | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setReport(null);
    setError(null);
    staffApi.treasury(date).then(
      (r) => live && setReport(r),
      (e) => live && setError(readableProblem(e).message),
    );
    return () => {
      live = false;
    };
  }, [date, user.id]);

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
      {error && <Alert kind="error">{error}</Alert>}
      {!report && !error && <Loading />}
      {report && (
        <>
          <p>
            <strong>{st('treasury.net', { amount: formatXof(report.net_clearing_movement_xof, lang) })}</strong>
            {' · '}
            {st('treasury.review', { n: report.payments_to_review })}
          </p>
          <h2>{st('treasury.totals')}</h2>
          {items.length === 0 && <p class="empty">{st('treasury.empty')}</p>}
          {items.length > 0 && (
            <div class="table-wrap">
              <table class="table table-cards" data-testid="treasury-items">
                <thead>
                  <tr>
                    <th scope="col">{st('treasury.col.day')}</th>
                    <th scope="col">{st('treasury.col.provider')}</th>
                    <th scope="col">{st('treasury.col.regime')}</th>
                    <th scope="col">{st('treasury.col.kind')}</th>
                    <th scope="col" class="num">
                      {st('treasury.col.count')}
                    </th>
                    <th scope="col" class="num">
                      {st('treasury.col.amount')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={`${i.provider}-${i.regime}-${i.kind}`}>
                      <td data-label={st('treasury.col.day')}>{formatDate(report.date, lang)}</td>
                      <td data-label={st('treasury.col.provider')}>{providerLabel(i.provider)}</td>
                      <td data-label={st('treasury.col.regime')}>{tDyn('regime.', i.regime)}</td>
                      <td data-label={st('treasury.col.kind')}>{kindLabel(i.kind)}</td>
                      <td data-label={st('treasury.col.count')} class="num">
                        {i.count}
                      </td>
                      <td data-label={st('treasury.col.amount')} class="num">
                        {formatXof(i.amount_xof, lang)}
                      </td>
                    </tr>
                  ))}
                </tbody>
                {total && (
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
                )}
              </table>
            </div>
          )}
          {byProvider.length > 0 && (
            <>
              <h2>{st('treasury.by_provider')}</h2>
              <div class="table-wrap">
                <table class="table" data-testid="treasury-providers">
                  <thead>
                    <tr>
                      <th scope="col">{st('treasury.col.provider')}</th>
                      <th scope="col" class="num">
                        {st('treasury.col.count')}
                      </th>
                      <th scope="col" class="num">
                        {st('treasury.col.amount')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {byProvider.map((p) => (
                      <tr key={p.key}>
                        <td>{providerLabel(p.key)}</td>
                        <td class="num">{p.count}</td>
                        <td class="num">{formatXof(p.amount_xof, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <h2>{st('treasury.balances')}</h2>
          <div class="table-wrap">
            <table class="table" data-testid="treasury-balances">
              <tbody>
                {Object.entries(report.balances_end_of_day).map(([account, amount]) => (
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
        </>
      )}
    </section>
  );
}
