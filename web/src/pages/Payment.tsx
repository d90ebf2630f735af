// Paying an application: the fee, the choice of provider, the trip to the
// provider's page and back, the payment's status, a retry after a failure.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, receiptUrl } from '../api';
import { errorMessage } from '../errors';
import { formatXof } from '../form';
import { getLang, t, tDyn } from '../i18n';
import type { Application, PaymentIntent, PaymentState } from '../types';
import { Alert } from '../ui';

const OPEN: PaymentState[] = ['created', 'initiating', 'pending', 'unknown'];

export function paymentStateText(state: string): string {
  return tDyn('payment.state.', state);
}

function newKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** The fee line shown before submission (drafts) and on the application. */
export function FeeNotice({ app }: { app: Application }) {
  const fee = app.payment?.fee;
  if (!fee) return null;
  const label = getLang() === 'fr' ? fee.label_fr : fee.label_en;
  return (
    <p class="fee-notice" data-testid="fee-notice">
      {t('payment.fee', { label, amount: formatXof(fee.amount_xof, getLang()) })}
    </p>
  );
}

export function PaymentPanel({ app, returned, onPaid }: { app: Application; returned: string | null; onPaid: () => void }) {
  const view = app.payment;
  const [provider, setProvider] = useState<string>('');
  const [msisdn, setMsisdn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<PaymentIntent | null>(view?.intents?.[0] ?? null);
  const [key] = useState(newKey);
  // The latest onPaid (a new function at each render of the page) without restarting the watch.
  const paid = useRef(onPaid);
  paid.current = onPaid;

  // Back from the provider's page (or waiting): ask the platform to check,
  // then follow the payment until it is settled (bounded).
  const watched = returned ?? (current && OPEN.includes(current.state) ? current.reference : null);
  useEffect(() => {
    if (!watched) return;
    let live = true;
    let tries = 0;
    const tick = async () => {
      try {
        const p = tries === 0 && returned ? await api.checkPayment(watched) : await api.getPayment(watched);
        if (!live) return;
        setCurrent(p);
        if (p.state === 'succeeded') {
          paid.current();
          return;
        }
        if (!OPEN.includes(p.state)) return;
      } catch (e) {
        if (live) setError(errorMessage(e));
        return;
      }
      if (++tries < 120 && live) setTimeout(tick, tries < 20 ? 1000 : 5000);
    };
    tick();
    return () => {
      live = false;
    };
  }, [watched, returned]);

  if (!view || view.status === 'not_required') return null;
  const providers = view.providers ?? [];
  const open = current && OPEN.includes(current.state);

  const pay = async (e: Event) => {
    e.preventDefault();
    if (!provider) {
      setError(t('payment.choose'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const p = await api.createPayment(app.id, provider, provider === 'momo' ? msisdn : null, `${key}-${provider}`);
      setCurrent(p);
      if (p.payment_url) window.location.assign(p.payment_url);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card payment-card" aria-labelledby="payment-title">
      <h2 id="payment-title">{t('payment.title')}</h2>
      <FeeNotice app={app} />
      {error && <Alert kind="error">{error}</Alert>}
      {current && (
        <p data-testid="payment-state" class={`payment-state payment-${current.state}`}>
          {t('payment.current', { provider: current.provider_label, state: paymentStateText(current.state) })}
          {current.receipt_number && (
            <>
              {' '}
              <a href={receiptUrl(current.reference)} download data-testid="receipt-link">
                {t('payment.receipt', { number: current.receipt_number })}
              </a>
            </>
          )}
        </p>
      )}
      {open && current?.payment_url && (
        <p>
          <a class="btn btn-primary" href={current.payment_url} data-testid="payment-continue">
            {t('payment.continue')}
          </a>
        </p>
      )}
      {open && !current?.payment_url && <p class="hint">{t('payment.waiting')}</p>}
      {view.status !== 'paid' && !open && (
        <form onSubmit={pay} noValidate>
          {current && (current.state === 'failed' || current.state === 'expired' || current.state === 'cancelled') && (
            <Alert kind="warning">{t('payment.retry')}</Alert>
          )}
          <fieldset class="providers">
            <legend>{t('payment.provider')}</legend>
            {providers.map((p) => (
              <label class="radio">
                <input
                  type="radio"
                  name="provider"
                  value={p.code}
                  checked={provider === p.code}
                  onChange={() => setProvider(p.code)}
                />{' '}
                {p.label}
              </label>
            ))}
          </fieldset>
          {provider === 'momo' && (
            <label class="field">
              <span>{t('payment.msisdn')}</span>
              <input
                id="payer-msisdn"
                type="tel"
                inputMode="tel"
                value={msisdn}
                onInput={(e) => setMsisdn(e.currentTarget.value)}
              />
            </label>
          )}
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid="pay">
            {busy ? t('payment.busy') : t('payment.pay', { amount: formatXof(view.amount_xof ?? 0, getLang()) })}
          </button>
        </form>
      )}
    </section>
  );
}
