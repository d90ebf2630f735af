import { useState } from 'preact/hooks';
import { api } from '../api';
import { countryName } from '../countries';
import { useFetch } from '../fetch';
import { formatDateTime, formatDecimal } from '../form';
import { getLang, t, tDyn, type MessageKey } from '../i18n';
import { ReviewActions } from '../review';
import { Loaded, Table } from '../table';
import { Alert, Link, StatusBadge } from '../ui';
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
  const [notice, setNotice] = useState<string | null>(null);
  const status = view.status ?? (filter || undefined);
  // `seq` changes on every navigation, even to this same page: a click on "Tableau de bord" reloads.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const list = useFetch(() => api.listApplications(status), [status, seq], { keep: true });

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
          <button type="button" class="btn btn-ghost" onClick={list.reload}>
            {t('dash.refresh')}
          </button>
        </div>
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      <Loaded data={list.data} error={list.error}>
        {(r) => (
          <Table<ApplicationSummary>
            rows={r.items}
            rowKey={(a) => a.id}
            rowProps={(a) => ({ 'data-application-id': a.id })}
            empty={t(view.empty)}
            columns={[
              {
                label: t('col.number'),
                cell: (a) => (
                  <Link href={`/applications/${a.id}`} class="nowrap" aria-label={t('app.open', { id: a.id })}>
                    n° {a.id}
                  </Link>
                ),
              },
              { label: t('col.regime'), class: 'nowrap', cell: (a) => (a.regime ? tDyn('regime.', a.regime) : '—') },
              staff && { label: t('col.company'), cell: (a) => a.company?.name },
              { label: t('col.consignee'), cell: (a) => a.consignee_name || '—' },
              { label: t('col.destination'), cell: (a) => countryName(a.destination_country) || '—' },
              { label: t('col.lines'), class: 'num hide-sm', cell: (a) => a.goods_count },
              {
                label: t('col.value'),
                class: 'num',
                cell: (a) => (a.total_value_xof == null ? '—' : formatDecimal(a.total_value_xof, lang)),
              },
              {
                label: t('col.status'),
                cell: (a) => (
                  <div>
                    <StatusBadge status={a.status} />
                    {a.certificate_number && <div class="small mono">{a.certificate_number}</div>}
                  </div>
                ),
              },
              { label: t('col.updated'), cell: (a) => formatDateTime(a.updated_at, lang) },
              actions && {
                label: t('col.actions'),
                cell: (a) => (
                  <ReviewActions
                    user={user}
                    id={a.id}
                    status={a.status}
                    compact
                    onDone={(_app, msg) => {
                      setNotice(msg);
                      list.reload();
                    }}
                  />
                ),
              },
            ]}
          />
        )}
      </Loaded>
    </section>
  );
}
