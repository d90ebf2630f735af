// Pure logic of the staff money pages: amounts, labels, paging, refund rules, and turning the
// server's RFC 9457 problems into readable French next to the right form field.
import { ApiError, errorMessage, type ReceivedProblem } from '../errors';
import type { Refund } from '../types';
import { st, stDyn, type StaffKey } from '../i18n/staff';

export const PAYMENT_STATES = [
  'succeeded',
  'late_success',
  'refund_pending',
  'refunded',
  'pending',
  'unknown',
  'initiating',
  'created',
  'failed',
  'expired',
  'cancelled',
] as const;

export const CLASSES = ['matched', 'amount_mismatch', 'missing_ours', 'missing_at_provider', 'fee_variance'] as const;

export const PROVIDERS = ['orange', 'wave', 'cinetpay', 'momo'] as const;

export function stateLabel(state: string): string {
  return stDyn('state.', state);
}

export function classLabel(cls: string): string {
  return stDyn('class.', cls);
}

export function kindLabel(kind: string): string {
  return stDyn('kind.', kind);
}

export function providerLabel(provider: string): string {
  return stDyn('provider.', provider);
}

/** "ProviderClearing:orange" → "Compte d'attente Orange Money"; unknown accounts stay raw. */
export function accountLabel(account: string): string {
  const [head, rest] = account.split(/:(.*)/s, 2);
  if (head === 'ProviderClearing' && rest) return st('account.ProviderClearing', { provider: providerLabel(rest) });
  return stDyn('account.', account);
}

/** A statement's `source` ("api:2026-11-27", "upload:2026-11-27") → how it came and its day. */
export function statementSource(source: string): { kind: 'api' | 'upload' | 'other'; day: string | null } {
  const m = /^(api|upload)(?::(\d{4}-\d{2}-\d{2}))?$/.exec(source);
  if (!m) return { kind: 'other', day: null };
  return { kind: m[1] as 'api' | 'upload', day: m[2] ?? null };
}

/** A late success (money arrived after expiry) or a payment flagged for review needs a person. */
export function needsAction(p: { state: string; review?: string | null }): boolean {
  return p.state === 'late_success' || (!!p.review && p.state !== 'refunded' && p.state !== 'refund_pending');
}

/** A query string from the defined, non-empty parameters ("?state=x&limit=50"), or "". */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The provider's way of refunding (intent `refund_mode`): `provider` (its API) or `manual`; absent means manual. */
export function refundMode(p: { refund_mode?: string | null }): string {
  return typeof p.refund_mode === 'string' && p.refund_mode !== '' ? p.refund_mode : 'manual';
}

/** What the refund rules read of an intent's refund (older answers may lack some of it). */
export type RefundView = Pick<Refund, 'state'> & Partial<Omit<Refund, 'state'>>;

type Refundable = { state: string; refund_mode?: string | null; refund?: RefundView | null };

/**
 * Where the refund of a `refund_pending` intent stands (`refund.state`: manual, requested, sent,
 * unclear, retry, refused, done); without a `refund` object (older answers): `manual` when the
 * provider has no refund API, else `requested`. Null when no refund is pending.
 */
export function refundState(p: Refundable): string | null {
  if (p.state !== 'refund_pending') return null;
  if (p.refund?.state) return p.refund.state;
  return refundMode(p) === 'manual' ? 'manual' : 'requested';
}

/** "Rembourser": a paid payment, or a pending refund the provider refused (a new attempt). */
export function mayRefund(p: Refundable): boolean {
  return p.state === 'succeeded' || p.state === 'late_success' || refundState(p) === 'refused';
}

/** "Confirmer le remboursement": a manual refund, or one refunded outside after a refusal. */
export function mayConfirmRefund(p: Refundable): boolean {
  const r = refundState(p);
  return r === 'manual' || r === 'refused';
}

/** The provider is working on it (or we are asking it): nothing for a person to do but wait. */
export function refundInFlight(p: Refundable): boolean {
  const r = refundState(p);
  return r !== null && r !== 'manual' && r !== 'refused';
}

/** The last error or review note of an intent, readable; "" when none. */
export function lastError(p: { last_error?: string | null; review?: string | null }): string {
  if (p.last_error) return p.last_error;
  return stDyn('review.', p.review);
}

/** Sums of `amount_xof` and `count` per key. */
export function totalsBy<T extends { amount_xof: number; count?: number }>(
  items: T[],
  key: (item: T) => string,
): { key: string; count: number; amount_xof: number }[] {
  const m = new Map<string, { key: string; count: number; amount_xof: number }>();
  for (const i of items) {
    const k = key(i);
    const cur = m.get(k) ?? { key: k, count: 0, amount_xof: 0 };
    cur.count += i.count ?? 1;
    cur.amount_xof += i.amount_xof;
    m.set(k, cur);
  }
  return [...m.values()];
}

// ------------------------------------------------------------------ problems → French

/** The form field a server error path belongs to: statement lines and headers belong to the file. */
export function formField(path: string): string {
  const p = path.trim().replace(/^\/+/, '');
  return p === 'header' || /^line \d+/.test(p) || /^(items|transactions)\//.test(p) ? 'statement' : p;
}

const WHAT: [RegExp, StaffKey][] = [
  [/^too few fields$/, 'prob.what.too_few_fields'],
  [/^no (transaction[_ ]id|financialTransactionId)$/, 'prob.what.no_txn'],
  [/^bad amount$/, 'prob.what.bad_amount'],
  [/^bad fee$/, 'prob.what.bad_fee'],
  [/^bad (date|timestamp)$/, 'prob.what.bad_date'],
  [/^not an object$/, 'prob.what.not_object'],
];

/** "line 3" → "Ligne 3"; "items/0/amount" → "Élément n° 1"; else null. */
function where(path: string): string | null {
  let m = /^line (\d+)/.exec(path);
  if (m) return st('prob.where.line', { n: m[1] });
  m = /^(?:items|transactions)\/(\d+)/.exec(path);
  if (m) return st('prob.where.item', { n: Number(m[1]) + 1 });
  return null;
}

const DETAIL: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^only (an administrator|administrators)/, () => st('prob.denied')],
  [/^unknown or disabled provider$/, () => st('prob.provider')],
  [/^provider and date are required$/, () => st('prob.provider_date')],
  [/^date (must be YYYY-MM-DD|is required)$/, () => st('prob.date')],
  [/^the statement is empty$/, () => st('prob.empty')],
  [/^the statement is larger than/, () => st('prob.too_large')],
  [/^line 1: the statement header lacks a column$/, () => st('prob.header')],
  [/^a Wave statement is/, () => st('prob.wave_shape')],
  [/^a MoMo statement is/, () => st('prob.momo_shape')],
  [/^this statement was imported already$/, () => st('prob.duplicate')],
  [/^wave transactions:/, () => st('prob.fetch')],
  [/^payments are not configured$/, () => st('prob.unavailable')],
  [/^give the reason for the refund$/, () => st('prob.reason')],
  [/^give the provider's refund reference$/, () => st('prob.refund_id')],
  [/^only a succeeded or late payment can be refunded \(it is (\w+)\)$/, (m) => st('prob.not_refundable', { state: stateLabel(m[1]) })],
  [/^this payment has no refund pending$/, () => st('prob.no_refund_pending')],
  [/^the payment changed meanwhile$/, () => st('prob.changed')],
  [/^no (such payment|reconciliation)/, () => st('prob.not_found')],
  [
    /^((?:line \d+|(?:items|transactions)\/\d+)): (.+)$/,
    (m) => {
      const w = where(m[1]) ?? m[1];
      const hit = WHAT.find(([re]) => re.test(m[2]));
      return hit ? st('prob.line', { where: w, what: st(hit[1]) }) : '';
    },
  ],
];

const FIELD_MESSAGE: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^is required$/, () => st('prob.field.required')],
  [/^is required \(YYYY-MM-DD\)$/, () => st('prob.field.required')],
  [/^is required \(at most 2000 characters\)$/, () => st('prob.field.reason')],
  [/^must be an enabled provider$/, () => st('prob.field.enabled_provider')],
  [/^must be a date YYYY-MM-DD$/, () => st('prob.field.date')],
  [/^must be whole XOF$/, () => st('prob.field.whole_xof')],
  [/^must be (an )?ISO 8601( time)?$/, () => st('prob.field.iso_time')],
  [/^must be an object$/, () => st('prob.field.object')],
  [/^too few fields$/, () => st('prob.field.too_few_fields')],
  [/^no column (.+)$/, (m) => st('prob.field.no_column', { column: m[1] })],
];

function translate(table: [RegExp, (m: RegExpExecArray) => string][], text: string): string {
  const s = text.trim().replace(/\.$/, '');
  for (const [re, fn] of table) {
    const m = re.exec(s);
    if (m) {
      const out = fn(m);
      if (out) return out;
    }
  }
  return '';
}

export interface ReadableProblem {
  /** The message for the top of the form (current language). */
  message: string;
  /** Messages per form field ("provider", "date", "statement", "reason", "provider_refund_id", …). */
  fields: Record<string, string>;
}

/** The message of a payments problem (for a page that shows no form). */
export function problemMessage(err: unknown): string {
  return readableProblem(err).message;
}

/**
 * A problem from the payments API in readable French (or English): the known server texts are
 * translated; statement errors ("line 3", "items/0/amount", "header") are put on the file field,
 * prefixed with where they are. Unknown texts fall back to the general message of the status,
 * with the server's detail as a technical note.
 */
export function readableProblem(err: unknown): ReadableProblem {
  if (!(err instanceof ApiError)) return { message: errorMessage(err), fields: {} };
  const problem: ReceivedProblem = err.problem ?? {};
  const fields: Record<string, string> = {};
  for (const e of problem.errors ?? []) {
    if (!e || typeof e.field !== 'string') continue;
    const f = formField(e.field);
    const w = where(e.field.replace(/^\/+/, ''));
    const what = translate(FIELD_MESSAGE, String(e.message ?? '')) || String(e.message ?? '');
    const text = w ? st('prob.line', { where: w, what }) : what;
    fields[f] = fields[f] ? `${fields[f]} ; ${text}` : text;
  }
  const detail = problem.detail ?? '';
  let message = detail ? translate(DETAIL, detail) : '';
  if (!message) {
    message = errorMessage(new ApiError(err.status, { ...problem, detail: undefined, title: undefined }));
    if (detail && err.status !== 403) message += ' ' + st('prob.technical', { detail });
  }
  // A statement error without field list still belongs next to the file.
  if (!fields.statement && /^(line \d+|items\/|transactions\/|a (Wave|MoMo) statement|the statement is)/.test(detail)) {
    fields.statement = message;
  }
  return { message, fields };
}
