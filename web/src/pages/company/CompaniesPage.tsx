// The list of exporting companies (staff).
import { api } from '../../api';
import { useFetch } from '../../fetch';
import { t, tDyn } from '../../i18n';
import { Loaded, Table } from '../../table';
import { Link } from '../../ui';
import type { Company } from '../../types';
import { CompanyStatusBadge } from './CompanyPage';

function activeApprovals(c: Company): string {
  const active = c.approved_exporter.filter((a) => a.valid_today);
  return active.length ? active.map((a) => `${tDyn('regime.', a.regime)} (${a.number})`).join(', ') : '—';
}

export function CompaniesPage() {
  const list = useFetch(() => api.listCompanies(), []);
  return (
    <section aria-labelledby="companies-title">
      <div class="page-head">
        <h1 id="companies-title">{t('companies.title')}</h1>
      </div>
      <Loaded data={list.data} error={list.error}>
        {(r) => (
          <Table<Company>
            rows={r.items}
            rowKey={(c) => c.id}
            empty={t('companies.empty')}
            columns={[
              { label: t('company.name'), cell: (c) => <Link href={`/companies/${c.id}`}>{c.name}</Link> },
              { label: t('company.nif'), class: 'mono', cell: (c) => c.nif },
              { label: t('company.sector'), cell: (c) => c.sector || '—' },
              { label: t('company.status'), cell: (c) => <CompanyStatusBadge status={c.status} /> },
              { label: t('company.approved'), cell: activeApprovals },
            ]}
          />
        )}
      </Loaded>
    </section>
  );
}
