// The approved-exporter status of a company, per regime: the list for everyone who sees the
// company; agents and the administrator grant a status or revoke one (with a reason).
import { useState } from 'preact/hooks';
import { useAction } from '../../action';
import { api } from '../../api';
import { formatDate, formatDateTime } from '../../form';
import { getLang, t, tDyn } from '../../i18n';
import { APPROVAL_REGIMES, todayUtc } from '../../product';
import { Table } from '../../table';
import { Alert, Field } from '../../ui';
import type { Company, CompanyApproval, User } from '../../types';

function approvalState(a: CompanyApproval): string {
  if (a.valid_today) return t('company.approved.status.valid');
  return a.valid_until < todayUtc() ? t('company.approved.status.expired') : t('company.approved.status.future');
}

export function ApprovedExporter({ company, user, onChanged }: { company: Company; user: User; onChanged: (msg: string) => Promise<void> }) {
  const mayGrant = user.role === 'agent' || user.role === 'admin';
  const [form, setForm] = useState({ regime: APPROVAL_REGIMES[0], number: '', valid_from: '', valid_until: '', comment: '' });
  const [revoking, setRevoking] = useState<number | null>(null);
  const [revokeComment, setRevokeComment] = useState('');
  const action = useAction();
  const errs = action.errs;
  const lang = getLang();
  const conflict = t('company.approved.conflict');
  const grant = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const a = await api.grantApprovedExporter(company.id, {
        regime: form.regime,
        number: form.number.trim(),
        valid_until: form.valid_until,
        valid_from: form.valid_from || undefined,
        comment: form.comment.trim() || undefined,
      });
      setForm({ ...form, number: '', valid_from: '', valid_until: '', comment: '' });
      await onChanged(t('company.approved.granted', { number: a.number }));
    }, { conflict });
  };
  const revoke = (a: CompanyApproval) => {
    if (!revokeComment.trim()) {
      action.setErrs({ revoke: t('company.approved.revoke.comment') });
      return;
    }
    action.run(async () => {
      await api.revokeApprovedExporter(company.id, a.id, revokeComment.trim());
      setRevoking(null);
      setRevokeComment('');
      await onChanged(t('company.approved.revoked', { number: a.number }));
    }, { conflict });
  };
  const revokeError = errs['revoke'] || errs['comment'];
  return (
    <section class="card" aria-labelledby="approved-title" data-testid="approved-exporter">
      <h2 id="approved-title">{t('company.approved')}</h2>
      <p class="muted small">{t('company.approved.hint')}</p>
      {action.error && <Alert kind="error">{action.error}</Alert>}
      <Table<CompanyApproval>
        rows={company.approved_exporter}
        rowKey={(a) => a.id}
        empty={<p class="muted">{t('company.approved.empty')}</p>}
        columns={[
          { label: t('col.regime'), cell: (a) => tDyn('regime.', a.regime) },
          { label: t('approval.number'), class: 'mono', cell: (a) => a.number },
          {
            label: t('approval.validity'),
            cell: (a) => t('approval.valid.range', { from: formatDate(a.valid_from, lang), to: formatDate(a.valid_until, lang) }),
          },
          {
            label: t('approval.status'),
            cell: (a) =>
              a.status === 'revoked' ? <span title={a.revoke_comment}>{t('company.approved.status.revoked')}</span> : approvalState(a),
          },
          {
            label: t('company.approved.by'),
            cell: (a) => (
              <>
                {a.granted_by.name} ({tDyn('role.', a.granted_by.role)}), {formatDateTime(a.granted_at, lang)}
              </>
            ),
          },
          mayGrant && {
            label: t('col.actions'),
            srOnly: true,
            bare: true,
            cell: (a) =>
              a.status === 'active' &&
              (revoking === a.id ? (
                <span class="btn-row">
                  <label class="sr-only" for={`rv-${a.id}`}>
                    {t('company.approved.revoke.reason')}
                  </label>
                  <input
                    id={`rv-${a.id}`}
                    type="text"
                    placeholder={t('company.approved.revoke.reason')}
                    value={revokeComment}
                    aria-invalid={revokeError ? 'true' : undefined}
                    onInput={(e) => setRevokeComment(e.currentTarget.value)}
                  />
                  <button type="button" class="btn btn-danger btn-small" disabled={action.busy} onClick={() => revoke(a)}>
                    {t('company.approved.revoke.confirm')}
                  </button>
                  {revokeError && <span class="field-error">{revokeError}</span>}
                </span>
              ) : (
                <button type="button" class="btn btn-ghost btn-small" onClick={() => setRevoking(a.id)}>
                  {t('company.approved.revoke')}
                </button>
              )),
          },
        ]}
      />
      {mayGrant && (
        <form onSubmit={grant} noValidate aria-labelledby="grant-title">
          <h3 id="grant-title" class="h-small">
            {t('company.approved.grant')}
          </h3>
          <div class="grid">
            <Field id="ae-regime" label={t('col.regime')} error={errs['regime']}>
              {(a) => (
                <select {...a} value={form.regime} onChange={(e) => setForm({ ...form, regime: e.currentTarget.value })}>
                  {APPROVAL_REGIMES.map((r) => (
                    <option value={r}>{tDyn('regime.', r)}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="ae-number" label={t('approval.number')} error={errs['number']}>
              {(a) => <input {...a} type="text" maxLength={50} value={form.number} onInput={(e) => setForm({ ...form, number: e.currentTarget.value })} />}
            </Field>
            <Field id="ae-valid_from" label={t('approval.valid_from')} hint={t('approval.valid_from.hint')} error={errs['valid_from']}>
              {(a) => <input {...a} type="date" value={form.valid_from} onInput={(e) => setForm({ ...form, valid_from: e.currentTarget.value })} />}
            </Field>
            <Field id="ae-valid_until" label={t('approval.valid_until')} error={errs['valid_until']}>
              {(a) => <input {...a} type="date" value={form.valid_until} onInput={(e) => setForm({ ...form, valid_until: e.currentTarget.value })} />}
            </Field>
            <Field id="ae-comment" class="span-2" label={t('approval.comment')} error={errs['comment']}>
              {(a) => <input {...a} type="text" maxLength={2000} value={form.comment} onInput={(e) => setForm({ ...form, comment: e.currentTarget.value })} />}
            </Field>
          </div>
          <div class="btn-row">
            <button type="submit" class="btn btn-primary" disabled={action.busy}>
              {t('company.approved.grant.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
