// Company profile: the exporter sees and edits its own company and manages its users; the staff
// see the list of companies and each one; the administrator sets the status; agents and the
// administrator grant or revoke the approved-exporter status per regime.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ApiError, errorMessage, fieldErrors, type FieldErrors } from '../errors';
import { formatDate, formatDateTime } from '../form';
import { getLang, t, tDyn } from '../i18n';
import { APPROVAL_REGIMES, todayUtc } from '../product';
import { Alert, Field, Link, Loading } from '../ui';
import type { Company, CompanyApproval, CompanyStatus, CompanyUser, User } from '../types';

const STATUSES: CompanyStatus[] = ['pending', 'active', 'suspended'];
const PROFILE_FIELDS = ['name', 'nif', 'rccm', 'address', 'sector'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge-company-${status}`}>{tDyn('company.status.', status)}</span>;
}

function activeApprovals(c: Company): CompanyApproval[] {
  return c.approved_exporter.filter((a) => a.valid_today);
}

export function CompaniesPage({ user }: { user: User }) {
  const [items, setItems] = useState<Company[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.listCompanies().then((r) => setItems(r.items), (e) => setError(errorMessage(e)));
  }, [user.id]);
  return (
    <section aria-labelledby="companies-title">
      <div class="page-head">
        <h1 id="companies-title">{t('companies.title')}</h1>
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p class="empty">{t('companies.empty')}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table class="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t('company.name')}</th>
                <th scope="col">{t('company.nif')}</th>
                <th scope="col">{t('company.sector')}</th>
                <th scope="col">{t('company.status')}</th>
                <th scope="col">{t('company.approved')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('company.name')}>
                    <Link href={`/companies/${c.id}`}>{c.name}</Link>
                  </td>
                  <td data-label={t('company.nif')} class="mono">
                    {c.nif}
                  </td>
                  <td data-label={t('company.sector')}>{c.sector || '—'}</td>
                  <td data-label={t('company.status')}>
                    <StatusBadge status={c.status} />
                  </td>
                  <td data-label={t('company.approved')}>
                    {activeApprovals(c).length
                      ? activeApprovals(c)
                          .map((a) => `${tDyn('regime.', a.regime)} (${a.number})`)
                          .join(', ')
                      : '—'}
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

/** `id` null: the exporter's own company. */
export function CompanyPage({ user, id }: { user: User; id: number | null }) {
  const [company, setCompany] = useState<Company | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    (id === null ? api.myCompany() : api.getCompany(id)).then(
      (c) => live && setCompany(c),
      (e) => live && setLoadError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [id]);
  if (loadError) return <Alert kind="error">{loadError}</Alert>;
  if (!company) return <Loading />;
  const own = user.role === 'exporter' && user.company?.id === company.id;
  const done = (c: Company | null, msg: string) => {
    if (c) setCompany(c);
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
          {own ? t('company.title.own') : company.name} <StatusBadge status={company.status} />
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
  const [errs, setErrs] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hints: Partial<Record<ProfileField, string>> = { nif: t('company.nif.hint'), rccm: t('company.rccm.hint') };
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrs({});
    try {
      const input = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, form[f].trim()]));
      onSaved(await api.updateMyCompany(input));
    } catch (err) {
      setError(errorMessage(err));
      setErrs(err instanceof ApiError ? fieldErrors(err.problem) : {});
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card app-form" onSubmit={onSubmit} noValidate aria-labelledby="profile-title">
      <h2 id="profile-title">{t('company.profile')}</h2>
      {error && <Alert kind="error">{error}</Alert>}
      <div class="grid">
        {PROFILE_FIELDS.map((f) => (
          <Field id={`c-${f}`} label={t(`company.${f}`)} hint={hints[f]} error={errs[f]} class={f === 'address' ? 'span-2' : undefined}>
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
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t('form.saving') : t('company.save')}
        </button>
      </div>
    </form>
  );
}

function StatusForm({ company, onDone }: { company: Company; onDone: (c: Company) => void }) {
  const [status, setStatus] = useState<CompanyStatus>(company.status);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [errs, setErrs] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await api.setCompanyStatus(company.id, status, comment.trim()));
      setComment('');
    } catch (err) {
      setError(errorMessage(err));
      setErrs(err instanceof ApiError ? fieldErrors(err.problem) : {});
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={onSubmit} noValidate aria-labelledby="status-title">
      <h2 id="status-title">{t('company.status.title')}</h2>
      {error && <Alert kind="error">{error}</Alert>}
      <div class="grid">
        <Field id="cs-status" label={t('company.status')} error={errs['status']}>
          {(a) => (
            <select {...a} value={status} onChange={(e) => setStatus(e.currentTarget.value as CompanyStatus)}>
              {STATUSES.map((s) => (
                <option value={s}>{tDyn('company.status.', s)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="cs-comment" label={t('approval.comment')} error={errs['comment']}>
          {(a) => <input {...a} type="text" maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
        </Field>
      </div>
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={busy || (status === company.status && !comment.trim())}>
          {t('company.status.set')}
        </button>
      </div>
    </form>
  );
}

function ApprovedExporter({ company, user, onChanged }: { company: Company; user: User; onChanged: (msg: string) => Promise<void> }) {
  const mayGrant = user.role === 'agent' || user.role === 'admin';
  const [form, setForm] = useState({ regime: APPROVAL_REGIMES[0], number: '', valid_from: '', valid_until: '', comment: '' });
  const [revoking, setRevoking] = useState<number | null>(null);
  const [revokeComment, setRevokeComment] = useState('');
  const [errs, setErrs] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = getLang();
  const fail = (err: unknown) => {
    setError(err instanceof ApiError && err.status === 409 ? t('company.approved.conflict') : errorMessage(err));
    setErrs(err instanceof ApiError ? fieldErrors(err.problem) : {});
  };
  const grant = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrs({});
    try {
      const a = await api.grantApprovedExporter(company.id, {
        regime: form.regime,
        number: form.number.trim(),
        valid_until: form.valid_until,
        valid_from: form.valid_from || undefined,
        comment: form.comment.trim() || undefined,
      });
      setForm({ ...form, number: '', valid_from: '', valid_until: '', comment: '' });
      await onChanged(t('company.approved.granted', { number: a.number }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (a: CompanyApproval) => {
    if (!revokeComment.trim()) {
      setErrs({ revoke: t('company.approved.revoke.comment') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.revokeApprovedExporter(company.id, a.id, revokeComment.trim());
      setRevoking(null);
      setRevokeComment('');
      setErrs({});
      await onChanged(t('company.approved.revoked', { number: a.number }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="approved-title" data-testid="approved-exporter">
      <h2 id="approved-title">{t('company.approved')}</h2>
      <p class="muted small">{t('company.approved.hint')}</p>
      {error && <Alert kind="error">{error}</Alert>}
      {company.approved_exporter.length === 0 ? (
        <p class="muted">{t('company.approved.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t('col.regime')}</th>
                <th scope="col">{t('approval.number')}</th>
                <th scope="col">{t('approval.validity')}</th>
                <th scope="col">{t('approval.status')}</th>
                <th scope="col">{t('company.approved.by')}</th>
                {mayGrant && (
                  <th scope="col">
                    <span class="sr-only">{t('col.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {company.approved_exporter.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('col.regime')}>{tDyn('regime.', a.regime)}</td>
                  <td data-label={t('approval.number')} class="mono">
                    {a.number}
                  </td>
                  <td data-label={t('approval.validity')}>
                    {t('approval.valid.range', { from: formatDate(a.valid_from, lang), to: formatDate(a.valid_until, lang) })}
                  </td>
                  <td data-label={t('approval.status')}>
                    {a.status === 'revoked' ? (
                      <span title={a.revoke_comment}>{t('company.approved.status.revoked')}</span>
                    ) : a.valid_today ? (
                      t('company.approved.status.valid')
                    ) : a.valid_until < todayUtc() ? (
                      t('company.approved.status.expired')
                    ) : (
                      t('company.approved.status.future')
                    )}
                  </td>
                  <td data-label={t('company.approved.by')}>
                    {a.granted_by.name} ({tDyn('role.', a.granted_by.role)}), {formatDateTime(a.granted_at, lang)}
                  </td>
                  {mayGrant && (
                    <td>
                      {a.status === 'active' &&
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
                              aria-invalid={errs['revoke'] || errs['comment'] ? 'true' : undefined}
                              onInput={(e) => setRevokeComment(e.currentTarget.value)}
                            />
                            <button type="button" class="btn btn-danger btn-small" disabled={busy} onClick={() => revoke(a)}>
                              {t('company.approved.revoke.confirm')}
                            </button>
                            {(errs['revoke'] || errs['comment']) && <span class="field-error">{errs['revoke'] || errs['comment']}</span>}
                          </span>
                        ) : (
                          <button type="button" class="btn btn-ghost btn-small" onClick={() => setRevoking(a.id)}>
                            {t('company.approved.revoke')}
                          </button>
                        ))}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {t('company.approved.grant.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Users({ company, user }: { company: Company; user: User }) {
  const [items, setItems] = useState<CompanyUser[] | null>(null);
  const [form, setForm] = useState({ email: '', name: '', password: '' });
  const [errs, setErrs] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = getLang();
  useEffect(() => {
    api.listCompanyUsers(company.id).then((r) => setItems(r.items), (e) => setError(errorMessage(e)));
  }, [company.id]);
  const add = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    setErrs({});
    try {
      const u = await api.addCompanyUser(company.id, { email: form.email.trim(), name: form.name.trim(), password: form.password });
      setItems([...(items ?? []), u]);
      setForm({ email: '', name: '', password: '' });
      setNotice(t('users.added', { email: u.email }));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? t('users.email.taken') : errorMessage(err));
      setErrs(err instanceof ApiError ? fieldErrors(err.problem) : {});
    } finally {
      setBusy(false);
    }
  };
  const toggle = async (u: CompanyUser) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const v = await api.setCompanyUserActive(company.id, u.id, !u.active);
      setItems((items ?? []).map((x) => (x.id === v.id ? v : x)));
      setNotice(v.active ? t('users.enabled', { name: v.name }) : t('users.disabled', { name: v.name }));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? t('users.self') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="users-title" data-testid="company-users">
      <h2 id="users-title">{t('users.title')}</h2>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      {!items && !error && <Loading />}
      {items && (
        <div class="table-wrap">
          <table class="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.state')}</th>
                <th scope="col">{t('users.created')}</th>
                <th scope="col">
                  <span class="sr-only">{t('col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id}>
                  <td data-label={t('users.name')}>{u.name}</td>
                  <td data-label={t('users.email')}>{u.email}</td>
                  <td data-label={t('users.state')}>{u.active ? t('users.active') : t('users.inactive')}</td>
                  <td data-label={t('users.created')}>{formatDateTime(u.created_at, lang)}</td>
                  <td>
                    {u.id !== user.id && (
                      <button type="button" class="btn btn-ghost btn-small" disabled={busy} onClick={() => toggle(u)}>
                        {u.active ? t('users.disable', { name: u.name }) : t('users.enable', { name: u.name })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={add} noValidate aria-labelledby="user-add-title">
        <h3 id="user-add-title" class="h-small">
          {t('users.add')}
        </h3>
        <p class="muted small">{t('users.add.hint')}</p>
        <div class="grid">
          <Field id="u-name" label={t('users.name')} error={errs['name']}>
            {(a) => <input {...a} type="text" maxLength={200} autoComplete="off" value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />}
          </Field>
          <Field id="u-email" label={t('users.email')} error={errs['email']}>
            {(a) => <input {...a} type="email" maxLength={254} autoComplete="off" value={form.email} onInput={(e) => setForm({ ...form, email: e.currentTarget.value })} />}
          </Field>
          <Field id="u-password" label={t('users.password')} hint={t('users.password.hint')} error={errs['password']}>
            {(a) => (
              <input {...a} type="password" minLength={8} maxLength={256} autoComplete="new-password" value={form.password} onInput={(e) => setForm({ ...form, password: e.currentTarget.value })} />
            )}
          </Field>
        </div>
        <div class="btn-row">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t('users.add.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
