// "Paiements": every fee payment for staff (filter by state, paged), and one payment's detail
// with its receipt, and for administrators the refund and the confirmation of a manual refund.
import { useEffect, useState } from 'preact/hooks';
import { useAction } from '../action';
import { useFetch, usePaged } from '../fetch';
import { formatDateTime, formatXof } from '../form';
import { getLang } from '../i18n';
import { navigate } from '../router';
import type { User } from '../types';
import { Loaded, MoreButton, Table } from '../table';
import { Alert, Field, Link } from '../ui';
import { mayAct } from './access';
import { pageSize, staffApi, staffReceiptUrl, type StaffIntent } from './api';
import {
  PAYMENT_STATES,
  lastError,
  mayConfirmRefund,
  mayRefund,
  needsAction,
  problemMessage,
  readableProblem,
  refundInFlight,
  refundMode,
  refundState,
  stateLabel,
} from './money';
import { st, stDyn } from '../i18n/staff';

export function StateBadge({ state }: { state: string }) {
  return <span class={`badge badge-pay-${state}`}>{stateLabel(state)}</span>;
}

export function PaymentsPage({ query }: { query: URLSearchParams }) {
  const state = query.get('state') ?? '';
  const limit = pageSize(query);
  const list = usePaged((cursor) => staffApi.payments(state, cursor, limit), (r) => r.items, (i) => i.reference, [state, limit], {
    message: problemMessage,
  });
  const items = list.items;

  const lang = getLang();
  const late = items?.filter((i) => i.state === 'late_success').length ?? 0;
  return (
    <section aria-labelledby="payments-title">
      <div class="page-head">
        <div>
          <h1 id="payments-title">{st('pay.title')}</h1>
          <p class="muted">{st('pay.intro')}</p>
        </div>
      </div>
      <div class="staff-filter">
        <label for="pay-state">{st('pay.filter')}</label>
        <select
          id="pay-state"
          value={state}
          onChange={(e) => navigate('/payments' + (e.currentTarget.value ? `?state=${e.currentTarget.value}` : ''))}
        >
          <option value="">{st('pay.filter.all')}</option>
          {PAYMENT_STATES.map((s) => (
            <option value={s}>{stateLabel(s)}</option>
          ))}
        </select>
      </div>
      {late > 0 && <Alert kind="warning">{st('pay.late.alert', { n: late })}</Alert>}
      <Loaded data={items} error={list.error}>
        {(rows) => (
          <Table<StaffIntent>
            rows={rows}
            rowKey={(p) => p.reference}
            rowProps={(p) => ({ class: needsAction(p) ? 'row-action' : undefined, 'data-reference': p.reference })}
            testId="payments-table"
            empty={st('pay.empty')}
            columns={[
              {
                label: st('pay.col.reference'),
                cell: (p) => (
                  <>
                    <Link href={`/payments/${p.reference}`} class="mono">
                      {p.reference.slice(0, 8)}
                    </Link>
                    {needsAction(p) && (
                      <>
                        {' '}
                        <span class="badge badge-action">{st('pay.late.badge')}</span>
                      </>
                    )}
                  </>
                ),
              },
              {
                label: st('pay.col.application'),
                cell: (p) => <Link href={`/applications/${p.application_id}`}>{st('pay.application', { id: p.application_id })}</Link>,
              },
              { label: st('pay.col.provider'), cell: (p) => p.provider_label || p.provider },
              { label: st('pay.col.amount'), class: 'num', cell: (p) => formatXof(p.amount_xof, lang) },
              { label: st('pay.col.state'), cell: (p) => <StateBadge state={p.state} /> },
              { label: st('pay.col.created'), cell: (p) => formatDateTime(p.created_at, lang) },
              { label: st('pay.col.updated'), cell: (p) => formatDateTime(p.updated_at, lang) },
              { label: st('pay.col.error'), cell: (p) => lastError(p) || '—' },
            ]}
          />
        )}
      </Loaded>
      <MoreButton paged={list} label={st('pay.more')} />
    </section>
  );
}

export function PaymentPage({ user, reference }: { user: User; reference: string }) {
  const loaded = useFetch(() => staffApi.payment(reference), [reference], { message: problemMessage });
  const p = loaded.data;
  const setP = loaded.setData;
  const [notice, setNotice] = useState<string | null>(null);

  // While the provider works on a refund, follow it (bounded: about two minutes).
  const inFlight = p !== null && refundInFlight(p);
  useEffect(() => {
    if (!inFlight) return;
    let live = true;
    let tries = 0;
    const tick = () => {
      if (!live || ++tries > 40) return;
      staffApi.payment(reference).then(
        (r) => {
          if (!live) return;
          setP(r);
          if (refundInFlight(r)) setTimeout(tick, 3000);
        },
        () => live && setTimeout(tick, 3000),
      );
    };
    const first = setTimeout(tick, 3000);
    return () => {
      live = false;
      clearTimeout(first);
    };
  }, [inFlight, reference, setP]);

  const lang = getLang();
  const act = mayAct(user.role);
  return (
    <section aria-labelledby="payment-title">
      <p>
        <Link href="/payments">← {st('pay.detail.back')}</Link>
      </p>
      <div class="page-head">
        <h1 id="payment-title">
          {st('pay.detail.title', { ref: reference.slice(0, 8) })} {p && <StateBadge state={p.state} />}
        </h1>
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      <Loaded data={p} error={loaded.error}>
        {(p) => (
          <>
            {needsAction(p) && <Alert kind="warning">{p.state === 'late_success' ? st('pay.late.explain') : lastError(p)}</Alert>}
            <div class="card">
              <dl class="staff-dl">
                <dt>{st('pay.col.reference')}</dt>
                <dd class="mono">{p.reference}</dd>
                <dt>{st('pay.col.application')}</dt>
                <dd>
                  <Link href={`/applications/${p.application_id}`}>{st('pay.application', { id: p.application_id })}</Link>
                </dd>
                <dt>{st('pay.col.provider')}</dt>
                <dd>{p.provider_label || p.provider}</dd>
                <dt>{st('pay.detail.provider_txn')}</dt>
                <dd class="mono">{p.provider_transaction || '—'}</dd>
                <dt>{st('pay.detail.fee_code')}</dt>
                <dd class="mono">{p.fee_code || '—'}</dd>
                <dt>{st('pay.col.amount')}</dt>
                <dd data-testid="payment-amount">{formatXof(p.amount_xof, lang)}</dd>
                <dt>{st('pay.col.state')}</dt>
                <dd data-testid="payment-state">{stateLabel(p.state)}</dd>
                <dt>{st('pay.col.created')}</dt>
                <dd>{formatDateTime(p.created_at, lang)}</dd>
                <dt>{st('pay.col.updated')}</dt>
                <dd>{formatDateTime(p.updated_at, lang)}</dd>
                <dt>{st('pay.detail.expires')}</dt>
                <dd>{formatDateTime(p.expires_at, lang)}</dd>
                <dt>{st('pay.col.error')}</dt>
                <dd>{lastError(p) || '—'}</dd>
                <dt>{st('pay.detail.refund_mode')}</dt>
                <dd>{refundMode(p) === 'manual' ? st('pay.refund_mode.manual') : st('pay.refund_mode.provider')}</dd>
                <dt>{st('pay.detail.receipt')}</dt>
                <dd>
                  {p.receipt_number ? (
                    <a class="btn btn-small btn-secondary" href={staffReceiptUrl(p.reference)} download>
                      {st('pay.detail.receipt.download', { number: p.receipt_number })}
                    </a>
                  ) : (
                    '—'
                  )}
                </dd>
              </dl>
            </div>
            {p.refund && (
              <div class="card staff-action" data-testid="refund-info">
                <h2>{st('pay.refund.section')}</h2>
                <dl class="staff-dl">
                  <dt>{st('pay.refund.state')}</dt>
                  <dd data-testid="refund-state">{stDyn('refund.state.', p.refund.state)}</dd>
                  {p.refund.reason && (
                    <>
                      <dt>{st('pay.refund.why')}</dt>
                      <dd>{p.refund.reason}</dd>
                    </>
                  )}
                  <dt>{st('pay.refund.reference')}</dt>
                  <dd class="mono">{p.refund.reference || '—'}</dd>
                  <dt>{st('pay.refund.provider_id')}</dt>
                  <dd class="mono">{p.refund.provider_refund_id || '—'}</dd>
                  <dt>{st('pay.refund.requested_at')}</dt>
                  <dd>{formatDateTime(p.refund.requested_at, lang) || '—'}</dd>
                  {p.refund.mode !== 'manual' && (
                    <>
                      <dt>{st('pay.refund.attempts')}</dt>
                      <dd>{p.refund.attempts ?? 0}</dd>
                    </>
                  )}
                </dl>
              </div>
            )}
            {refundState(p) === 'refused' && <Alert kind="warning">{st('pay.refund.refused')}</Alert>}
            {act && mayRefund(p) && (
              <ActionForm
                key={`refund-${p.state}`}
                title={st('pay.refund.title')}
                id="refund-reason"
                field="reason"
                label={st('pay.refund.reason')}
                required={st('pay.refund.reason.required')}
                submit={st('pay.refund.submit')}
                danger
                multiline
                run={(v) => staffApi.refund(p.reference, v)}
                onDone={(np) => {
                  setP(np);
                  setNotice(st('pay.refund.done'));
                }}
              />
            )}
            {act && mayConfirmRefund(p) && (
              <ActionForm
                key={`confirm-${p.state}`}
                title={st('pay.confirm.title')}
                id="refund-id"
                field="provider_refund_id"
                label={st('pay.confirm.id')}
                required={st('pay.confirm.id.required')}
                submit={st('pay.confirm.submit')}
                run={(v) => staffApi.confirmRefund(p.reference, v)}
                onDone={(np) => {
                  setP(np);
                  setNotice(st('pay.confirm.done'));
                }}
              />
            )}
            {refundInFlight(p) && <Alert kind="info">{st('pay.refund.provider_pending')}</Alert>}
          </>
        )}
      </Loaded>
    </section>
  );
}

/** One required text and a button; server problems shown in French next to the field. */
function ActionForm(props: {
  title: string;
  id: string;
  field: string;
  label: string;
  required: string;
  submit: string;
  danger?: boolean;
  multiline?: boolean;
  run: (value: string) => Promise<StaffIntent>;
  onDone: (p: StaffIntent) => void;
}) {
  const [value, setValue] = useState('');
  const action = useAction(readableProblem);
  const fieldError = action.errs[props.field];

  const go = (e: Event) => {
    e.preventDefault();
    if (!value.trim()) {
      action.setError(null);
      action.setErrs({ [props.field]: props.required });
      return;
    }
    action.run(async () => props.onDone(await props.run(value.trim())));
  };

  return (
    <form class="card staff-action" onSubmit={go} noValidate aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {action.error && <Alert kind="error">{action.error}</Alert>}
      <Field id={props.id} label={props.label} error={fieldError}>
        {(a) =>
          props.multiline ? (
            <textarea {...a} rows={2} maxLength={2000} required value={value} onInput={(e) => setValue(e.currentTarget.value)} />
          ) : (
            <input {...a} type="text" maxLength={200} required value={value} onInput={(e) => setValue(e.currentTarget.value)} />
          )
        }
      </Field>
      <div class="btn-row">
        <button type="submit" class={`btn ${props.danger ? 'btn-danger' : 'btn-primary'}`} disabled={action.busy}>
          {props.submit}
        </button>
      </div>
    </form>
  );
}
