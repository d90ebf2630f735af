// The verdict of one verification, from the JSON object of POST /api/v1/verify
// (or `origine verify --json`, or an offline verifier producing the same
// shape): docs/formats/verification.md. Each status is shown distinctly, with
// the revocation (date, reason, scope), the successor, the document check and
// the transparency-log entry when present. French first, English second.
import { countryName } from '../countries';
import { formatDateTime, formatDecimal } from '../form';
import { t, tDyn, type Lang } from '../i18n';
import { Link } from '../ui';
import type { VerificationView } from '../types';

export function ResultView({ v, lang }: { v: VerificationView; lang: Lang }) {
  const c = v.certificate;
  const message = lang === 'en' ? v.message_en || v.message_fr : v.message_fr || v.message_en;
  // Revoked and document mismatch are refusals; replaced and expired are a
  // warning-coloured "not valid" (the certificate was genuine).
  const tone = v.valid
    ? 'verdict-valid'
    : v.status === 'amended' || v.status === 'expired' || v.status === 'not_yet_valid'
      ? 'verdict-warning'
      : 'verdict-invalid';
  const row = (label: string, value: string | null | undefined, mono = false) => (
    <div class="dl-row">
      <dt>{label}</dt>
      <dd class={mono ? 'mono' : undefined}>{value || '—'}</dd>
    </div>
  );
  return (
    <div class={`verdict ${tone}`} data-testid="verdict" data-status={v.status}>
      <div class="verdict-head">
        <span class="verdict-icon" aria-hidden="true">
          {v.valid ? '✓' : v.status === 'amended' ? '↻' : '✕'}
        </span>
        <div>
          <p class="verdict-title">{v.valid ? t('verify.valid') : t('verify.invalid')}</p>
          {!v.valid && (
            <p class="verdict-status" data-testid="verdict-status">
              {tDyn('verify.status.', v.status)}
            </p>
          )}
          {message && <p class="verdict-message">{message}</p>}
        </div>
      </div>

      {v.revocation && (
        <section class="verdict-section verdict-revocation" data-testid="revocation" aria-labelledby="verdict-revocation">
          <h2 class="h-small" id="verdict-revocation">
            {t('verify.revocation.title')}
          </h2>
          <dl class="dl">
            {row(t('verify.revocation.at'), formatDateTime(v.revocation.at, lang))}
            {row(t('verify.revocation.reason'), v.revocation.reason)}
            {row(t('verify.revocation.scope'), tDyn('verify.revocation.scope.', v.revocation.scope))}
          </dl>
        </section>
      )}

      {v.successor && (
        <section class="verdict-section verdict-successor" data-testid="successor" aria-labelledby="verdict-successor">
          <h2 class="h-small" id="verdict-successor">
            {t('verify.successor.title')}
          </h2>
          <p>
            <strong class="mono">{v.successor.number}</strong>
            {v.successor.kind && ` (${tDyn('verify.successor.kind.', v.successor.kind)})`}{' '}
            <Link href={`/verify?n=${encodeURIComponent(v.successor.number)}`}>
              {t('verify.successor.check', { number: v.successor.number })}
            </Link>
          </p>
        </section>
      )}

      {v.document && (v.document.checked || c) && (
        <p class="verdict-document" data-testid="document-check" data-checked={String(v.document.checked)}
           data-matches={String(v.document.hash_matches)}>
          <strong>{t('verify.document.title')} : </strong>
          {!v.document.checked
            ? t('verify.document.unchecked')
            : v.document.hash_matches
              ? t('verify.document.ok')
              : t('verify.document.mismatch')}
        </p>
      )}

      {c && (
        <div class="verdict-body">
          <h2 class="h-small">{t('verify.details')}</h2>
          <dl class="dl">
            {row(t('verify.number.label'), c.number, true)}
            {row(t('verify.regime'), tDyn('regime.', c.regime))}
            {row(t('verify.issuer'), countryName(c.issuer_country))}
            {row(t('verify.exporter'), c.exporter?.name + (c.exporter?.nif ? ` — ${t('verify.nif')} ${c.exporter.nif}` : ''))}
            {row(t('verify.consignee'), c.consignee ? `${c.consignee.name} (${countryName(c.consignee.country)})` : '')}
            {row(t('verify.origin'), countryName(c.origin_country))}
            {row(t('verify.destination'), countryName(c.destination_country))}
            {row(t('verify.issued'), formatDateTime(c.issued_at, lang))}
            {row(t('verify.expires'), formatDateTime(c.expires_at, lang))}
            {c.invoice_reference && row(t('verify.invoice'), c.invoice_reference)}
          </dl>
          {c.goods && c.goods.length > 0 && (
            <>
              <h3 class="h-small">{t('verify.goods')}</h3>
              <div class="table-wrap">
                <table class="table table-cards">
                  <thead>
                    <tr>
                      <th scope="col">{t('form.goods.hs')}</th>
                      <th scope="col" class="num">{t('form.goods.quantity')}</th>
                      <th scope="col">{t('form.goods.unit')}</th>
                      <th scope="col" class="num">{t('form.goods.net')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.goods.map((g) => (
                      <tr>
                        <td data-label={t('form.goods.hs')} class="mono">
                          {g.hs_code}
                        </td>
                        <td data-label={t('form.goods.quantity')} class="num">
                          {formatDecimal(g.quantity, lang)}
                        </td>
                        <td data-label={t('form.goods.unit')}>{g.unit}</td>
                        <td data-label={t('form.goods.net')} class="num">
                          {formatDecimal(g.net_weight_kg, lang)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      )}

      {v.log && (
        <section class="verdict-section verdict-log" data-testid="log-proof" aria-labelledby="verdict-log">
          <h2 class="h-small" id="verdict-log">
            {t('verify.log.title')}
          </h2>
          <p>
            {t('verify.log.entry', {
              index: v.log.index,
              size: v.log.tree_size,
              proof: v.log.inclusion_proof.length,
            })}
          </p>
          <details>
            <summary>{t('verify.log.checkpoint')}</summary>
            <pre class="mono small">{v.log.checkpoint}</pre>
          </details>
        </section>
      )}
    </div>
  );
}
