// "Agréments": the authority's queue of product approvals. Agents and administrators grant
// (number and validity) or refuse (comment); signatories and auditors read.
import { useState } from 'preact/hooks';
import { useAction } from '../action';
import { api } from '../api';
import { useFetch } from '../fetch';
import { formatDate, formatDateTime } from '../form';
import { getLang, t, tDyn } from '../i18n';
import { todayUtc } from '../product';
import { Loaded } from '../table';
import { Alert, Field, Link } from '../ui';
import type { Approval, ApprovalStatus, User } from '../types';
import { ApprovalBadge } from './Products';

const FILTERS: ('' | ApprovalStatus)[] = ['requested', 'granted', 'refused', ''];

export function ApprovalsPage({ user }: { user: User }) {
  const [filter, setFilter] = useState<'' | ApprovalStatus>('requested');
  const [notice, setNotice] = useState<string | null>(null);
  const mayDecide = user.role === 'agent' || user.role === 'admin';
  const list = useFetch(() => api.listApprovals(filter || undefined), [filter]);

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
      <Loaded data={list.data} error={list.error}>
        {({ items }) =>
          items.length === 0 ? (
            <p class="empty">{t('approvals.empty')}</p>
          ) : (
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
                        list.reload();
                      }}
                    />
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

function DecisionForm({ approval, onDone }: { approval: Approval; onDone: (msg: string) => void }) {
  const [number, setNumber] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [comment, setComment] = useState('');
  const action = useAction();
  const { busy, error, errs } = action;
  const p = `d-${approval.id}`;

  const decide = (decision: 'grant' | 'refuse') => {
    if (decision === 'refuse' && !comment.trim()) {
      action.setError(null);
      action.setErrs({ comment: t('approvals.refuse.comment') });
      return;
    }
    action.run(
      async () => {
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
      },
      { conflict: t('approvals.conflict') },
    );
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
