// One company: the exporter sees and edits its own company and manages its users; the staff see
// each company; the administrator sets the status; agents and the administrator grant or revoke
// the approved-exporter status per regime (./ApprovedExporter.tsx).
import { useState } from 'preact/hooks';
import { useAction } from '../../action';
import { api } from '../../api';
import { useFetch } from '../../fetch';
import { t, tDyn } from '../../i18n';
import { Alert, Field, Link, Loading } from '../../ui';
import type { Company, CompanyStatus, User } from '../../types';
import { ApprovedExporter } from './ApprovedExporter';
import { Users } from './Users';

const STATUSES: CompanyStatus[] = ['pending', 'active', 'suspended'];
const PROFILE_FIELDS = ['name', 'nif', 'rccm', 'address', 'sector'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

export function CompanyStatusBadge({ status }: { status: string }) {
  return <span class={`badge badge-company-${status}`}>{tDyn('company.status.', status)}</span>;
}

/** `id` null: the exporter's own company. */
export function CompanyPage({ user, id }: { user: User; id: number | null }) {
  const loaded = useFetch(() => (id === null ? api.myCompany() : api.getCompany(id)), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  const company = loaded.data;
  if (loaded.error) return <Alert kind="error">{loaded.error}</Alert>;
  if (!company) return <Loading />;
  const own = user.role === 'exporter' && user.company?.id === company.id;
  const done = (c: Company | null, msg: string) => {
    if (c) loaded.setData(c);
    setNotice(msg);
    window.scrollTo(0, 0);
  };
  const reload = async (msg: string) => done(own ? await api.myCompany() : await api.getCompany(company.id), msg);

  return (
    <article aria-labelledby="company-title">
      {!own && (
        <p class="breadcrumb">
          <Link href="/companies">← {t('companies.back')}</Link>
        </p>
      )}
      <div class="page-head">
        <h1 id="company-title">
          {own ? t('company.title.own') : company.name} <CompanyStatusBadge status={company.status} />
        </h1>
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {own ? <ProfileForm company={company} onSaved={(c) => done(c, t('company.saved'))} /> : <ProfileView company={company} />}
      {user.role === 'admin' && <StatusForm company={company} onDone={(c) => done(c, t('company.status.saved'))} />}
      <ApprovedExporter company={company} user={user} onChanged={reload} />
      {(own || user.role === 'admin') && <Users company={company} user={user} />}
    </article>
  );
}

function ProfileView({ company }: { company: Company }) {
  return (
    <section class="card" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('company.profile')}</h2>
      <dl class="dl">
        {PROFILE_FIELDS.map((f) => (
          <div class="dl-row">
            <dt>{t(`company.${f}`)}</dt>
            <dd>{company[f] || t('view.none')}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function ProfileForm({ company, onSaved }: { company: Company; onSaved: (c: Company) => void }) {
  const [form, setForm] = useState<Record<ProfileField, string>>(() => ({
    name: company.name,
    nif: company.nif,
    rccm: company.rccm,
    address: company.address,
    sector: company.sector,
  }));
  const action = useAction();
  const hints: Partial<Record<ProfileField, string>> = { nif: t('company.nif.hint'), rccm: t('company.rccm.hint') };
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const input = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, form[f].trim()]));
    action.run(async () => onSaved(await api.updateMyCompany(input)));
  };
  return (
    <form class="card app-form" onSubmit={onSubmit} noValidate aria-labelledby="profile-title">
      <h2 id="profile-title">{t('company.profile')}</h2>
      {action.error && <Alert kind="error">{action.error}</Alert>}
      <div class="grid">
        {PROFILE_FIELDS.map((f) => (
          <Field id={`c-${f}`} label={t(`company.${f}`)} hint={hints[f]} error={action.errs[f]} class={f === 'address' ? 'span-2' : undefined}>
            {(a) => (
              <input
                {...a}
                type="text"
                maxLength={500}
                autoComplete={f === 'name' ? 'organization' : 'off'}
                value={form[f]}
                onInput={(e) => setForm({ ...form, [f]: e.currentTarget.value })}
              />
            )}
          </Field>
        ))}
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy}>
          {action.busy ? t('form.saving') : t('company.save')}
        </button>
      </div>
    </form>
  );
}

function StatusForm({ company, onDone }: { company: Company; onDone: (c: Company) => void }) {
  const [status, setStatus] = useState<CompanyStatus>(company.status);
  const [comment, setComment] = useState('');
  const action = useAction();
  const onSubmit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      onDone(await api.setCompanyStatus(company.id, status, comment.trim()));
      setComment('');
    });
  };
  return (
    <form class="card" onSubmit={onSubmit} noValidate aria-labelledby="status-title">
      <h2 id="status-title">{t('company.status.title')}</h2>
      {action.error && <Alert kind="error">{action.error}</Alert>}
      <div class="grid">
        <Field id="cs-status" label={t('company.status')} error={action.errs['status']}>
          {(a) => (
            <select {...a} value={status} onChange={(e) => setStatus(e.currentTarget.value as CompanyStatus)}>
              {STATUSES.map((s) => (
                <option value={s}>{tDyn('company.status.', s)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="cs-comment" label={t('approval.comment')} error={action.errs['comment']}>
          {(a) => <input {...a} type="text" maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
        </Field>
      </div>
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={action.busy || (status === company.status && !comment.trim())}>
          {t('company.status.set')}
        </button>
      </div>
    </form>
  );
}
