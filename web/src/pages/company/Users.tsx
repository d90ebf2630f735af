// The users of a company (the exporter's own, or any for the administrator): the list, enabling
// and disabling an account, adding a user with an initial password.
import { useState } from 'preact/hooks';
import { useAction } from '../../action';
import { api } from '../../api';
import { useFetch } from '../../fetch';
import { formatDateTime } from '../../form';
import { getLang, t } from '../../i18n';
import { Loaded, Table } from '../../table';
import { Alert, Field } from '../../ui';
import type { Company, CompanyUser, User } from '../../types';

export function Users({ company, user }: { company: Company; user: User }) {
  const list = useFetch(() => api.listCompanyUsers(company.id), [company.id]);
  const [form, setForm] = useState({ email: '', name: '', password: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const lang = getLang();
  const items = list.data?.items ?? [];
  const add = (e: Event) => {
    e.preventDefault();
    setNotice(null);
    action.run(
      async () => {
        const u = await api.addCompanyUser(company.id, { email: form.email.trim(), name: form.name.trim(), password: form.password });
        list.setData({ items: [...items, u] });
        setForm({ email: '', name: '', password: '' });
        setNotice(t('users.added', { email: u.email }));
      },
      { conflict: t('users.email.taken') },
    );
  };
  const toggle = (u: CompanyUser) => {
    setNotice(null);
    action.run(
      async () => {
        const v = await api.setCompanyUserActive(company.id, u.id, !u.active);
        list.setData({ items: items.map((x) => (x.id === v.id ? v : x)) });
        setNotice(v.active ? t('users.enabled', { name: v.name }) : t('users.disabled', { name: v.name }));
      },
      { conflict: t('users.self') },
    );
  };
  const set = (name: keyof typeof form) => (e: { currentTarget: HTMLInputElement }) => setForm({ ...form, [name]: e.currentTarget.value });
  return (
    <section class="card" aria-labelledby="users-title" data-testid="company-users">
      <h2 id="users-title">{t('users.title')}</h2>
      {notice && <Alert kind="success">{notice}</Alert>}
      {action.error && <Alert kind="error">{action.error}</Alert>}
      <Loaded data={list.data} error={list.error}>
        {(r) => (
          <Table<CompanyUser>
            rows={r.items}
            rowKey={(u) => u.id}
            columns={[
              { label: t('users.name'), cell: (u) => u.name },
              { label: t('users.email'), cell: (u) => u.email },
              { label: t('users.state'), cell: (u) => (u.active ? t('users.active') : t('users.inactive')) },
              { label: t('users.created'), cell: (u) => formatDateTime(u.created_at, lang) },
              {
                label: t('col.actions'),
                srOnly: true,
                bare: true,
                cell: (u) =>
                  u.id !== user.id && (
                    <button type="button" class="btn btn-ghost btn-small" disabled={action.busy} onClick={() => toggle(u)}>
                      {u.active ? t('users.disable', { name: u.name }) : t('users.enable', { name: u.name })}
                    </button>
                  ),
              },
            ]}
          />
        )}
      </Loaded>
      <form onSubmit={add} noValidate aria-labelledby="user-add-title">
        <h3 id="user-add-title" class="h-small">
          {t('users.add')}
        </h3>
        <p class="muted small">{t('users.add.hint')}</p>
        <div class="grid">
          <Field id="u-name" label={t('users.name')} error={action.errs['name']}>
            {(a) => <input {...a} type="text" maxLength={200} autoComplete="off" value={form.name} onInput={set('name')} />}
          </Field>
          <Field id="u-email" label={t('users.email')} error={action.errs['email']}>
            {(a) => <input {...a} type="email" maxLength={254} autoComplete="off" value={form.email} onInput={set('email')} />}
          </Field>
          <Field id="u-password" label={t('users.password')} hint={t('users.password.hint')} error={action.errs['password']}>
            {(a) => (
              <input {...a} type="password" minLength={8} maxLength={256} autoComplete="new-password" value={form.password} onInput={set('password')} />
            )}
          </Field>
        </div>
        <div class="btn-row">
          <button type="submit" class="btn btn-primary" disabled={action.busy}>
            {t('users.add.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
