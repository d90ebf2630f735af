// One application: create or edit it (exporter), follow its steps, pay its fee, review and sign it
// (staff), see the certificate once issued. The form itself is ApplicationForm.tsx; the read-only
// summary and history ApplicationView.tsx.
import { useEffect, useState } from 'preact/hooks';
import { useAction } from '../../action';
import { api } from '../../api';
import { CertificatePanel } from '../../certificate/CertificatePanel';
import { ApiError, errorMessage, fieldErrors, splitFieldErrors, type FieldErrors } from '../../errors';
import { useFetch } from '../../fetch';
import {
  applicationToForm,
  emptyForm,
  emptyLine,
  formatDateTime,
  formToInput,
  isBlankLine,
  isFormPath,
  type ApplicationForm as Form,
} from '../../form';
import { getLang, t } from '../../i18n';
import { ReviewActions } from '../../review';
import { navigate } from '../../router';
import { Alert, Link, Loading, StatusBadge } from '../../ui';
import type { Application, Status, User } from '../../types';
import { FeeNotice, PaymentPanel } from '../Payment';
import { ApplicationForm } from './ApplicationForm';
import { History, ReadOnlyView } from './ApplicationView';
import { StatusSteps } from './StatusSteps';

// Messages carried over a navigation (new application → /applications/:id).
let flash: { id: number; notice?: string; error?: string; fields?: FieldErrors } | null = null;

export function ApplicationPage({ user, id }: { user: User; id: number | null }) {
  const [form, setForm] = useState<Form | null>(id === null ? emptyForm() : null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const { busy, error, errs } = action;
  const isExporter = user.role === 'exporter';

  useEffect(() => {
    if (flash && flash.id === id) {
      setNotice(flash.notice ?? null);
      action.setError(flash.error ?? null);
      action.setErrs(flash.fields ?? {});
      flash = null;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per application shown
  }, [id]);
  const loaded = useFetch(() => (id === null ? null : api.getApplication(id)), [id], {
    onData: (a) => setForm(applicationToForm(a)),
  });
  const app = loaded.data;
  /** A new state of the application from the server: shown, and the form follows it. */
  const show = (a: Application, msg?: string) => {
    loaded.setData(a);
    setForm(applicationToForm(a));
    if (msg) setNotice(msg);
  };

  if (loaded.error) return <Alert kind="error">{loaded.error}</Alert>;
  if (!form) return <Loading />;

  const status: Status = app?.status ?? 'draft';
  const editable = isExporter && (status === 'draft' || status === 'returned');
  const lang = getLang();
  const { other } = splitFieldErrors(errs, isFormPath);

  /** Save (create or update); blank goods lines are dropped so that error indexes match the form. */
  const save = async (): Promise<Application> => {
    const kept = form.goods.filter((g) => !isBlankLine(g));
    const cleaned = { ...form, goods: kept.length ? kept : [emptyLine()] };
    setForm(cleaned);
    const input = formToInput(cleaned);
    return app ? api.updateApplication(app.id, input) : api.createApplication(input);
  };

  const onSave = async () => {
    const ok = await action.run(async () => {
      const a = await save();
      if (!app) {
        flash = { id: a.id, notice: t('form.saved') };
        navigate(`/applications/${a.id}`, { replace: true });
        return;
      }
      loaded.setData(a);
      setNotice(t('form.saved'));
    });
    if (!ok) setNotice(null);
  };

  const onSubmit = async (e?: Event) => {
    e?.preventDefault();
    let saved: Application | null = null;
    const ok = await action.run(async () => {
      try {
        saved = await save();
        const a = await api.submit(saved.id);
        if (!app) {
          flash = { id: a.id, notice: t('form.submitted') };
          navigate(`/applications/${a.id}`, { replace: true });
          return;
        }
        show(a, t('form.submitted'));
        window.scrollTo(0, 0);
      } catch (err) {
        if (saved && !app) {
          // Created but not submitted: go to its page and show why.
          flash = { id: saved.id, error: errorMessage(err), fields: err instanceof ApiError ? fieldErrors(err.problem) : {} };
          navigate(`/applications/${saved.id}`, { replace: true });
          return;
        }
        if (saved) loaded.setData(saved);
        throw err;
      }
    });
    if (!ok) setNotice(null);
  };

  const title = app ? t('form.title.edit', { id: app.id }) : t('form.title.new');

  return (
    <article aria-labelledby="app-title" class="application">
      <p class="breadcrumb">
        <Link href="/">← {t('view.back')}</Link>
      </p>
      <div class="page-head">
        <div>
          <h1 id="app-title">
            {title} {app && <StatusBadge status={status} />}
          </h1>
          {app && (
            <p class="muted small">
              {t('view.company')} : {app.company?.name} · {t('view.created')} {formatDateTime(app.created_at, lang)} ·{' '}
              {t('view.updated')} {formatDateTime(app.updated_at, lang)}
            </p>
          )}
        </div>
      </div>

      {notice && <Alert kind="success">{notice}</Alert>}
      {error && (
        <Alert kind="error">
          {error}
          {Object.keys(other).length > 0 && (
            <>
              <p>{t('error.field.other')}</p>
              <ul>
                {Object.entries(other).map(([k, v]) => (
                  <li>
                    <code>{k}</code> : {v}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Alert>
      )}

      {app && <StatusSteps app={app} />}

      {app && status === 'returned' && app.review_comment && (
        <Alert kind="warning" title={t('view.returned.title')}>
          <p>{t('view.returned.text')}</p>
          <blockquote class="review-comment" data-testid="review-comment">
            {app.review_comment}
          </blockquote>
        </Alert>
      )}
      {app && status !== 'returned' && app.review_comment && (
        <Alert kind="info">
          {t('view.comment')} <span class="review-comment-inline">{app.review_comment}</span>
        </Alert>
      )}

      {app && app.predecessor && (app.kind === 'amendment' || app.kind === 'duplicate') && (
        <Alert kind="info">
          <span data-testid="predecessor">
            {t(app.kind === 'amendment' ? 'cert.predecessor.amendment' : 'cert.predecessor.duplicate', { number: app.predecessor })}
          </span>
        </Alert>
      )}
      {app && status === 'issued' && app.certificate_number && (
        <CertificatePanel number={app.certificate_number} user={user} />
      )}

      {app && editable && <FeeNotice app={app} />}
      {app && isExporter && (status === 'awaiting_payment' || (app.payment?.intents?.length ?? 0) > 0) && (
        <PaymentPanel
          app={app}
          returned={status === 'awaiting_payment' ? new URLSearchParams(location.search).get('payment') : null}
          onPaid={() => {
            api.getApplication(app.id).then((a) => show(a, t('payment.paid')), () => undefined);
          }}
        />
      )}

      {app && (user.role === 'agent' || user.role === 'signatory') && (
        <div class="card actions-card">
          <ReviewActions
            user={user}
            id={app.id}
            status={status}
            onDone={(a, msg) => {
              show(a, msg);
              action.setError(null);
              window.scrollTo(0, 0);
            }}
          />
        </div>
      )}

      {editable ? (
        <ApplicationForm
          form={form}
          setForm={setForm}
          errs={errs}
          setErrs={action.setErrs}
          busy={busy}
          onSave={onSave}
          onSubmit={onSubmit}
        />
      ) : (
        app && <ReadOnlyView app={app} />
      )}

      {app && <History app={app} />}
    </article>
  );
}
