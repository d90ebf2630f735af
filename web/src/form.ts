// Pure logic of the application form: the editable model (all strings), its conversion to and from
// ApplicationInput, decimal handling and totals. No DOM here, so it is unit-tested directly.
import { factsFormToInput, factsToForm, type OriginFactsForm } from './product';
import type { Application, ApplicationInput, GoodsLineInput, RegimeCode, TransportMode } from './types';

export interface GoodsLineForm {
  /** Stable key for rendering; not sent. */
  key: number;
  hs_code: string;
  description: string;
  quantity: string;
  unit: string;
  gross_weight_kg: string;
  net_weight_kg: string;
  value_xof: string;
  /** Product of the exporter's registry ("" = none). */
  product_id: string;
  /** Explicit origin facts of the line (sent as origin_facts); null = none given. */
  facts: OriginFactsForm | null;
}

export interface ApplicationForm {
  /** A regime code (RegimeCode), or '' when none is chosen yet. */
  regime: string;
  consignee_name: string;
  consignee_address: string;
  consignee_country: string;
  origin_country: string;
  destination_country: string;
  transport_mode: '' | TransportMode;
  transport_details: string;
  invoice_number: string;
  invoice_date: string;
  goods: GoodsLineForm[];
}

export const MAX_GOODS_LINES = 100;
export const REGIMES: RegimeCode[] = ['ETLS', 'UEMOA', 'AFCFTA', 'NP'];
export const TRANSPORT_MODES: TransportMode[] = ['road', 'rail', 'air', 'sea', 'multimodal'];
export const UNITS = ['kg', 't', 'l', 'u', 'm3', 'paires', 'têtes'];

let nextKey = 1;

export function emptyLine(): GoodsLineForm {
  return {
    key: nextKey++,
    hs_code: '',
    description: '',
    quantity: '',
    unit: 'kg',
    gross_weight_kg: '',
    net_weight_kg: '',
    value_xof: '',
    product_id: '',
    facts: null,
  };
}

export function emptyForm(): ApplicationForm {
  return {
    regime: '',
    consignee_name: '',
    consignee_address: '',
    consignee_country: '',
    origin_country: 'ML',
    destination_country: '',
    transport_mode: '',
    transport_details: '',
    invoice_number: '',
    invoice_date: '',
    goods: [emptyLine()],
  };
}

/** Normalise a decimal typed by a person: spaces removed, comma as decimal separator accepted. */
export function normalizeDecimal(s: string): string {
  return s.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
}

/** Parse whole francs: "12 000 000" → 12000000; anything else → undefined (kept as-is for the server to reject). */
export function parseXof(s: string): number | undefined {
  const clean = s.replace(/[\s\u00a0\u202f.]/g, '');
  if (!/^\d+$/.test(clean)) return undefined;
  const n = Number(clean);
  return Number.isSafeInteger(n) ? n : undefined;
}

function str(s: string): string | undefined {
  const v = s.trim();
  return v === '' ? undefined : v;
}

function compact<T extends object>(o: T): T | undefined {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

/**
 * Convert the form to the API input. Empty fields are left out (a draft may be incomplete);
 * decimals are normalised; value_xof becomes an integer. A value that cannot be parsed as whole
 * francs is sent as a string so that the server answers with a field error at the right place.
 */
export function formToInput(f: ApplicationForm): ApplicationInput {
  const input: ApplicationInput = {};
  if (f.regime) input.regime = f.regime;
  const consignee = compact({
    name: str(f.consignee_name),
    address: str(f.consignee_address),
    country: str(f.consignee_country),
  });
  if (consignee) input.consignee = consignee;
  if (str(f.origin_country)) input.origin_country = f.origin_country.trim();
  if (str(f.destination_country)) input.destination_country = f.destination_country.trim();
  const transport = compact({
    mode: f.transport_mode || undefined,
    details: str(f.transport_details),
  });
  if (transport) input.transport = transport;
  const invoice = compact({ number: str(f.invoice_number), date: str(f.invoice_date) });
  if (invoice) input.invoice = invoice;
  input.goods = f.goods.filter((g) => !isBlankLine(g)).map(lineToInput);
  return input;
}

/** A line where nothing was typed (the unit has a default and does not count). */
export function isBlankLine(g: GoodsLineForm): boolean {
  return [g.hs_code, g.description, g.quantity, g.gross_weight_kg, g.net_weight_kg, g.value_xof, g.product_id].every(
    (v) => v.trim() === '',
  );
}

function lineToInput(g: GoodsLineForm): GoodsLineInput {
  const dec = (s: string) => (str(s) === undefined ? undefined : normalizeDecimal(s));
  const out: GoodsLineInput = {
    hs_code: str(g.hs_code)?.replace(/[\s.]/g, ''),
    description: str(g.description),
    quantity: dec(g.quantity),
    unit: str(g.unit),
    gross_weight_kg: dec(g.gross_weight_kg),
    net_weight_kg: dec(g.net_weight_kg),
  };
  if (str(g.value_xof) !== undefined) {
    const n = parseXof(g.value_xof);
    (out as Record<string, unknown>).value_xof = n ?? g.value_xof.trim();
  }
  if (/^\d+$/.test(g.product_id)) out.product_id = Number(g.product_id);
  const facts = factsFormToInput(g.facts);
  if (facts) out.origin_facts = facts;
  return compact(out) ?? {};
}

/** Fill the form from an application read from the server. */
export function applicationToForm(a: ApplicationInput | Application): ApplicationForm {
  const goods = (a.goods ?? []).map((g) => ({
    key: nextKey++,
    hs_code: g.hs_code ?? '',
    description: g.description ?? '',
    quantity: g.quantity ?? '',
    unit: g.unit ?? '',
    gross_weight_kg: g.gross_weight_kg ?? '',
    net_weight_kg: g.net_weight_kg ?? '',
    value_xof: g.value_xof == null ? '' : String(g.value_xof),
    product_id: g.product_id == null ? '' : String(g.product_id),
    facts: factsToForm(g.origin_facts),
  }));
  return {
    regime: a.regime ?? '',
    consignee_name: a.consignee?.name ?? '',
    consignee_address: a.consignee?.address ?? '',
    consignee_country: a.consignee?.country ?? '',
    origin_country: a.origin_country ?? '',
    destination_country: a.destination_country ?? '',
    transport_mode: a.transport?.mode ?? '',
    transport_details: a.transport?.details ?? '',
    invoice_number: a.invoice?.number ?? '',
    invoice_date: a.invoice?.date ?? '',
    goods: goods.length ? goods : [emptyLine()],
  };
}

/**
 * The path of each form field as the API names it in `errors[].field`.
 * Goods fields are "goods/<index>/<name>"; the index is the position among non-blank lines sent.
 */
export const FIELD_PATHS = {
  regime: 'regime',
  consignee_name: 'consignee/name',
  consignee_address: 'consignee/address',
  consignee_country: 'consignee/country',
  origin_country: 'origin_country',
  destination_country: 'destination_country',
  transport_mode: 'transport/mode',
  transport_details: 'transport/details',
  invoice_number: 'invoice/number',
  invoice_date: 'invoice/date',
} as const;

export const GOODS_FIELDS = [
  'hs_code',
  'description',
  'quantity',
  'unit',
  'gross_weight_kg',
  'net_weight_kg',
  'value_xof',
] as const;
export type GoodsField = (typeof GOODS_FIELDS)[number];

/** For each form line, the index it has in the input sent (blank lines are dropped), or -1. */
export function sentIndexes(goods: GoodsLineForm[]): number[] {
  let i = 0;
  return goods.map((g) => (isBlankLine(g) ? -1 : i++));
}

/** Whether an error path is shown next to a field of the form (including parents such as "goods" or "consignee"). */
export function isFormPath(path: string): boolean {
  if ((Object.values(FIELD_PATHS) as string[]).includes(path)) return true;
  if (path === 'goods') return true;
  if (/^goods\/\d+\/origin_facts(\/|$)/.test(path)) return true;
  const m = /^goods\/(\d+)\/(\w+)$/.exec(path);
  return !!m && (GOODS_FIELDS as readonly string[]).includes(m[2]);
}

// ---------------------------------------------------------------- decimals and totals

/** Parse a decimal with up to 3 decimals into thousandths (bigint-free: safe up to 9e12). */
export function toMilli(s: string): number | null {
  const v = normalizeDecimal(s);
  const m = /^(\d+)(?:\.(\d{0,3}))?$/.exec(v);
  if (!m) return null;
  const frac = (m[2] ?? '').padEnd(3, '0');
  const n = Number(m[1]) * 1000 + Number(frac);
  return Number.isSafeInteger(n) ? n : null;
}

/** Thousandths back to a decimal string without trailing zeros: 12500 → "12.5". */
export function fromMilli(n: number): string {
  const whole = Math.floor(n / 1000);
  const frac = String(n % 1000).padStart(3, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

export interface Totals {
  gross_weight_kg: string;
  net_weight_kg: string;
  value_xof: number;
  /** Lines with an unreadable number (left out of the totals). */
  invalid: number;
}

export function computeTotals(goods: Pick<GoodsLineForm, 'gross_weight_kg' | 'net_weight_kg' | 'value_xof'>[]): Totals {
  let gross = 0;
  let net = 0;
  let value = 0;
  let invalid = 0;
  for (const g of goods) {
    let bad = false;
    if (g.gross_weight_kg.trim()) {
      const m = toMilli(g.gross_weight_kg);
      if (m === null) bad = true;
      else gross += m;
    }
    if (g.net_weight_kg.trim()) {
      const m = toMilli(g.net_weight_kg);
      if (m === null) bad = true;
      else net += m;
    }
    if (g.value_xof.trim()) {
      const v = parseXof(g.value_xof);
      if (v === undefined) bad = true;
      else value += v;
    }
    if (bad) invalid++;
  }
  return { gross_weight_kg: fromMilli(gross), net_weight_kg: fromMilli(net), value_xof: value, invalid };
}

// ---------------------------------------------------------------- display

const NNBSP = '\u202f';

/** Group thousands the French way: "12000000" → "12 000 000", "20100.5" → "20 100,5" (or "20,100.5" in English). */
export function formatDecimal(s: string | number | null | undefined, lang: 'fr' | 'en' = 'fr'): string {
  if (s === null || s === undefined || s === '') return '';
  const str = String(s);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(str);
  if (!m) return str;
  const sep = lang === 'fr' ? NNBSP : ',';
  const whole = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const dec = m[3] ? (lang === 'fr' ? ',' : '.') + m[3] : '';
  return m[1] + whole + dec;
}

/** 25000 → "25 000 FCFA" (fr, narrow no-break space between thousands) or "25,000 FCFA" (en); "—" when missing. */
export function formatXof(amount: number | null | undefined, lang: 'fr' | 'en' = 'fr'): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  return `${formatDecimal(Math.trunc(amount), lang)} FCFA`;
}

/** "2026-11-20" → "20/11/2026" (fr) or "2026-11-20" (en); other strings unchanged. */
export function formatDate(s: string | null | undefined, lang: 'fr' | 'en' = 'fr'): string {
  if (!s) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return s;
  return lang === 'fr' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[1]}-${m[2]}-${m[3]}`;
}

/** ISO time → "20/11/2026 14:05" in local time; invalid input unchanged. */
export function formatDateTime(s: string | null | undefined, lang: 'fr' | 'en' = 'fr'): string {
  if (!s) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return formatDate(s, lang);
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const p = (n: number) => String(n).padStart(2, '0');
  const date = formatDate(`${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, lang);
  return `${date} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
