import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { errorMessage } from '../errors';
import { countryName } from '../countries';
import { formatDateTime, formatDecimal } from '../form';
import { getLang, t, tDyn, type MessageKey } from '../i18n';
import { ReviewActions } from '../review';
import { Alert, Link, Loading, StatusBadge } from '../ui';
import type { ApplicationSummary, Status, User } from '../types';

const STATUSES: Status[] = ['draft', 'awaiting_payment', 'submitted', 'returned', 'approved', 'issued'];

function roleView(user: User): { title: MessageKey; intro?: MessageKey; empty: MessageKey; status?: Status } {
  switch (user.role) {
    case 'agent':
      return { title: 'dash.agent.title', intro: 'dash.agent.intro', empty: 'dash.agent.empty', status: 'submitted' };
    case 'signatory':
      return { title: 'dash.signatory.title', intro: 'dash.signatory.intro', empty: 'dash.signatory.empty', status: 'approved' };
    case 'admin':
      return { title: 'dash.admin.title', intro: 'dash.admin.intro', empty: 'dash.admin.empty' };
    default:
      return { title: 'dash.exporter.title', empty: 'dash.exporter.empty' };
  }
}

export function DashboardPage({ user, seq }: { user: User; seq: number }) {
  const view = roleView(user);
  const [filter, setFilter] = useState<Status | ''>('');
  const [items, setItems] = useState<ApplicationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const status = view.status ?? (filter || undefined);

  useEffect(() => {
    let live = true;
    setError(null);
    api
      .listApplications(status)
      .then((r) => live && setItems(r.items))
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [status, reload, seq, user.id]);

  const lang = getLang();
  const staff = user.role !== 'exporter';
  const actions = user.role === 'agent' || user.role === 'signatory';

  return (
    <section aria-labelledby="dash-title">
      <div class="page-head">
        <div>
          <h1 id="dash-title">{t(view.title)}</h1>
          {view.intro && <p class="muted">{t(view.intro)}</p>}
        </div>
        <div class="page-actions">
          {user.role === 'exporter' && (
            <Link href="/applications/new" class="btn btn-primary">
              + {t('dash.new')}
            </Link>
          )}
          {user.role === 'admin' && (
            <div class="field field-inline">
              <label for="status-filter">{t('dash.filter')}</label>
              <select id="status-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value as Status | '')}>
                <option value="">{t('dash.filter.all')}</option>
                {STATUSES.map((s) => (
                  <option value={s}>{tDyn('status.', s)}</option>
                ))}
              </select>
            </div>
          )}
          <button type="button" class="btn btn-ghost" onClick={() => setReload((n) => n + 1)}>
            {t('dash.refresh')}
          </button>
        </div>
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p class="empty">{t(view.empty)}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table class="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t('col.number')}</th>
                <th scope="col">{t('col.regime')}</th>
                {staff && <th scope="col">{t('col.company')}</th>}
                <th scope="col">{t('col.consignee')}</th>
                <th scope="col">{t('col.destination')}</th>
                <th scope="col" class="num">{t('col.lines')}</th>
                <th scope="col" class="num">{t('col.value')}</th>
                <th scope="col">{t('col.status')}</th>
                <th scope="col">{t('col.updated')}</th>
                {actions && <th scope="col">{t('col.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} data-application-id={a.id}>
                  <td data-label={t('col.number')}>
                    <Link href={`/applications/${a.id}`} class="nowrap" aria-label={t('app.open', { id: a.id })}>
                      n° {a.id}
                    </Link>
                  </td>
                  <td data-label={t('col.regime')} class="nowrap">{a.regime ? tDyn('regime.', a.regime) : '—'}</td>
                  {staff && <td data-label={t('col.company')}>{a.company?.name}</td>}
                  <td data-label={t('col.consignee')}>{a.consignee_name || '—'}</td>
                  <td data-label={t('col.destination')}>{countryName(a.destination_country) || '—'}</td>
                  <td data-label={t('col.lines')} class="num hide-sm">
                    {a.goods_count}
                  </td>
                  <td data-label={t('col.value')} class="num">
                    {a.total_value_xof == null ? '—' : formatDecimal(a.total_value_xof, lang)}
                  </td>
                  <td data-label={t('col.status')}>
                    <div>
                      <StatusBadge status={a.status} />
                      {a.certificate_number && <div class="small mono">{a.certificate_number}</div>}
                    </div>
                  </td>
                  <td data-label={t('col.updated')}>{formatDateTime(a.updated_at, lang)}</td>
                  {actions && (
                    <td data-label={t('col.actions')}>
                      <ReviewActions
                        user={user}
                        id={a.id}
                        status={a.status}
                        compact
                        onDone={(_app, msg) => {
                          setNotice(msg);
                          setReload((n) => n + 1);
                        }}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
