// An application as read by the staff or once submitted: its summary, goods lines, declared
// origin facts, and its history.
import { countryName } from '../../countries';
import { computeTotals, formatDate, formatDateTime, formatDecimal } from '../../form';
import { getLang, t, tDyn } from '../../i18n';
import { formatAttributes } from '../../product';
import { Table } from '../../table';
import type { Application, GoodsLineInput as GoodsLine } from '../../types';
import { GoodsTotals } from './GoodsEditor';

export function ReadOnlyView({ app }: { app: Application }) {
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
      <Table<GoodsLine>
        rows={app.goods ?? []}
        columns={[
          { label: '#', cell: (_g, i) => i + 1 },
          { label: t('form.goods.hs'), class: 'mono', cell: (g) => g.hs_code },
          { label: t('form.goods.description'), cell: (g) => g.description },
          { label: t('form.goods.quantity'), class: 'num', cell: (g) => formatDecimal(g.quantity, lang) },
          { label: t('form.goods.unit'), cell: (g) => g.unit },
          { label: t('form.goods.gross'), class: 'num', cell: (g) => formatDecimal(g.gross_weight_kg, lang) },
          { label: t('form.goods.net'), class: 'num', cell: (g) => formatDecimal(g.net_weight_kg, lang) },
          { label: t('form.goods.value'), class: 'num', cell: (g) => formatDecimal(g.value_xof, lang) },
        ]}
        foot={<GoodsTotals totals={totals} />}
      />
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

export function History({ app }: { app: Application }) {
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
