// The goods lines of an application being edited: one row per line, its cells, errors and totals.
import type { FieldErrors } from '../../errors';
import { UNITS, computeTotals, formatDecimal, type GoodsField, type GoodsLineForm, type Totals } from '../../form';
import { getLang, t, type MessageKey } from '../../i18n';

export const GOODS_COLUMNS: { name: GoodsField; label: MessageKey; num?: boolean; mode?: 'numeric' | 'decimal' }[] = [
  { name: 'hs_code', label: 'form.goods.hs', mode: 'numeric' },
  { name: 'description', label: 'form.goods.description' },
  { name: 'quantity', label: 'form.goods.quantity', num: true, mode: 'decimal' },
  { name: 'unit', label: 'form.goods.unit' },
  { name: 'gross_weight_kg', label: 'form.goods.gross', num: true, mode: 'decimal' },
  { name: 'net_weight_kg', label: 'form.goods.net', num: true, mode: 'decimal' },
  { name: 'value_xof', label: 'form.goods.value', num: true, mode: 'numeric' },
];

export function GoodsEditor(props: {
  goods: GoodsLineForm[];
  errs: FieldErrors;
  setLine: (index: number, name: GoodsField, value: string) => void;
  removeLine: (index: number) => void;
}) {
  const totals = computeTotals(props.goods);
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
        <GoodsTotals totals={totals} testIds trailing />
      </table>
    </div>
  );
}

/** The totals row under the goods lines (gross, net, value); `testIds` marks its cells for the tests. */
export function GoodsTotals(props: { totals: Totals; testIds?: boolean; trailing?: boolean }) {
  const lang = getLang();
  const cells: [MessageKey, string, 'gross_weight_kg' | 'net_weight_kg' | 'value_xof'][] = [
    ['form.goods.gross', 'total-gross', 'gross_weight_kg'],
    ['form.goods.net', 'total-net', 'net_weight_kg'],
    ['form.goods.value', 'total-value', 'value_xof'],
  ];
  return (
    <tfoot>
      <tr class="totals">
        <th scope="row" colSpan={5}>
          {t('form.goods.totals')}
        </th>
        {cells.map(([label, testId, name]) => (
          <td class="num" data-label={t(label)} data-testid={props.testIds ? testId : undefined}>
            {formatDecimal(props.totals[name], lang)}
          </td>
        ))}
        {props.trailing && <td />}
      </tr>
    </tfoot>
  );
}
