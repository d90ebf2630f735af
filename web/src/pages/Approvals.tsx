// "Agréments": the authority's queue of product approvals. Agents and administrators grant
// (number and validity) or refuse (comment); signatories and auditors read.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ApiError, errorMessage, fieldErrors, type FieldErrors } from '../errors';
import { formatDate, formatDateTime } from '../form';
import { getLang, t, tDyn } from '../i18n';
import { todayUtc } from '../product';
import { Alert, Field, Link, Loading } from '../ui';
import type { Approval, ApprovalStatus, User } from '../types';
import { ApprovalBadge } from './Products';

const FILTERS: ('' | ApprovalStatus)[] = ['requested', 'granted', 'refused', ''];

export function ApprovalsPage({ user }: { user: User }) {
  const [filter, setFilter] = useState<'' | ApprovalStatus>('requested');
  const [items, setItems] = useState<Approval[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [seq, setSeq] = useState(0);
  const mayDecide = user.role === 'agent' || user.role === 'admin';

  useEffect(() => {
    let live = true;
    setItems(null);
    api.listApprovals(filter || undefined).then(
      (r) => live && setItems(r.items),
      (e) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [filter, seq]);

  const lang = getLang();
  return (
    <section aria-labelledby="approvals-title">
      <div class="page-head">
        <div>
          <h1 id="approvals-title">{t('approvals.title')}</h1>
          <p class="muted">{mayDecide ? t('approvals.intro') : t('approvals.intro.readonly')}</p>
        </div>
      </div>
      <div class="btn-row" role="group" aria-label={t('approvals.filter')}>
        {FILTERS.map((f) => (
          <button
            type="button"
            class={`btn btn-small ${filter === f ? 'btn-primary' : 'btn-ghost'}`}
            aria-pressed={filter === f ? 'true' : 'false'}
            onClick={() => setFilter(f)}
          >
            {f ? tDyn('approval.status.', f) : t('approvals.filter.all')}
          </button>
        ))}
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p class="empty">{t('approvals.empty')}</p>}
      {items && items.length > 0 && (
        <ul class="approval-list">
          {items.map((a) => (
            <li class="card" key={a.id} data-testid={`queue-approval-${a.id}`}>
              <h2 class="approval-title">
                {a.product.name} <span class="mono">({a.product.hs_code})</span> — {tDyn('regime.', a.regime)} <ApprovalBadge a={a} />
              </h2>
              <p class="muted small">
                {t('approvals.company')} :{' '}
                <Link href={`/companies/${a.company.id}`}>{a.company.name}</Link> · {t('approvals.requested_at')}{' '}
                {formatDateTime(a.requested_at, lang)}
                {a.number && (
                  <>
                    {' '}
                    · {t('approval.number')} <span class="mono">{a.number}</span>
                  </>
                )}
                {a.valid_until && (
                  <>
                    {' '}
                    · {t('approval.valid.until', { date: formatDate(a.valid_until, lang) })}
                  </>
                )}
              </p>
              {a.comment && <p class="review-comment-inline">{a.comment}</p>}
              {mayDecide && a.status === 'requested' && (
                <DecisionForm
                  approval={a}
                  onDone={(msg) => {
                    setNotice(msg);
                    setError(null);
                    setSeq(seq + 1);
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DecisionForm({ approval, onDone }: { approval: Approval; onDone: (msg: string) => void }) {
  const [number, setNumber] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [comment, setComment] = useState('');
  const [errs, setErrs] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = `d-${approval.id}`;

  const decide = async (decision: 'grant' | 'refuse') => {
    setBusy(true);
    setError(null);
    setErrs({});
    const local: FieldErrors = {};
    if (decision === 'refuse' && !comment.trim()) local['comment'] = t('approvals.refuse.comment');
    if (Object.keys(local).length) {
      setErrs(local);
      setBusy(false);
      return;
    }
    try {
      const a = await api.decideApproval(
        approval.id,
        decision === 'grant'
          ? { decision, number: number.trim(), valid_until: validUntil, comment: comment.trim() || undefined }
          : { decision, comment: comment.trim() },
      );
      onDone(
        decision === 'grant'
          ? t('approvals.granted', { product: a.product.name, number: a.number ?? '' })
          : t('approvals.refused', { product: a.product.name }),
      );
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? t('approvals.conflict') : errorMessage(e));
      setErrs(e instanceof ApiError ? fieldErrors(e.problem) : {});
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="decision" onSubmit={(e) => (e.preventDefault(), decide('grant'))} noValidate>
      {error && <Alert kind="error">{error}</Alert>}
      <div class="grid">
        <Field id={`${p}-number`} label={t('approval.number')} error={errs['number']}>
          {(a) => <input {...a} type="text" maxLength={50} value={number} onInput={(e) => setNumber(e.currentTarget.value)} />}
        </Field>
        <Field id={`${p}-valid_until`} label={t('approval.valid_until')} error={errs['valid_until']}>
          {(a) => <input {...a} type="date" min={todayUtc()} value={validUntil} onInput={(e) => setValidUntil(e.currentTarget.value)} />}
        </Field>
        <Field id={`${p}-comment`} class="span-2" label={t('approval.comment')} hint={t('approvals.comment.hint')} error={errs['comment']}>
          {(a) => <textarea {...a} rows={2} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
        </Field>
      </div>
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('approvals.grant')}
        </button>
        <button type="button" class="btn btn-danger" disabled={busy} onClick={() => decide('refuse')}>
          {t('approvals.refuse')}
        </button>
      </div>
    </form>
  );
}
