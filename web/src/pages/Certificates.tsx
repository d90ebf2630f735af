import { useEffect, useState } from 'preact/hooks';
import { api, certificatePdfUrl } from '../api';
import { countryName } from '../countries';
import { errorMessage } from '../errors';
import { formatDateTime } from '../form';
import { getLang, t, tDyn } from '../i18n';
import { Alert, Link, Loading } from '../ui';
import type { CertificateSummary, User } from '../types';

export function CertificatesPage({ user }: { user: User }) {
  const [items, setItems] = useState<CertificateSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .listCertificates()
      .then((r) => setItems(r.items))
      .catch((e) => setError(errorMessage(e)));
  }, [user.id]);
  const lang = getLang();
  return (
    <section aria-labelledby="certs-title">
      <div class="page-head">
        <h1 id="certs-title">{t('certs.title')}</h1>
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p class="empty">{t('certs.empty')}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table class="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t('col.certificate')}</th>
                <th scope="col">{t('col.regime')}</th>
                <th scope="col">{t('col.company')}</th>
                <th scope="col">{t('col.destination')}</th>
                <th scope="col">{t('col.issued')}</th>
                <th scope="col">{t('col.expires')}</th>
                <th scope="col">{t('col.pdf')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.number}>
                  <td data-label={t('col.certificate')}>
                    <Link href={`/applications/${c.application_id}`} class="mono">
                      {c.number}
                    </Link>
                    {c.status && c.status !== 'issued' && (
                      <>
                        {' '}
                        <span class={`badge badge-${c.status}`}>{t(`cert.status.${c.status}` as 'cert.status.issued')}</span>
                      </>
                    )}
                  </td>
                  <td data-label={t('col.regime')}>{tDyn('regime.', c.regime)}</td>
                  <td data-label={t('col.company')}>{c.company?.name}</td>
                  <td data-label={t('col.destination')}>{countryName(c.destination_country) || '—'}</td>
                  <td data-label={t('col.issued')}>{formatDateTime(c.issued_at, lang)}</td>
                  <td data-label={t('col.expires')}>{formatDateTime(c.expires_at, lang)}</td>
                  <td data-label={t('col.pdf')}>
                    <span class="btn-row nowrap">
                      <a class="btn btn-small btn-secondary" href={certificatePdfUrl(c.number)} download aria-label={t('certs.pdf.label', { number: c.number })}>
                        {t('certs.pdf')}
                      </a>
                      <Link class="btn btn-small btn-ghost" href={`/verify?n=${encodeURIComponent(c.number)}`}>
                        {t('certs.verify')}
                      </Link>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
