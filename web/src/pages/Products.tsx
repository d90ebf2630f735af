// "Mes produits": the exporter's product registry (cost structure) and the approvals
// (agréments) requested per regime.
import { useEffect, useState } from 'preact/hooks';
import { useAction } from '../action';
import { api } from '../api';
import { useFetch } from '../fetch';
import { MaterialsEditor } from '../costs';
import { formatDate, formatDecimal } from '../form';
import { HsDatalist, useHsSuggestions } from '../hs';
import { getLang, t, tDyn } from '../i18n';
import {
  APPROVAL_REGIMES,
  PRODUCT_KINDS,
  approvalFor,
  canRequest,
  emptyProductForm,
  keptMaterials,
  productFormToInput,
  productToForm,
  todayUtc,
  type ProductForm,
} from '../product';
import { navigate } from '../router';
import { Loaded, Table } from '../table';
import { Alert, Field, Link, Loading } from '../ui';
import type { Product, ProductApproval, ProductKind, User } from '../types';

let flash: { id: number; notice: string } | null = null;

export function ApprovalBadge({ a }: { a: ProductApproval | null }) {
  if (!a) return <span class="muted small">{t('approval.none')}</span>;
  const expired = a.status === 'granted' && (a.valid_until ?? '') < todayUtc();
  const status = expired ? 'expired' : a.status;
  return <span class={`badge badge-approval-${status}`}>{tDyn('approval.status.', status)}</span>;
}

export function ProductsPage({ user }: { user: User }) {
  const list = useFetch(() => api.listProducts(), []);
  const today = todayUtc();
  const lang = getLang();
  return (
    <section aria-labelledby="products-title">
      <div class="page-head">
        <div>
          <h1 id="products-title">{user.role === 'exporter' ? t('products.title') : t('products.title.staff')}</h1>
          <p class="muted">{t('products.intro')}</p>
        </div>
        {user.role === 'exporter' && (
          <Link href="/products/new" class="btn btn-primary">
            + {t('products.new')}
          </Link>
        )}
      </div>
      <Loaded data={list.data} error={list.error}>
        {(r) => (
          <Table<Product>
            rows={r.items}
            rowKey={(p) => p.id}
            testId="products-table"
            empty={t('products.empty')}
            columns={[
              { label: t('product.name'), cell: (p) => <Link href={`/products/${p.id}`}>{p.name}</Link> },
              { label: t('product.hs'), class: 'mono', cell: (p) => p.hs_code },
              { label: t('product.kind'), cell: (p) => tDyn('product.kind.', p.product_kind) },
              { label: t('product.exw'), class: 'num', cell: (p) => (p.ex_works_xof == null ? '—' : formatDecimal(p.ex_works_xof, lang)) },
              ...APPROVAL_REGIMES.map((regime) => ({
                label: t('products.approval', { regime: tDyn('regime.', regime) }),
                cell: (p: Product) => {
                  const a = approvalFor(p.approvals, regime, today);
                  return (
                    <>
                      <ApprovalBadge a={a} /> {a?.status === 'granted' && <span class="mono small">{a.number}</span>}
                    </>
                  );
                },
              })),
            ]}
          />
        )}
      </Loaded>
    </section>
  );
}

export function ProductPage({ user, id }: { user: User; id: number | null }) {
  const [form, setForm] = useState<ProductForm | null>(id === null ? emptyProductForm() : null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const { busy, error, errs } = action;
  const [regime, setRegime] = useState(APPROVAL_REGIMES[0]);
  const hs = useHsSuggestions();
  const editable = user.role === 'exporter';

  useEffect(() => {
    if (flash && flash.id === id) {
      setNotice(flash.notice);
      flash = null;
    }
  }, [id]);
  const loaded = useFetch(() => (id === null ? null : api.getProduct(id)), [id], { onData: (p) => setForm(productToForm(p)) });
  const product = loaded.data;
  const setProduct = loaded.setData;

  if (loaded.error) return <Alert kind="error">{loaded.error}</Alert>;
  if (!form) return <Loading />;

  const set = <K extends keyof ProductForm>(name: K, value: ProductForm[K]) => setForm({ ...form, [name]: value });
  /** Runs an action; a failure replaces the notice. */
  const act = async (fn: () => Promise<unknown>, conflict?: string) => {
    if (!(await action.run(fn, { conflict }))) setNotice(null);
  };

  const today = todayUtc();
  const lang = getLang();
  const requestable = product ? APPROVAL_REGIMES.filter((r) => canRequest(product.approvals, r, today)) : [];
  // The regime chosen for a request: the one selected while it can still be requested.
  const chosen = requestable.includes(regime) ? regime : requestable[0] ?? regime;

  const onSave = (e: Event) => {
    e.preventDefault();
    const cleaned = { ...form, materials: keptMaterials(form.materials) };
    setForm(cleaned);
    act(async () => {
      const input = productFormToInput(cleaned);
      if (product) {
        const p = await api.updateProduct(product.id, input);
        setProduct(p);
        setForm(productToForm(p));
        setNotice(t('product.saved'));
      } else {
        const p = await api.createProduct(input);
        flash = { id: p.id, notice: t('product.created') };
        navigate(`/products/${p.id}`, { replace: true });
      }
    });
  };

  const onDelete = () => {
    if (!product || !window.confirm(t('product.delete.confirm', { name: product.name }))) return;
    act(async () => {
      await api.deleteProduct(product.id);
      navigate('/products');
    }, t('product.delete.conflict'));
  };

  const onRequest = () => {
    if (!product) return;
    act(async () => {
      await api.requestApproval(product.id, chosen);
      setProduct(await api.getProduct(product.id));
      setNotice(t('approval.requested', { regime: tDyn('regime.', chosen) }));
    }, t('approval.request.conflict'));
  };

  return (
    <article aria-labelledby="product-title">
      <p class="breadcrumb">
        <Link href="/products">← {t('products.back')}</Link>
      </p>
      <div class="page-head">
        <h1 id="product-title">{product ? product.name : t('products.new')}</h1>
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}

      <form class="app-form" onSubmit={onSave} noValidate>
        <fieldset class="card" disabled={!editable}>
          <legend>{t('product.section.identity')}</legend>
          <p class="muted small">{t('product.required')}</p>
          <div class="grid">
            <Field id="p-name" label={`${t('product.name')} *`} error={errs['name']}>
              {(a) => <input {...a} type="text" maxLength={200} value={form.name} onInput={(e) => set('name', e.currentTarget.value)} />}
            </Field>
            <Field id="p-hs_code" label={`${t('product.hs')} *`} hint={t('product.hs.hint')} error={errs['hs_code']}>
              {(a) => (
                <input
                  {...a}
                  type="text"
                  inputMode="numeric"
                  list="p-hs-list"
                  maxLength={13}
                  value={form.hs_code}
                  onInput={(e) => {
                    set('hs_code', e.currentTarget.value);
                    hs.suggest(e.currentTarget.value);
                  }}
                />
              )}
            </Field>
            <Field id="p-producer" label={`${t('product.producer')} *`} error={errs['producer']}>
              {(a) => <input {...a} type="text" maxLength={200} value={form.producer} onInput={(e) => set('producer', e.currentTarget.value)} />}
            </Field>
            <Field id="p-kind" label={t('product.kind')} error={errs['product_kind']}>
              {(a) => (
                <select {...a} value={form.product_kind} onChange={(e) => set('product_kind', e.currentTarget.value as ProductKind)}>
                  {PRODUCT_KINDS.map((k) => (
                    <option value={k}>{tDyn('product.kind.', k)}</option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <HsDatalist id="p-hs-list" hits={hs.hits} />
        </fieldset>

        <fieldset class="card" disabled={!editable}>
          <legend>{t('product.section.costs')}</legend>
          <div class="grid">
            <Field id="p-exw" label={t('product.exw')} hint={t('product.exw.hint')} error={errs['ex_works_xof']}>
              {(a) => <input {...a} type="text" inputMode="numeric" value={form.ex_works_xof} onInput={(e) => set('ex_works_xof', e.currentTarget.value)} />}
            </Field>
            <Field id="p-processes" label={t('product.processes')} hint={t('product.processes.hint')} error={errs['processes']}>
              {(a) => <input {...a} type="text" value={form.processes} onInput={(e) => set('processes', e.currentTarget.value)} />}
            </Field>
          </div>
          <div class="checks">
            <label>
              <input type="checkbox" checked={form.wholly_obtained} onChange={(e) => set('wholly_obtained', e.currentTarget.checked)} />{' '}
              {t('product.wholly')}
            </label>
          </div>
          <h2 class="h-small">{t('product.materials')}</h2>
          <p class="muted small">{t('product.materials.hint')}</p>
          {errs['materials'] && <p class="field-error">{errs['materials']}</p>}
          <MaterialsEditor idPrefix="p-m" materials={form.materials} errs={errs} errPrefix="materials/" onChange={(m) => set('materials', m)} />
        </fieldset>

        {editable && (
          <div class="form-actions">
            {product && (
              <button type="button" class="btn btn-danger" onClick={onDelete} disabled={busy}>
                {t('product.delete')}
              </button>
            )}
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? t('form.saving') : t('product.save')}
            </button>
          </div>
        )}
      </form>

      {product && (
        <section class="card" aria-labelledby="approvals-title">
          <h2 id="approvals-title">{t('product.approvals')}</h2>
          <p class="muted small">{t('product.approvals.hint')}</p>
          <Table<ProductApproval>
            rows={product.approvals}
            rowKey={(a) => a.id}
            rowProps={(a) => ({ 'data-testid': `approval-${a.regime}` })}
            testId="product-approvals"
            empty={<p class="muted">{t('product.approvals.empty')}</p>}
            columns={[
              { label: t('col.regime'), cell: (a) => tDyn('regime.', a.regime) },
              { label: t('approval.status'), cell: (a) => <ApprovalBadge a={a} /> },
              { label: t('approval.number'), class: 'mono', cell: (a) => a.number ?? '—' },
              {
                label: t('approval.validity'),
                cell: (a) =>
                  a.valid_until ? t('approval.valid.range', { from: formatDate(a.valid_from, lang), to: formatDate(a.valid_until, lang) }) : '—',
              },
              { label: t('approval.comment'), cell: (a) => a.comment || '—' },
            ]}
          />
          {editable &&
            (requestable.length > 0 ? (
              <div class="btn-row">
                <label class="inline" for="p-regime">
                  {t('approval.request.regime')}
                </label>
                <select id="p-regime" value={chosen} onChange={(e) => setRegime(e.currentTarget.value)}>
                  {requestable.map((r) => (
                    <option value={r}>{tDyn('regime.', r)}</option>
                  ))}
                </select>
                <button type="button" class="btn btn-secondary" onClick={onRequest} disabled={busy}>
                  {t('approval.request')}
                </button>
              </div>
            ) : (
              <p class="muted small">{t('approval.request.none')}</p>
            ))}
        </section>
      )}
    </article>
  );
}
