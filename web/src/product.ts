// Pure logic of the product registry and of the origin facts of a goods line: editable models
// (all strings), their conversion to and from the API shapes, and the approval summary per regime.
// No DOM here (unit-tested in product.test.ts).
import { parseXof } from './form';
import type {
  MaterialInput,
  OriginFactsInput,
  Product,
  ProductApproval,
  ProductInput,
  ProductKind,
} from './types';

export const PRODUCT_KINDS: ProductKind[] = ['industrial', 'unprocessed', 'handicraft'];
/** Preferential regimes for which an approval (agrément) can be requested. */
export const APPROVAL_REGIMES = ['ETLS', 'UEMOA', 'AFCFTA'];

export interface MaterialForm {
  key: number;
  hs_code: string;
  description: string;
  cif_xof: string;
  origin_country: string;
}

export interface ProductForm {
  name: string;
  hs_code: string;
  producer: string;
  product_kind: ProductKind;
  wholly_obtained: boolean;
  ex_works_xof: string;
  materials: MaterialForm[];
  /** Process codes separated by commas or new lines ("roasting, simple_packaging"). */
  processes: string;
}

export interface OriginFactsForm {
  product_kind: '' | ProductKind;
  wholly_obtained: boolean;
  suspensive_regime: boolean;
  ex_works_xof: string;
  materials: MaterialForm[];
  processes: string;
  /** "key=value" pairs separated by commas or new lines ("sex=male, age_months=30"). */
  attributes: string;
}

let nextKey = 1;

export function emptyMaterial(): MaterialForm {
  return { key: nextKey++, hs_code: '', description: '', cif_xof: '', origin_country: '' };
}

export function emptyProductForm(): ProductForm {
  return {
    name: '',
    hs_code: '',
    producer: '',
    product_kind: 'industrial',
    wholly_obtained: false,
    ex_works_xof: '',
    materials: [],
    processes: '',
  };
}

export function emptyFacts(): OriginFactsForm {
  return {
    product_kind: '',
    wholly_obtained: false,
    suspensive_regime: false,
    ex_works_xof: '',
    materials: [],
    processes: '',
    attributes: '',
  };
}

/** "roasting, simple_packaging\nsorting" → ["roasting", "simple_packaging", "sorting"]. */
export function parseList(s: string): string[] {
  return s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** "sex=male, age_months=30" → {sex: "male", age_months: "30"}; an entry without "=" is kept with an empty value. */
export function parseAttributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of parseList(s)) {
    const eq = item.indexOf('=');
    if (eq < 0) out[item] = '';
    else out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}

export function formatAttributes(a: Record<string, string> | undefined): string {
  return Object.entries(a ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** Whole francs as a number when readable; otherwise the raw text (the server names the field). */
function money(s: string): number | string | undefined {
  const v = s.trim();
  if (v === '') return undefined;
  return parseXof(v) ?? v;
}

function isBlankMaterial(m: MaterialForm): boolean {
  return [m.hs_code, m.description, m.cif_xof, m.origin_country].every((v) => v.trim() === '');
}

function materialToInput(m: MaterialForm): MaterialInput {
  const out: MaterialInput = { hs_code: m.hs_code.replace(/[\s.]/g, '') };
  if (m.description.trim()) out.description = m.description.trim();
  const cif = money(m.cif_xof);
  out.cif_xof = cif === undefined ? '' : cif;
  if (m.origin_country.trim()) out.origin_country = m.origin_country.trim().toUpperCase();
  return out;
}

function materialToForm(m: MaterialInput): MaterialForm {
  return {
    key: nextKey++,
    hs_code: m.hs_code ?? '',
    description: m.description ?? '',
    cif_xof: m.cif_xof == null ? '' : String(m.cif_xof),
    origin_country: m.origin_country ?? '',
  };
}

/** The materials sent: blank rows are dropped, so error indexes are those of the kept rows. */
export function keptMaterials(ms: MaterialForm[]): MaterialForm[] {
  return ms.filter((m) => !isBlankMaterial(m));
}

export function productFormToInput(f: ProductForm): ProductInput {
  const exw = money(f.ex_works_xof);
  return {
    name: f.name.trim(),
    hs_code: f.hs_code.replace(/[\s.]/g, ''),
    producer: f.producer.trim(),
    product_kind: f.product_kind,
    wholly_obtained: f.wholly_obtained,
    ex_works_xof: exw === undefined ? null : exw,
    materials: keptMaterials(f.materials).map(materialToInput),
    processes: parseList(f.processes),
  };
}

export function productToForm(p: Product): ProductForm {
  return {
    name: p.name,
    hs_code: p.hs_code,
    producer: p.producer,
    product_kind: (PRODUCT_KINDS as string[]).includes(p.product_kind) ? (p.product_kind as ProductKind) : 'industrial',
    wholly_obtained: !!p.wholly_obtained,
    ex_works_xof: p.ex_works_xof == null ? '' : String(p.ex_works_xof),
    materials: (p.materials ?? []).map(materialToForm),
    processes: (p.processes ?? []).join(', '),
  };
}

/** The origin_facts sent for a line, or undefined when nothing was given. */
export function factsFormToInput(f: OriginFactsForm | null): OriginFactsInput | undefined {
  if (!f) return undefined;
  const out: OriginFactsInput = {};
  if (f.product_kind) out.product_kind = f.product_kind;
  if (f.wholly_obtained) out.wholly_obtained = true;
  if (f.suspensive_regime) out.suspensive_regime = true;
  const exw = money(f.ex_works_xof);
  if (exw !== undefined) out.ex_works_xof = exw;
  const materials = keptMaterials(f.materials);
  if (materials.length) out.materials = materials.map(materialToInput);
  const processes = parseList(f.processes);
  if (processes.length) out.processes = processes;
  const attributes = parseAttributes(f.attributes);
  if (Object.keys(attributes).length) out.attributes = attributes;
  return Object.keys(out).length ? out : undefined;
}

export function factsToForm(f: OriginFactsInput | undefined | null): OriginFactsForm | null {
  if (!f) return null;
  return {
    product_kind: f.product_kind ?? '',
    wholly_obtained: !!f.wholly_obtained,
    suspensive_regime: !!f.suspensive_regime,
    ex_works_xof: f.ex_works_xof == null ? '' : String(f.ex_works_xof),
    materials: (f.materials ?? []).map(materialToForm),
    processes: (f.processes ?? []).join(', '),
    attributes: formatAttributes(f.attributes),
  };
}

/**
 * The approval that describes a product under a regime: a granted one valid on `today` first,
 * else the latest request (requested, refused, or an expired grant); null when none.
 */
export function approvalFor(approvals: ProductApproval[], regime: string, today: string): ProductApproval | null {
  const mine = approvals.filter((a) => a.regime === regime);
  const valid = mine.find((a) => a.status === 'granted' && (a.valid_until ?? '') >= today);
  if (valid) return valid;
  return mine.length ? mine.reduce((a, b) => (b.id > a.id ? b : a)) : null;
}

/** Whether a new request may be sent for the regime (none awaiting a decision, none valid). */
export function canRequest(approvals: ProductApproval[], regime: string, today: string): boolean {
  const a = approvalFor(approvals, regime, today);
  return !a || a.status === 'refused' || (a.status === 'granted' && (a.valid_until ?? '') < today);
}

/** Today as YYYY-MM-DD in UTC (the server's dates are UTC days). */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
