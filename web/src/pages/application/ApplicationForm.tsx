// The application form the exporter edits (a draft, or an application returned for correction):
// regime, consignee, countries, transport, invoice, goods lines, and the live origin verdict of
// each line. Saving and submitting belong to the page (ApplicationPage.tsx).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { CountryOptions } from '../../costs';
import { isFormPath } from '../../form';
import { splitFieldErrors, type FieldErrors } from '../../errors';
import { useFetch } from '../../fetch';
import {
  FIELD_PATHS,
  MAX_GOODS_LINES,
  REGIMES,
  TRANSPORT_MODES,
  emptyLine,
  formToInput,
  type ApplicationForm as Form,
  type GoodsField,
} from '../../form';
import { HsDatalist, useHsSuggestions } from '../../hs';
import { getLang, t, tDyn, type MessageKey } from '../../i18n';
import { evaluationKey } from '../../origin';
import type { OriginFactsForm } from '../../product';
import type { OriginVerdict } from '../../types';
import { Field } from '../../ui';
import { GoodsEditor } from './GoodsEditor';
import { OriginPanel } from './OriginPanel';

type ScalarField = keyof typeof FIELD_PATHS;

export function ApplicationForm(props: {
  form: Form;
  setForm: (form: Form) => void;
  /** Every field error of the last answer (those of unknown fields are shown by the page). */
  errs: FieldErrors;
  setErrs: (errs: FieldErrors) => void;
  busy: boolean;
  onSave: () => void;
  onSubmit: (e?: Event) => void;
}) {
  const { form, setForm } = props;
  const hs = useHsSuggestions();
  const lang = getLang();
  // The exporter's product registry (for the product of each line); without it, no choice.
  const products = useFetch(() => api.listProducts(), []).data?.items ?? [];

  // Live origin verdict: evaluate the form (debounced) while the exporter edits it.
  const [origin, setOrigin] = useState<OriginVerdict[] | null>(null);
  const evalInput = form.regime ? formToInput(form) : null;
  const evalKey = evalInput ? evaluationKey(evalInput) : '';
  useEffect(
    () => {
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
    },
    // Evaluated again when the content changes (its key), not for every new form object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [evalKey],
  );

  const { known } = splitFieldErrors(props.errs, isFormPath);
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
    props.setErrs({});
  };

  return (
    <form class="app-form" onSubmit={props.onSubmit} noValidate>
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
        errs={props.errs}
        setProduct={setProduct}
        setFacts={setFacts}
        lang={lang}
      />

      <div class="form-actions">
        <button type="button" class="btn btn-secondary" onClick={props.onSave} disabled={props.busy}>
          {props.busy ? t('form.saving') : t('form.save')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={props.busy}>
          {t('form.submit')}
        </button>
      </div>
    </form>
  );
}

function TextField(props: {
  form: Form;
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
  form: Form;
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
