import { useState } from 'preact/hooks';
import { api } from '../api';
import { ApiError, errorMessage } from '../errors';
import { t, tDyn } from '../i18n';
import { navigate } from '../router';
import { Alert, Field, Link } from '../ui';
import type { User } from '../types';

// Demo accounts created by `origine serve --demo` (docs/formats/api.md). Shown as text only.
const DEMO_ACCOUNTS: [string, string][] = [
  ['exportateur@demo.ml', 'exporter'],
  ['exportateur2@demo.ml', 'exporter2'],
  ['agent@demo.ml', 'agent'],
  ['signataire@demo.ml', 'signatory'],
  ['admin@demo.ml', 'admin'],
];

export function LoginPage(props: { user: User | null; onLogin: (u: User) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (props.user) {
    // Already signed in.
    queueMicrotask(() => navigate('/', { replace: true }));
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await api.login(email.trim(), password);
      props.onLogin(s.user);
    } catch (err) {
      setError(err instanceof ApiError && (err.status === 401 || err.status === 422) ? t('login.failed') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login-wrap">
      <section class="card login-card" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p class="muted">{t('login.intro')}</p>
        {error && <Alert kind="error">{error}</Alert>}
        <form onSubmit={submit} noValidate>
          <Field id="login-email" label={t('login.email')}>
            {(a) => (
              <input
                {...a}
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field id="login-password" label={t('login.password')}>
            {(a) => (
              <input
                {...a}
                type="password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
            {busy ? t('login.busy') : t('login.submit')}
          </button>
        </form>
      </section>
      <aside class="card demo-hint" aria-labelledby="demo-title">
        <h2 id="demo-title">{t('login.demo.title')}</h2>
        <p>{t('login.demo.password', { password: 'origine-demo' })}</p>
        <ul class="demo-list">
          {DEMO_ACCOUNTS.map(([email, role]) => (
            <li>
              <span class="mono">{email}</span> — {role === 'exporter2' ? t('login.demo.exporter2') : tDyn('role.', role)}
            </li>
          ))}
        </ul>
        <p class="muted">
          {t('login.verify')} <Link href="/verify">{t('nav.verify')}</Link>
        </p>
      </aside>
    </div>
  );
}
