import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { countryName } from '../countries';
import { ApiError, errorMessage, fieldErrors, splitFieldErrors, type FieldErrors } from '../errors';
import {
  MAX_GOODS_LINES,
  REGIMES,
  TRANSPORT_MODES,
  UNITS,
  FIELD_PATHS,
  applicationToForm,
  computeTotals,
  emptyForm,
  emptyLine,
  formToInput,
  formatDate,
  formatDateTime,
  formatDecimal,
  isBlankLine,
  isFormPath,
  type ApplicationForm,
  type GoodsField,
  type GoodsLineForm,
} from '../form';
import { getLang, t, tDyn, type MessageKey } from '../i18n';
import { explanation, evaluationKey, outcomeClass, verdictsByFormLine } from '../origin';
import { HsDatalist, useHsSuggestions } from '../hs';
import { CountryOptions, FactsEditor } from '../costs';
import { emptyFacts, formatAttributes, type OriginFactsForm } from '../product';
import { ReviewActions } from '../review';
import { navigate } from '../router';
import { FeeNotice, PaymentPanel } from './Payment';
import { Alert, Field, Link, Loading, StatusBadge } from '../ui';
import { CertificatePanel } from '../certificate/CertificatePanel';
import type { Application, OriginVerdict, Product, Status, User } from '../types';

// Messages carried over a navigation (new application → /applications/:id).
let flash: { id: number; notice?: string; error?: string; fields?: FieldErrors } | null = null;

type ScalarField = keyof typeof FIELD_PATHS;

export function ApplicationPage({ user, id }: { user: User; id: number | null }) {
  const [app, setApp] = useState<Application | null>(null);
  const [form, setForm] = useState<ApplicationForm | null>(id === null ? emptyForm() : null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errs, setErrs] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [origin, setOrigin] = useState<OriginVerdict[] | null>(null);
  const [products, setProducts] = useState<Product[]>([]);
  const hs = useHsSuggestions();
  const isExporter = user.role === 'exporter';

  // The exporter's product registry (for the product of each line).
  useEffect(() => {
    if (!isExporter) return;
    api.listProducts().then((r) => setProducts(r.items), () => setProducts([]));
  }, [isExporter]);

  // Live origin verdict: evaluate the form (debounced) while the exporter edits it.
  const evalInput = form && isExporter && form.regime ? formToInput(form) : null;
  const evalKey = evalInput ? evaluationKey(evalInput) : '';
  useEffect(() => {
    if (!evalInput) return;
    let live = true;
    const timer = setTimeout(() => {
      api.evaluate(evalInput).then(
        (r) => live && setOrigin(r.origin),
        () => live && setOrigin(null),
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [evalKey]);

  useEffect(() => {
    if (flash && flash.id === id) {
      setNotice(flash.notice ?? null);
      setError(flash.error ?? null);
      setErrs(flash.fields ?? {});
      flash = null;
    }
    if (id === null) return;
    let live = true;
    api
      .getApplication(id)
      .then((a) => {
        if (!live) return;
        setApp(a);
        setForm(applicationToForm(a));
      })
      .catch((e) => live && setLoadError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [id]);

  if (loadError) return <Alert kind="error">{loadError}</Alert>;
  if (!form) return <Loading />;

  const status: Status = app?.status ?? 'draft';
  const editable = user.role === 'exporter' && (status === 'draft' || status === 'returned');
  const lang = getLang();

  const { known, other } = splitFieldErrors(errs, isFormPath);

  const setField = (name: ScalarField, value: string) => setForm({ ...form, [name]: value });
  const setLine = (index: number, name: GoodsField, value: string) => {
    const goods = form.goods.map((g, i) => (i === index ? { ...g, [name]: value } : g));
    setForm({ ...form, goods });
    if (name === 'hs_code') hs.suggest(value);
  };
  const setProduct = (index: number, productId: string) => {
    const p = products.find((x) => String(x.id) === productId);
    const goods = form.goods.map((g, i) =>
      i === index ? { ...g, product_id: productId, hs_code: g.hs_code || p?.hs_code || '', description: g.description || p?.name || '' } : g,
    );
    setForm({ ...form, goods });
  };
  const setFacts = (index: number, facts: OriginFactsForm | null) => {
    setForm({ ...form, goods: form.goods.map((g, i) => (i === index ? { ...g, facts } : g)) });
  };
  const addLine = () => {
    if (form.goods.length >= MAX_GOODS_LINES) return;
    setForm({ ...form, goods: [...form.goods, emptyLine()] });
    queueMicrotask(() => document.getElementById(`g-${form.goods.length}-hs_code`)?.focus());
  };
  const removeLine = (index: number) => {
    const goods = form.goods.filter((_, i) => i !== index);
    setForm({ ...form, goods: goods.length ? goods : [emptyLine()] });
    setErrs({});
  };

  /** Save (create or update); blank goods lines are dropped so that error indexes match the form. */
  const save = async (): Promise<Application | null> => {
    const kept = form.goods.filter((g) => !isBlankLine(g));
    const cleaned = { ...form, goods: kept.length ? kept : [emptyLine()] };
    setForm(cleaned);
    const input = formToInput(cleaned);
    return app ? api.updateApplication(app.id, input) : api.createApplication(input);
  };

  const showError = (err: unknown) => {
    setNotice(null);
    setError(errorMessage(err));
    setErrs(err instanceof ApiError ? fieldErrors(err.problem) : {});
  };

  const onSave = async () => {
    setBusy(true);
    setError(null);
    setErrs({});
    try {
      const a = await save();
      if (!a) return;
      if (!app) {
        flash = { id: a.id, notice: t('form.saved') };
        navigate(`/applications/${a.id}`, { replace: true });
        return;
      }
      setApp(a);
      setNotice(t('form.saved'));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = async (e?: Event) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    setErrs({});
    let saved: Application | null = null;
    try {
      saved = await save();
      if (!saved) return;
      const a = await api.submit(saved.id);
      if (!app) {
        flash = { id: a.id, notice: t('form.submitted') };
        navigate(`/applications/${a.id}`, { replace: true });
        return;
      }
      setApp(a);
      setForm(applicationToForm(a));
      setNotice(t('form.submitted'));
      window.scrollTo(0, 0);
    } catch (err) {
      if (saved && !app) {
        // Created but not submitted: go to its page and show why.
        flash = {
          id: saved.id,
          error: errorMessage(err),
          fields: err instanceof ApiError ? fieldErrors(err.problem) : {},
        };
        navigate(`/applications/${saved.id}`, { replace: true });
        return;
      }
      if (saved) setApp(saved);
      showError(err);
    } finally {
      setBusy(false);
    }
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
            api.getApplication(app.id).then((a) => {
              setApp(a);
              setForm(applicationToForm(a));
              setNotice(t('payment.paid'));
            }, () => undefined);
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
              setApp(a);
              setForm(applicationToForm(a));
              setNotice(msg);
              setError(null);
              window.scrollTo(0, 0);
            }}
          />
        </div>
      )}

      {editable ? (
        <form class="app-form" onSubmit={onSubmit} noValidate>
          <p class="muted small">{t('form.required')}</p>
          <fieldset class="card">
            <legend>{t('form.section.regime')}</legend>
            <div class="grid">
              <Field id="f-regime" label={t('form.regime')} error={known[FIELD_PATHS.regime]}>
                {(a) => (
                  <select {...a} value={form.regime} onChange={(e) => setField('regime', e.currentTarget.value)}>
                    <option value="">{t('form.regime.choose')}</option>
                    {REGIMES.map((r) => (
                      <option value={r}>{tDyn('regime.', r)}</option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </fieldset>

          <fieldset class="card">
            <legend>{t('form.section.consignee')}</legend>
            <div class="grid">
              <TextField form={form} name="consignee_name" label="form.consignee.name" errs={known} set={setField} autoComplete="organization" />
              <CountrySelect form={form} name="consignee_country" label="form.consignee.country" errs={known} set={setField} />
              <Field id="f-consignee_address" class="span-2" label={t('form.consignee.address')} error={known[FIELD_PATHS.consignee_address]}>
                {(a) => (
                  <textarea {...a} rows={2} value={form.consignee_address} onInput={(e) => setField('consignee_address', e.currentTarget.value)} />
                )}
              </Field>
            </div>
          </fieldset>

          <fieldset class="card">
            <legend>{t('form.section.countries')}</legend>
            <div class="grid">
              <CountrySelect form={form} name="origin_country" label="form.origin" errs={known} set={setField} />
              <CountrySelect form={form} name="destination_country" label="form.destination" errs={known} set={setField} />
            </div>
          </fieldset>

          <fieldset class="card">
            <legend>{t('form.section.transport')}</legend>
            <div class="grid">
              <Field id="f-transport_mode" label={t('form.transport.mode')} error={known[FIELD_PATHS.transport_mode]}>
                {(a) => (
                  <select {...a} value={form.transport_mode} onChange={(e) => setField('transport_mode', e.currentTarget.value)}>
                    <option value="">{t('form.regime.choose')}</option>
                    {TRANSPORT_MODES.map((m) => (
                      <option value={m}>{tDyn('transport.', m)}</option>
                    ))}
                  </select>
                )}
              </Field>
              <TextField form={form} name="transport_details" label="form.transport.details" hint="form.transport.details.hint" errs={known} set={setField} />
            </div>
          </fieldset>

          <fieldset class="card">
            <legend>{t('form.section.invoice')}</legend>
            <div class="grid">
              <TextField form={form} name="invoice_number" label="form.invoice.number" errs={known} set={setField} />
              <TextField form={form} name="invoice_date" label="form.invoice.date" type="date" errs={known} set={setField} />
            </div>
          </fieldset>

          <fieldset class="card">
            <legend>{t('form.section.goods')}</legend>
            {known['goods'] && <p class="field-error">{known['goods']}</p>}
            <GoodsEditor goods={form.goods} errs={known} setLine={setLine} removeLine={removeLine} />
            <HsDatalist id="hs-suggestions" hits={hs.hits} />
            <div class="btn-row">
              <button type="button" class="btn btn-secondary" onClick={addLine} disabled={form.goods.length >= MAX_GOODS_LINES}>
                + {t('form.goods.add')}
              </button>
              {form.goods.length >= MAX_GOODS_LINES && <span class="muted small">{t('form.goods.max')}</span>}
            </div>
          </fieldset>

          <OriginPanel
            form={form}
            origin={origin}
            products={products}
            errs={errs}
            setProduct={setProduct}
            setFacts={setFacts}
            lang={lang}
          />

          <div class="form-actions">
            <button type="button" class="btn btn-secondary" onClick={onSave} disabled={busy}>
              {busy ? t('form.saving') : t('form.save')}
            </button>
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {t('form.submit')}
            </button>
          </div>
        </form>
      ) : (
        app && <ReadOnlyView app={app} />
      )}

      {app && <History app={app} />}
    </article>
  );
}

function OriginPanel(props: {
  form: ApplicationForm;
  origin: OriginVerdict[] | null;
  products: Product[];
  errs: FieldErrors;
  setProduct: (index: number, productId: string) => void;
  setFacts: (index: number, facts: OriginFactsForm | null) => void;
  lang: 'fr' | 'en';
}) {
  const verdicts = props.origin ? verdictsByFormLine(props.form, props.origin) : [];
  return (
    <fieldset class="card origin-panel" data-testid="origin-panel">
      <legend>{t('origin.title')}</legend>
      <p class="muted small">{t('origin.hint')}</p>
      <ul class="origin-lines">
        {props.form.goods.map((g, i) => {
          const v = verdicts[i] ?? null;
          const refused = isBlankLine(g)
            ? undefined
            : props.errs[`goods/${props.form.goods.slice(0, i).filter((x) => !isBlankLine(x)).length}`];
          return (
            <li class="origin-line" data-testid={`origin-line-${i}`}>
              <strong>{t('origin.line', { n: i + 1 })}</strong>{' '}
              {props.products.length > 0 && (
                <label class="inline">
                  {t('origin.product')}{' '}
                  <select
                    id={`g-${i}-product`}
                    value={g.product_id}
                    onChange={(e) => props.setProduct(i, e.currentTarget.value)}
                  >
                    <option value="">{t('origin.product.none')}</option>
                    {props.products.map((p) => (
                      <option value={String(p.id)}>{`${p.name} (${p.hs_code})`}</option>
                    ))}
                  </select>
                </label>
              )}
              {!isBlankLine(g) && (
                <button
                  type="button"
                  class="btn btn-ghost btn-small"
                  aria-expanded={g.facts ? 'true' : 'false'}
                  aria-controls={`g-${i}-facts`}
                  onClick={() => props.setFacts(i, g.facts ? null : emptyFacts())}
                  data-testid={`facts-toggle-${i}`}
                >
                  {g.facts ? t('facts.remove') : g.product_id ? t('facts.add.override') : t('facts.add')}
                </button>
              )}
              {g.facts && (
                <div id={`g-${i}-facts`}>
                  <FactsEditor
                    line={props.form.goods.slice(0, i).filter((x) => !isBlankLine(x)).length}
                    facts={g.facts}
                    errs={props.errs}
                    onChange={(f) => props.setFacts(i, f)}
                  />
                </div>
              )}
              {v ? (
                <div class={`verdict ${outcomeClass(v.outcome)}`} data-testid={`verdict-${i}`}>
                  <span class="verdict-outcome">{tDyn('origin.outcome.', v.outcome)}</span>
                  {v.criterion && (
                    <span class="muted small">
                      {' '}
                      — {t('origin.criterion')} {v.criterion}
                    </span>
                  )}
                  <p class="verdict-explanation">{explanation(v, props.lang)}</p>
                  {v.outcome === 'not_originating' && <p class="field-error">{t('origin.refused')}</p>}
                </div>
              ) : (
                !isBlankLine(g) && <p class="muted small">{t('origin.pending')}</p>
              )}
              {refused && <p class="field-error" data-testid={`refused-${i}`}>{refused}</p>}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function TextField(props: {
  form: ApplicationForm;
  name: ScalarField;
  label: MessageKey;
  hint?: MessageKey;
  type?: string;
  autoComplete?: string;
  errs: FieldErrors;
  set: (name: ScalarField, value: string) => void;
}) {
  const { form, name } = props;
  return (
    <Field id={`f-${name}`} label={t(props.label)} hint={props.hint && t(props.hint)} error={props.errs[FIELD_PATHS[name]]}>
      {(a) => (
        <input
          {...a}
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete ?? 'off'}
          maxLength={500}
          value={form[name] as string}
          onInput={(e) => props.set(name, e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

function CountrySelect(props: {
  form: ApplicationForm;
  name: ScalarField;
  label: MessageKey;
  errs: FieldErrors;
  set: (name: ScalarField, value: string) => void;
}) {
  const value = props.form[props.name] as string;
  return (
    <Field id={`f-${props.name}`} label={t(props.label)} error={props.errs[FIELD_PATHS[props.name]]}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => props.set(props.name, e.currentTarget.value)}>
          <option value="">{t('form.country.choose')}</option>
          <CountryOptions value={value} />
        </select>
      )}
    </Field>
  );
}

const GOODS_COLUMNS: { name: GoodsField; label: MessageKey; num?: boolean; mode?: 'numeric' | 'decimal' }[] = [
  { name: 'hs_code', label: 'form.goods.hs', mode: 'numeric' },
  { name: 'description', label: 'form.goods.description' },
  { name: 'quantity', label: 'form.goods.quantity', num: true, mode: 'decimal' },
  { name: 'unit', label: 'form.goods.unit' },
  { name: 'gross_weight_kg', label: 'form.goods.gross', num: true, mode: 'decimal' },
  { name: 'net_weight_kg', label: 'form.goods.net', num: true, mode: 'decimal' },
  { name: 'value_xof', label: 'form.goods.value', num: true, mode: 'numeric' },
];

function GoodsEditor(props: {
  goods: GoodsLineForm[];
  errs: FieldErrors;
  setLine: (index: number, name: GoodsField, value: string) => void;
  removeLine: (index: number) => void;
}) {
  const totals = computeTotals(props.goods);
  const lang = getLang();
  return (
    <div class="table-wrap">
      <datalist id="units">
        {UNITS.map((u) => (
          <option value={u} />
        ))}
      </datalist>
      <table class="table goods-edit">
        <thead>
          <tr>
            <th scope="col">#</th>
            {GOODS_COLUMNS.map((c) => (
              <th scope="col" class={c.num ? 'num' : undefined}>
                {t(c.label)}
              </th>
            ))}
            <th scope="col">
              <span class="sr-only">{t('col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.goods.map((g, i) => (
            <tr key={g.key} class="goods-line">
              <th scope="row" class="line-no">
                <span class="line-label">{t('form.goods.line', { n: i + 1 })}</span>
                <span class="line-num">{i + 1}</span>
              </th>
              {GOODS_COLUMNS.map((c) => {
                const err = props.errs[`goods/${i}/${c.name}`];
                const id = `g-${i}-${c.name}`;
                return (
                  <td class={`col-${c.name}${err ? ' has-error' : ''}`} data-label={t(c.label)}>
                    <input
                      id={id}
                      type="text"
                      class={c.num ? 'num' : undefined}
                      inputMode={c.mode}
                      list={c.name === 'unit' ? 'units' : c.name === 'hs_code' ? 'hs-suggestions' : undefined}
                      maxLength={500}
                      aria-label={`${t(c.label)} — ${t('form.goods.line', { n: i + 1 })}`}
                      aria-invalid={err ? 'true' : undefined}
                      aria-describedby={err ? `${id}-err` : undefined}
                      value={g[c.name]}
                      onInput={(e) => props.setLine(i, c.name, e.currentTarget.value)}
                    />
                    {err && (
                      <span class="field-error" id={`${id}-err`}>
                        {err}
                      </span>
                    )}
                  </td>
                );
              })}
              <td class="col-remove">
                <button
                  type="button"
                  class="btn btn-ghost btn-small"
                  onClick={() => props.removeLine(i)}
                  aria-label={t('form.goods.remove', { n: i + 1 })}
                  title={t('form.goods.remove', { n: i + 1 })}
                >
                  ✕ <span class="remove-text">{t('form.goods.remove.short')}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="totals">
            <th scope="row" colSpan={5}>
              {t('form.goods.totals')}
            </th>
            <td class="num" data-label={t('form.goods.gross')} data-testid="total-gross">
              {formatDecimal(totals.gross_weight_kg, lang)}
            </td>
            <td class="num" data-label={t('form.goods.net')} data-testid="total-net">
              {formatDecimal(totals.net_weight_kg, lang)}
            </td>
            <td class="num" data-label={t('form.goods.value')} data-testid="total-value">
              {formatDecimal(totals.value_xof, lang)}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function StatusSteps({ app }: { app: Application }) {
  const payment = app.payment?.status ?? 'not_required';
  const paymentText =
    payment === 'not_required'
      ? t('steps.payment.not_required')
      : t('steps.payment.other', { status: tDyn('steps.payment.status.', payment) });
  // Steps: 0 dépôt, 1 paiement, 2 instruction, 3 approbation, 4 signature et délivrance.
  const current: Record<Status, number> = { draft: 0, returned: 0, awaiting_payment: 1, submitted: 2, approved: 4, issued: 5 };
  const cur = current[app.status] ?? 0;
  const stepState = (i: number): 'done' | 'current' | 'todo' => (i < cur ? 'done' : i === cur ? 'current' : 'todo');
  const steps: { key: MessageKey; note?: string; payment?: boolean }[] = [
    { key: 'steps.draft', note: app.status === 'returned' ? tDyn('status.', 'returned') : undefined },
    { key: 'steps.payment', note: paymentText, payment: true },
    { key: 'steps.review' },
    { key: 'steps.approval' },
    { key: 'steps.issue', note: app.certificate_number ?? undefined },
  ];
  return (
    <section class="card steps-card" aria-labelledby="steps-title">
      <h2 id="steps-title" class="h-small">
        {t('steps.title')}
      </h2>
      <ol class="steps">
        {steps.map((s, i) => {
          const st = stepState(i);
          return (
            <li class={`step step-${st}${s.payment ? ' step-payment' : ''}`} aria-current={st === 'current' ? 'step' : undefined}>
              <span class="step-dot" aria-hidden="true">
                {st === 'done' ? '✓' : i + 1}
              </span>
              <span class="step-body">
                <span class="step-label">{t(s.key)}</span>
                <span class="sr-only"> ({t(`steps.${st}` as MessageKey)})</span>
                {s.note && (
                  <span class="step-note" data-testid={s.payment ? 'payment-status' : undefined}>
                    {s.note}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function ReadOnlyView({ app }: { app: Application }) {
  const lang = getLang();
  const dash = t('view.none');
  const totals = computeTotals(
    (app.goods ?? []).map((g) => ({
      gross_weight_kg: g.gross_weight_kg ?? '',
      net_weight_kg: g.net_weight_kg ?? '',
      value_xof: g.value_xof == null ? '' : String(g.value_xof),
    })),
  );
  const row = (label: string, value: string | null | undefined) => (
    <div class="dl-row">
      <dt>{label}</dt>
      <dd>{value || dash}</dd>
    </div>
  );
  return (
    <section class="card" aria-labelledby="summary-title">
      <h2 id="summary-title">{t('view.summary')}</h2>
      <dl class="dl">
        {row(t('form.regime'), app.regime ? tDyn('regime.', app.regime) : '')}
        {row(t('form.consignee.name'), app.consignee?.name)}
        {row(t('form.consignee.address'), app.consignee?.address)}
        {row(t('form.consignee.country'), countryName(app.consignee?.country))}
        {row(t('form.origin'), countryName(app.origin_country))}
        {row(t('form.destination'), countryName(app.destination_country))}
        {row(t('form.transport.mode'), app.transport?.mode ? tDyn('transport.', app.transport.mode) : '')}
        {row(t('form.transport.details'), app.transport?.details)}
        {row(t('form.invoice.number'), app.invoice?.number)}
        {row(t('form.invoice.date'), formatDate(app.invoice?.date, lang))}
      </dl>
      <h3>{t('form.section.goods')}</h3>
      <div class="table-wrap">
        <table class="table table-cards">
          <thead>
            <tr>
              <th scope="col">#</th>
              {GOODS_COLUMNS.map((c) => (
                <th scope="col" class={c.num ? 'num' : undefined}>
                  {t(c.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(app.goods ?? []).map((g, i) => (
              <tr>
                <td data-label="#">{i + 1}</td>
                <td data-label={t('form.goods.hs')} class="mono">
                  {g.hs_code}
                </td>
                <td data-label={t('form.goods.description')}>{g.description}</td>
                <td data-label={t('form.goods.quantity')} class="num">
                  {formatDecimal(g.quantity, lang)}
                </td>
                <td data-label={t('form.goods.unit')}>{g.unit}</td>
                <td data-label={t('form.goods.gross')} class="num">
                  {formatDecimal(g.gross_weight_kg, lang)}
                </td>
                <td data-label={t('form.goods.net')} class="num">
                  {formatDecimal(g.net_weight_kg, lang)}
                </td>
                <td data-label={t('form.goods.value')} class="num">
                  {formatDecimal(g.value_xof, lang)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr class="totals">
              <th scope="row" colSpan={5}>
                {t('form.goods.totals')}
              </th>
              <td class="num" data-label={t('form.goods.gross')}>
                {formatDecimal(totals.gross_weight_kg, lang)}
              </td>
              <td class="num" data-label={t('form.goods.net')}>
                {formatDecimal(totals.net_weight_kg, lang)}
              </td>
              <td class="num" data-label={t('form.goods.value')}>
                {formatDecimal(totals.value_xof, lang)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <DeclaredFacts app={app} />
    </section>
  );
}

/** The origin facts the exporter declared per line (read-only, for the review). */
function DeclaredFacts({ app }: { app: Application }) {
  const lang = getLang();
  const lines = (app.goods ?? []).map((g, i) => ({ i, f: g.origin_facts })).filter((x) => x.f);
  if (!lines.length) return null;
  return (
    <>
      <h3>{t('facts.declared')}</h3>
      <ul class="facts-declared" data-testid="declared-facts">
        {lines.map(({ i, f }) => {
          const parts: string[] = [];
          if (f!.product_kind) parts.push(tDyn('product.kind.', f!.product_kind));
          if (f!.wholly_obtained) parts.push(t('product.wholly'));
          if (f!.suspensive_regime) parts.push(t('facts.suspensive'));
          if (f!.ex_works_xof != null) parts.push(`${t('product.exw')} : ${formatDecimal(f!.ex_works_xof, lang)}`);
          for (const m of f!.materials ?? [])
            parts.push(`${t('materials.hs')} ${m.hs_code}${m.description ? ` (${m.description})` : ''} : ${formatDecimal(m.cif_xof ?? '', lang)} FCFA${m.origin_country ? `, ${countryName(m.origin_country)}` : ''}`);
          if (f!.processes?.length) parts.push(`${t('product.processes')} : ${f!.processes.join(', ')}`);
          if (f!.attributes && Object.keys(f!.attributes).length) parts.push(`${t('facts.attributes')} : ${formatAttributes(f!.attributes)}`);
          return (
            <li>
              <strong>{t('form.goods.line', { n: i + 1 })}</strong> — {parts.join(' ; ')}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function History({ app }: { app: Application }) {
  const lang = getLang();
  const items = app.history ?? [];
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('view.history')}</h2>
      {items.length === 0 ? (
        <p class="muted">{t('view.history.empty')}</p>
      ) : (
        <ol class="history">
          {items.map((h) => (
            <li>
              <span class="history-at">{formatDateTime(h.at, lang)}</span>
              <span class="history-action">{tDyn('action.', h.action)}</span>
              <span class="history-actor">
                {h.actor}
                {h.role ? ` (${tDyn('role.', h.role)})` : ''}
              </span>
              {h.comment && <q class="history-comment">{h.comment}</q>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
