// The issued certificate of an application: number, PDF, verification link,
// its state (issued, revoked, replaced), and the actions on it: staff
// (signatory, admin) revoke it with a reason; the exporter or an agent
// starts an amendment or a duplicate, a new application in the normal workflow.
import { useState } from 'preact/hooks';
import { useAction } from '../action';
import { api, certificatePdfUrl } from '../api';
import { useFetch } from '../fetch';
import { formatDateTime } from '../form';
import { getLang, t } from '../i18n';
import { navigate } from '../router';
import { Alert, Link } from '../ui';
import type { User } from '../types';

export function CertificatePanel({ number, user }: { number: string; user: User }) {
  const loaded = useFetch(() => api.getCertificate(number), [number]);
  const cert = loaded.data;
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const [revoking, setRevoking] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const busy = action.busy;
  const error = action.error ?? loaded.error;
  const lang = getLang();

  const canRevoke = user.role === 'signatory' || user.role === 'admin';
  const canAmend = user.role === 'exporter' || user.role === 'agent';
  const state = cert?.status ?? 'issued';

  const revoke = (e: Event) => {
    e.preventDefault();
    if (!reason.trim()) {
      setReasonError(t('cert.revoke.empty'));
      return;
    }
    setReasonError(null);
    action.run(async () => {
      loaded.setData(await api.revokeCertificate(number, reason.trim()));
      setRevoking(false);
      setNotice(t('cert.revoke.done', { number }));
    });
  };

  const amend = (kind: 'amendment' | 'duplicate') =>
    action.run(async () => {
      const app = await api.amendCertificate(number, kind);
      navigate(`/applications/${app.id}`);
    });

  return (
    <section class="card issued-card cert-actions" aria-labelledby="issued-title" data-testid="certificate-panel"
             data-state={state}>
      <h2 id="issued-title">{t('view.issued.title')}</h2>
      <p>
        {t('view.issued.number')} : <strong class="mono" data-testid="certificate-number">{number}</strong>{' '}
        <span class={`badge badge-${state}`} data-testid="certificate-state">{t(`cert.status.${state}` as 'cert.status.issued')}</span>
      </p>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      {cert?.revocation && (
        <Alert kind="error">
          {t('cert.revoked', { date: formatDateTime(cert.revocation.at, lang), reason: cert.revocation.reason })}
        </Alert>
      )}
      {cert?.successor && (
        <Alert kind="warning">
          {t('cert.replaced', { number: cert.successor.number })}{' '}
          <Link href={`/verify?n=${encodeURIComponent(cert.successor.number)}`}>{t('view.verify')}</Link>
        </Alert>
      )}
      <div class="btn-row">
        <a class="btn btn-primary" href={certificatePdfUrl(number)} download>
          {t('view.pdf')}
        </a>
        <Link class="btn btn-ghost" href={`/verify?n=${encodeURIComponent(number)}`}>
          {t('view.verify')}
        </Link>
        {cert && state === 'issued' && canAmend && (
          <>
            <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => amend('amendment')}>
              {t('cert.amend')}
            </button>
            <button type="button" class="btn btn-ghost" disabled={busy} onClick={() => amend('duplicate')}>
              {t('cert.duplicate')}
            </button>
          </>
        )}
        {cert && state !== 'revoked' && canRevoke && !revoking && (
          <button type="button" class="btn btn-danger" onClick={() => setRevoking(true)}>
            {t('cert.revoke')}
          </button>
        )}
      </div>
      {revoking && (
        <form class="revoke-form" onSubmit={revoke} noValidate>
          <div class={`field${reasonError ? ' has-error' : ''}`}>
            <label for="revoke-reason">{t('cert.revoke.reason')}</label>
            <textarea
              id="revoke-reason"
              rows={3}
              maxLength={500}
              aria-invalid={reasonError ? 'true' : undefined}
              aria-describedby={reasonError ? 'revoke-reason-error' : undefined}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
            {reasonError && (
              <span class="field-error" id="revoke-reason-error" role="alert">
                {reasonError}
              </span>
            )}
          </div>
          <div class="btn-row">
            <button type="submit" class="btn btn-danger" disabled={busy}>
              {t('cert.revoke.confirm')}
            </button>
            <button type="button" class="btn btn-ghost" onClick={() => setRevoking(false)}>
              {t('cert.revoke.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
