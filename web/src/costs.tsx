// Editors of a cost structure, shared by the product registry and the goods lines of an
// application: non-originating materials (HS code with suggestions, CIF value, origin country)
// and the origin facts of a line without a registry product.
import { allCountries, countryGroups } from './countries';
import type { FieldErrors } from './errors';
import { HsDatalist, useHsSuggestions } from './hs';
import { getLang, t, tDyn } from './i18n';
import { PRODUCT_KINDS, emptyMaterial, type MaterialForm, type OriginFactsForm } from './product';
import { Field } from './ui';

/** <option>s of every registry country, West Africa first. */
export function CountryOptions({ value }: { value: string }) {
  const lang = getLang();
  const list = allCountries();
  const { westAfrica, others } = countryGroups(list, lang);
  const known = list.some((c) => c.code === value);
  return (
    <>
      {value && !known && <option value={value}>{value}</option>}
      <optgroup label={t('country.group.wa')}>
        {westAfrica.map((c) => (
          <option value={c.code}>{c[lang]}</option>
        ))}
      </optgroup>
      <optgroup label={t('country.group.others')}>
        {others.map((c) => (
          <option value={c.code}>{c[lang]}</option>
        ))}
      </optgroup>
    </>
  );
}

/**
 * Rows of non-originating materials. `errPrefix` is the API path of the list ("materials/" or
 * "goods/0/origin_facts/materials/"); error indexes count the non-blank rows only (blank rows
 * are not sent).
 */
export function MaterialsEditor(props: {
  idPrefix: string;
  materials: MaterialForm[];
  errs: FieldErrors;
  errPrefix: string;
  onChange: (materials: MaterialForm[]) => void;
}) {
  const hs = useHsSuggestions();
  const listId = `${props.idPrefix}-hs`;
  const set = (i: number, name: keyof Omit<MaterialForm, 'key'>, value: string) => {
    props.onChange(props.materials.map((m, j) => (j === i ? { ...m, [name]: value } : m)));
    if (name === 'hs_code') hs.suggest(value);
  };
  let sent = 0;
  return (
    <div class="materials">
      <HsDatalist id={listId} hits={hs.hits} />
      {props.materials.length === 0 && <p class="muted small">{t('materials.none')}</p>}
      {props.materials.length > 0 && (
        <div class="table-wrap">
          <table class="table goods-edit">
            <thead>
              <tr>
                <th scope="col">{t('materials.hs')}</th>
                <th scope="col">{t('materials.description')}</th>
                <th scope="col" class="num">
                  {t('materials.cif')}
                </th>
                <th scope="col">{t('materials.origin')}</th>
                <th scope="col">
                  <span class="sr-only">{t('col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.materials.map((m, i) => {
                const blank = [m.hs_code, m.description, m.cif_xof, m.origin_country].every((v) => v.trim() === '');
                const index = blank ? -1 : sent++;
                const err = (name: string) => (index < 0 ? undefined : props.errs[`${props.errPrefix}${index}/${name}`]);
                const n = i + 1;
                const cell = (name: 'hs_code' | 'description' | 'cif_xof', label: string, extra: Record<string, string> = {}) => {
                  const id = `${props.idPrefix}-${i}-${name}`;
                  const e = err(name);
                  return (
                    <td class={e ? 'has-error' : undefined} data-label={label}>
                      <input
                        id={id}
                        type="text"
                        value={m[name]}
                        maxLength={200}
                        aria-label={`${label} — ${t('materials.row', { n })}`}
                        aria-invalid={e ? 'true' : undefined}
                        aria-describedby={e ? `${id}-err` : undefined}
                        onInput={(ev) => set(i, name, ev.currentTarget.value)}
                        {...extra}
                      />
                      {e && (
                        <span class="field-error" id={`${id}-err`}>
                          {e}
                        </span>
                      )}
                    </td>
                  );
                };
                const oc = err('origin_country');
                return (
                  <tr key={m.key}>
                    {cell('hs_code', t('materials.hs'), { list: listId, inputMode: 'numeric' })}
                    {cell('description', t('materials.description'))}
                    {cell('cif_xof', t('materials.cif'), { inputMode: 'numeric', class: 'num' })}
                    <td class={oc ? 'has-error' : undefined} data-label={t('materials.origin')}>
                      <select
                        id={`${props.idPrefix}-${i}-origin_country`}
                        value={m.origin_country}
                        aria-label={`${t('materials.origin')} — ${t('materials.row', { n })}`}
                        aria-invalid={oc ? 'true' : undefined}
                        onChange={(ev) => set(i, 'origin_country', ev.currentTarget.value)}
                      >
                        <option value="">{t('materials.origin.unknown')}</option>
                        <CountryOptions value={m.origin_country} />
                      </select>
                      {oc && <span class="field-error">{oc}</span>}
                    </td>
                    <td class="col-remove">
                      <button
                        type="button"
                        class="btn btn-ghost btn-small"
                        aria-label={t('materials.remove', { n })}
                        title={t('materials.remove', { n })}
                        onClick={() => props.onChange(props.materials.filter((_, j) => j !== i))}
                      >
                        ✕
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div class="btn-row">
        <button type="button" class="btn btn-secondary btn-small" onClick={() => props.onChange([...props.materials, emptyMaterial()])}>
          + {t('materials.add')}
        </button>
      </div>
    </div>
  );
}

/** The origin facts of goods line `line` (index in the form = index sent). */
export function FactsEditor(props: {
  line: number;
  facts: OriginFactsForm;
  errs: FieldErrors;
  onChange: (facts: OriginFactsForm) => void;
}) {
  const f = props.facts;
  const p = `goods/${props.line}/origin_facts/`;
  const id = (name: string) => `g-${props.line}-facts-${name}`;
  const set = <K extends keyof OriginFactsForm>(name: K, value: OriginFactsForm[K]) => props.onChange({ ...f, [name]: value });
  return (
    <div class="facts" data-testid={`facts-${props.line}`}>
      <div class="grid">
        <Field id={id('product_kind')} label={t('product.kind')} error={props.errs[p + 'product_kind']}>
          {(a) => (
            <select {...a} value={f.product_kind} onChange={(e) => set('product_kind', e.currentTarget.value as OriginFactsForm['product_kind'])}>
              <option value="">{t('facts.kind.default')}</option>
              {PRODUCT_KINDS.map((k) => (
                <option value={k}>{tDyn('product.kind.', k)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id('ex_works_xof')} label={t('product.exw')} hint={t('product.exw.hint')} error={props.errs[p + 'ex_works_xof']}>
          {(a) => <input {...a} type="text" inputMode="numeric" value={f.ex_works_xof} onInput={(e) => set('ex_works_xof', e.currentTarget.value)} />}
        </Field>
        <Field id={id('processes')} label={t('product.processes')} hint={t('product.processes.hint')} error={props.errs[p + 'processes']}>
          {(a) => <input {...a} type="text" value={f.processes} onInput={(e) => set('processes', e.currentTarget.value)} />}
        </Field>
        <Field id={id('attributes')} label={t('facts.attributes')} hint={t('facts.attributes.hint')} error={props.errs[p + 'attributes']}>
          {(a) => <input {...a} type="text" value={f.attributes} onInput={(e) => set('attributes', e.currentTarget.value)} />}
        </Field>
      </div>
      <div class="checks">
        <label>
          <input type="checkbox" checked={f.wholly_obtained} onChange={(e) => set('wholly_obtained', e.currentTarget.checked)} />{' '}
          {t('product.wholly')}
        </label>
        <label>
          <input type="checkbox" checked={f.suspensive_regime} onChange={(e) => set('suspensive_regime', e.currentTarget.checked)} />{' '}
          {t('facts.suspensive')}
        </label>
      </div>
      <p class="h-small">{t('product.materials')}</p>
      <MaterialsEditor
        idPrefix={id('m')}
        materials={f.materials}
        errs={props.errs}
        errPrefix={p + 'materials/'}
        onChange={(materials) => set('materials', materials)}
      />
    </div>
  );
}
