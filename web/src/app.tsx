import { useEffect, useState } from 'preact/hooks';
import { api, setUnauthenticatedHandler } from './api';
import { setLang, t, tDyn, type Lang } from './i18n';
import { matchRoute, navigate, useLocation } from './router';
import { Link, Loading } from './ui';
import type { User } from './types';
import { LoginPage } from './pages/Login';
import { DashboardPage } from './pages/Dashboard';
import { ApplicationPage } from './pages/application/ApplicationPage';
import { CertificatesPage } from './pages/Certificates';
import { VerifyPage } from './pages/Verify';
import { ProductPage, ProductsPage } from './pages/Products';
import { ApprovalsPage } from './pages/Approvals';
import { CompaniesPage } from './pages/company/CompaniesPage';
import { CompanyPage } from './pages/company/CompanyPage';
import { loadCountries } from './countries';
import { mayOpen, staffPageOf, type StaffPage } from './staff/access';
import { StaffPages } from './staff/lazy';

const LANG_KEY = 'origine.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

export function App() {
  const loc = useLocation();
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    setLang(l);
    return l;
  });
  const [user, setUser] = useState<User | null>(null);
  const [checked, setChecked] = useState(false);
  const [, setCountriesLoaded] = useState(false);

  useEffect(() => {
    // Country names come from the server's iso-codes registry; re-render once they are here.
    loadCountries().then(() => setCountriesLoaded(true));
    setUnauthenticatedHandler(() => {
      setUser(null);
      if (location.pathname !== '/login' && location.pathname !== '/verify') {
        navigate('/login?next=' + encodeURIComponent(location.pathname + location.search), { replace: true });
      }
    });
    api
      .me()
      .then((s) => setUser(s.user))
      .catch(() => setUser(null))
      .finally(() => setChecked(true));
  }, []);

  const toggleLang = () => {
    const next: Lang = lang === 'fr' ? 'en' : 'fr';
    setLang(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      /* private mode */
    }
    setLangState(next);
  };

  const logout = async () => {
    try {
      await api.logout();
    } catch {
      /* the session is gone either way */
    }
    setUser(null);
    navigate('/login', { replace: true });
  };

  const path = loc.path.replace(/\/+$/, '') || '/';
  const isPublic = path === '/verify' || path === '/login';

  // Redirects once the session is known.
  useEffect(() => {
    if (!checked) return;
    if (!user && !isPublic) navigate('/login?next=' + encodeURIComponent(loc.path + location.search), { replace: true });
  }, [checked, user, path, isPublic, loc.path]);

  let page;
  if (!checked && !isPublic) page = <Loading />;
  else if (path === '/verify') page = <VerifyPage query={loc.query} lang={lang} />;
  else if (path === '/login')
    page = (
      <LoginPage
        user={user}
        onLogin={(u) => {
          setUser(u);
          const next = loc.query.get('next');
          navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
        }}
      />
    );
  else if (!user) page = <Loading />;
  else if (path === '/') page = <DashboardPage user={user} seq={loc.seq} />;
  else if (path === '/certificates') page = <CertificatesPage />;
  else if (path === '/applications/new') page = <ApplicationPage user={user} id={null} key="new" />;
  else if (path === '/products') page = <ProductsPage user={user} />;
  else if (path === '/products/new') page = <ProductPage user={user} id={null} key="new" />;
  else if (path === '/approvals') page = <ApprovalsPage user={user} />;
  else if (path === '/company') page = <CompanyPage user={user} id={null} key="own" />;
  else if (path === '/companies') page = <CompaniesPage />;
  else if (staffPageOf(path)) {
    // The money pages: checked here (the API would answer 403), then loaded on demand.
    page = mayOpen(user.role, staffPageOf(path) as StaffPage) ? (
      <StaffPages user={user} path={path} query={loc.query} />
    ) : (
      <div class="alert alert-error" role="alert" data-testid="access-denied">
        <strong class="alert-title">{t('error.access_denied.title')}</strong>
        <div>{t('error.access_denied')}</div>
      </div>
    );
  } else {
    const m = matchRoute('/applications/:id', path);
    const p = matchRoute('/products/:id', path);
    const c = matchRoute('/companies/:id', path);
    if (m && /^\d+$/.test(m.id)) page = <ApplicationPage user={user} id={Number(m.id)} key={m.id} />;
    else if (p && /^\d+$/.test(p.id)) page = <ProductPage user={user} id={Number(p.id)} key={p.id} />;
    else if (c && /^\d+$/.test(c.id)) page = <CompanyPage user={user} id={Number(c.id)} key={c.id} />;
    else page = <p class="alert alert-info">{t('error.notfound.page')}</p>;
  }

  const cur = (p: string) => (path === p ? ('page' as const) : undefined);

  return (
    <div class="layout">
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <Link href={user ? '/' : '/verify'} class="brand">
            <span class="brand-mark" aria-hidden="true">
              CO
            </span>
            <span class="brand-text">
              <span class="brand-name">{t('app.name')}</span>
              <span class="brand-tag">{t('app.tagline')}</span>
            </span>
          </Link>
          <button type="button" class="lang-toggle" onClick={toggleLang} aria-label={t('nav.lang.label')} lang={lang === 'fr' ? 'en' : 'fr'}>
            {t('nav.lang')}
          </button>
        </div>
        <nav class="mainnav" aria-label={t('nav.main')}>
          <div class="mainnav-inner">
            <ul>
              {user && (
                <li>
                  <Link href="/" aria-current={cur('/')}>
                    {t('nav.dashboard')}
                  </Link>
                </li>
              )}
              {user && (
                <li>
                  <Link href="/certificates" aria-current={cur('/certificates')}>
                    {t('nav.certificates')}
                  </Link>
                </li>
              )}
              {user?.role === 'exporter' && (
                <li>
                  <Link href="/products" aria-current={cur('/products')}>
                    {t('nav.products')}
                  </Link>
                </li>
              )}
              {user?.role === 'exporter' && (
                <li>
                  <Link href="/company" aria-current={cur('/company')}>
                    {t('nav.company')}
                  </Link>
                </li>
              )}
              {user && user.role !== 'exporter' && (
                <li>
                  <Link href="/approvals" aria-current={cur('/approvals')}>
                    {t('nav.approvals')}
                  </Link>
                </li>
              )}
              {user && user.role !== 'exporter' && (
                <li>
                  <Link href="/companies" aria-current={cur('/companies')}>
                    {t('nav.companies')}
                  </Link>
                </li>
              )}
              {user && mayOpen(user.role, 'payments') && (
                <li>
                  {/* One entry for the money pages; they have their own tabs. */}
                  <Link href="/payments" aria-current={staffPageOf(path) ? 'page' : undefined}>
                    {mayOpen(user.role, 'ledger') ? t('nav.finance') : t('nav.payments')}
                  </Link>
                </li>
              )}
              <li>
                <Link href="/verify" aria-current={cur('/verify')}>
                  <span class="label-long">{t('nav.verify')}</span>
                  <span class="label-short">{t('nav.verify.short')}</span>
                </Link>
              </li>
            </ul>
            <div class="userbox">
              {user ? (
                <>
                  <span class="user-name" data-testid="user-name">
                    {user.name}
                  </span>
                  <span class="user-role">
                    {tDyn('role.', user.role)}
                    {user.company ? ` — ${user.company.name}` : ''}
                  </span>
                  <button type="button" class="btn btn-small btn-ghost" onClick={logout}>
                    {t('nav.logout')}
                  </button>
                </>
              ) : (
                path !== '/login' && (
                  <Link href="/login" class="btn btn-small btn-ghost">
                    {t('nav.login')}
                  </Link>
                )
              )}
            </div>
          </div>
        </nav>
      </header>
      <main id="main" class="content" tabIndex={-1}>
        {page}
      </main>
      <footer class="footer">{t('app.footer')}</footer>
    </div>
  );
}
