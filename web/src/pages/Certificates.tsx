import { api, certificatePdfUrl } from '../api';
import { countryName } from '../countries';
import { useFetch } from '../fetch';
import { formatDateTime } from '../form';
import { getLang, t, tDyn } from '../i18n';
import { Loaded, Table } from '../table';
import { Link } from '../ui';
import type { CertificateSummary } from '../types';

export function CertificatesPage() {
  const list = useFetch(() => api.listCertificates(), []);
  const lang = getLang();
  return (
    <section aria-labelledby="certs-title">
      <div class="page-head">
        <h1 id="certs-title">{t('certs.title')}</h1>
      </div>
      <Loaded data={list.data} error={list.error}>
        {(r) => (
          <Table<CertificateSummary>
            rows={r.items}
            rowKey={(c) => c.number}
            empty={t('certs.empty')}
            columns={[
              {
                label: t('col.certificate'),
                cell: (c) => (
                  <>
                    <Link href={`/applications/${c.application_id}`} class="mono">
                      {c.number}
                    </Link>
                    {c.status && c.status !== 'issued' && (
                      <>
                        {' '}
                        <span class={`badge badge-${c.status}`}>{tDyn('cert.status.', c.status)}</span>
                      </>
                    )}
                  </>
                ),
              },
              { label: t('col.regime'), cell: (c) => tDyn('regime.', c.regime) },
              { label: t('col.company'), cell: (c) => c.company?.name },
              { label: t('col.destination'), cell: (c) => countryName(c.destination_country) || '—' },
              { label: t('col.issued'), cell: (c) => formatDateTime(c.issued_at, lang) },
              { label: t('col.expires'), cell: (c) => formatDateTime(c.expires_at, lang) },
              {
                label: t('col.pdf'),
                cell: (c) => (
                  <span class="btn-row nowrap">
                    <a class="btn btn-small btn-secondary" href={certificatePdfUrl(c.number)} download aria-label={t('certs.pdf.label', { number: c.number })}>
                      {t('certs.pdf')}
                    </a>
                    <Link class="btn btn-small btn-ghost" href={`/verify?n=${encodeURIComponent(c.number)}`}>
                      {t('certs.verify')}
                    </Link>
                  </span>
                ),
              },
            ]}
          />
        )}
      </Loaded>
    </section>
  );
}
