import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { countryName } from '../countries';
import { errorMessage } from '../errors';
import { formatDateTime, formatDecimal } from '../form';
import { t, tDyn, type Lang } from '../i18n';
import { Alert } from '../ui';
import type { Verification } from '../types';

type Mode = 'qr' | 'number';

export function VerifyPage({ query, lang }: { query: URLSearchParams; lang: Lang }) {
  const qrParam = query.get('qr');
  const nParam = query.get('n');
  const [mode, setMode] = useState<Mode>(nParam && !qrParam ? 'number' : 'qr');
  const [qr, setQr] = useState(qrParam ?? '');
  const [number, setNumber] = useState(nParam ?? '');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const verify = async (m: Mode, value: string) => {
    const v = value.trim();
    setResult(null);
    if (!v) {
      setError(t('verify.empty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.verify(m === 'qr' ? { qr: v } : { number: v });
      setResult(r);
      queueMicrotask(() => resultRef.current?.focus());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  // ?qr=… or ?n=… : prefill and verify at once.
  useEffect(() => {
    if (qrParam) {
      setMode('qr');
      setQr(qrParam);
      verify('qr', qrParam);
    } else if (nParam) {
      setMode('number');
      setNumber(nParam);
      verify('number', nParam);
    }
  }, [qrParam, nParam]);

  const onSubmit = (e: Event) => {
    e.preventDefault();
    verify(mode, mode === 'qr' ? qr : number);
  };

  return (
    <section aria-labelledby="verify-title" class="verify">
      <h1 id="verify-title">{t('verify.title')}</h1>
      <p class="muted">{t('verify.intro')}</p>
      <form class="card" onSubmit={onSubmit} noValidate>
        <div class="tabs" role="radiogroup" aria-label={t('verify.title')}>
          <label class={`tab${mode === 'qr' ? ' active' : ''}`}>
            <input type="radio" name="mode" value="qr" checked={mode === 'qr'} onChange={() => setMode('qr')} />
            {t('verify.mode.qr')}
          </label>
          <label class={`tab${mode === 'number' ? ' active' : ''}`}>
            <input type="radio" name="mode" value="number" checked={mode === 'number'} onChange={() => setMode('number')} />
            {t('verify.mode.number')}
          </label>
        </div>
        {mode === 'qr' ? (
          <div class="field">
            <label for="verify-qr">{t('verify.qr')}</label>
            <textarea
              id="verify-qr"
              class="mono"
              rows={5}
              spellcheck={false}
              autoComplete="off"
              value={qr}
              onInput={(e) => setQr(e.currentTarget.value)}
            />
          </div>
        ) : (
          <div class="field">
            <label for="verify-number">{t('verify.number')}</label>
            <input
              id="verify-number"
              class="mono"
              type="text"
              autoComplete="off"
              aria-describedby="verify-number-hint"
              value={number}
              onInput={(e) => setNumber(e.currentTarget.value)}
            />
            <span class="hint" id="verify-number-hint">
              {t('verify.number.hint')}
            </span>
          </div>
        )}
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t('verify.busy') : t('verify.submit')}
        </button>
      </form>
      {error && <Alert kind="error">{error}</Alert>}
      <div ref={resultRef} tabIndex={-1} aria-live="polite" class="verify-result-wrap">
        {result && <VerificationResult v={result} lang={lang} />}
      </div>
    </section>
  );
}

function VerificationResult({ v, lang }: { v: Verification; lang: Lang }) {
  const c = v.certificate;
  const message = lang === 'en' ? v.message_en || v.message_fr : v.message_fr || v.message_en;
  const row = (label: string, value: string | null | undefined, mono = false) => (
    <div class="dl-row">
      <dt>{label}</dt>
      <dd class={mono ? 'mono' : undefined}>{value || '—'}</dd>
    </div>
  );
  return (
    <div class={`verdict ${v.valid ? 'verdict-valid' : 'verdict-invalid'}`} data-testid="verdict" data-status={v.status}>
      <div class="verdict-head">
        <span class="verdict-icon" aria-hidden="true">
          {v.valid ? '✓' : '✕'}
        </span>
        <div>
          <p class="verdict-title">{v.valid ? t('verify.valid') : t('verify.invalid')}</p>
          {!v.valid && <p class="verdict-status">{tDyn('verify.status.', v.status)}</p>}
          {message && <p class="verdict-message">{message}</p>}
        </div>
      </div>
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
    </div>
  );
}

