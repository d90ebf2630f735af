// Pure logic of the staff money pages: amounts, labels, refund rules, and turning the server's
// RFC 9457 problems into readable French next to the right form field.
import { ApiError, errorMessage, fieldErrorText, type ReceivedProblem } from '../errors';
import { errorText } from '../i18n/errors';
import type { ProblemFieldError, Refund } from '../types';
import { st, stDyn } from '../i18n/staff';

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

/** "line 3" → "Ligne 3"; "items/0/amount" → "Élément n° 1"; else null. */
function where(path: string): string | null {
  let m = /^line (\d+)/.exec(path);
  if (m) return st('prob.where.line', { n: m[1] });
  m = /^(?:items|transactions)\/(\d+)/.exec(path);
  if (m) return st('prob.where.item', { n: Number(m[1]) + 1 });
  return null;
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

/** Codes about the content of a statement file: shown next to the file too. */
const STATEMENT_FILE_CODES = new Set([
  'csv.unterminated_quote',
  'statement.empty',
  'statement.too_large',
  'statement.header',
  'statement.shape',
  'statement.too_few_fields',
  'statement.item_not_object',
  'statement.no_transaction',
  'statement.amount',
  'statement.fee',
  'statement.date',
]);

/** The params of a problem for its text: a payment state is shown by its label. */
function textParams(params: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!params?.state) return params;
  return { ...params, state: stateLabel(params.state) };
}

/** Where in a statement a problem is, from its params ({line} or {item}); else null. */
function whereOf(params: Record<string, string> | undefined): string | null {
  if (params?.line) return st('prob.where.line', { n: params.line });
  if (params?.item) return st('prob.where.item', { n: params.item });
  return null;
}

/** The text of a field error, prefixed with its statement line when it has one. */
function fieldText(e: ProblemFieldError): string {
  const what = fieldErrorText({ ...e, params: textParams(e.params) });
  const w = where(e.field.replace(/^\/+/, ''));
  return w ? st('prob.line', { where: w, what }) : what;
}

/**
 * A problem from the payments API in readable French (or English), translated by its code and
 * the code of each field error (i18n/errors/payments.ts); statement errors ("line 3",
 * "items/0/amount", "header") are put on the file field, prefixed with where they are. An unknown
 * code gets the general message of its type or status; a problem without any code (older
 * servers) the general message with the server's detail as a technical note.
 */
export function readableProblem(err: unknown): ReadableProblem {
  if (!(err instanceof ApiError)) return { message: errorMessage(err), fields: {} };
  const problem: ReceivedProblem = err.problem ?? {};
  const fields: Record<string, string> = {};
  for (const e of problem.errors ?? []) {
    if (!e || typeof e.field !== 'string') continue;
    const f = formField(e.field);
    const text = fieldText(e);
    fields[f] = fields[f] ? `${fields[f]} ; ${text}` : text;
  }
  let message: string;
  const byCode = errorText(problem.code, textParams(problem.params));
  if (byCode) {
    const w = whereOf(problem.params);
    message = w ? st('prob.line', { where: w, what: byCode }) : byCode;
  } else if (problem.code) {
    message = errorMessage(err);
  } else {
    message = errorMessage(new ApiError(err.status, { ...problem, detail: undefined, title: undefined }));
    if (problem.detail && err.status !== 403) message += ' ' + st('prob.technical', { detail: problem.detail });
  }
  // A statement error without field list still belongs next to the file.
  if (!fields.statement && problem.code && STATEMENT_FILE_CODES.has(problem.code)) fields.statement = message;
  return { message, fields };
}
