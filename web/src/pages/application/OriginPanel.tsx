// The origin verdict of each goods line while the exporter edits: the registry product of the
// line, its own origin facts (FactsEditor of costs.tsx) and the calculator's verdict.
import { FactsEditor } from '../../costs';
import type { FieldErrors } from '../../errors';
import { isBlankLine, type ApplicationForm } from '../../form';
import { t, tDyn, type Lang } from '../../i18n';
import { explanation, outcomeClass, verdictsByFormLine } from '../../origin';
import { emptyFacts, type OriginFactsForm } from '../../product';
import type { OriginVerdict, Product } from '../../types';

export function OriginPanel(props: {
  form: ApplicationForm;
  origin: OriginVerdict[] | null;
  products: Product[];
  errs: FieldErrors;
  setProduct: (index: number, productId: string) => void;
  setFacts: (index: number, facts: OriginFactsForm | null) => void;
  lang: Lang;
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

