// Turning RFC 9457 problems into readable messages and per-field errors, in the user's language.
// A problem's `code` and each `errors[].code` are looked up in the catalogues of i18n/errors/;
// an unknown code gets the general message of its type or HTTP status (never the server's English
// sentence in the French interface).
import { getLang, t, type MessageKey } from './i18n';
import { errorText } from './i18n/errors';
import type { Problem, ProblemFieldError } from './types';

/** A problem as received: whatever part of an RFC 9457 body came (nothing for a network failure). */
export type ReceivedProblem = Partial<Problem>;

/** Error thrown by the API client: HTTP status (0 = network failure) and the problem body, if any. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ReceivedProblem;
  constructor(status: number, problem: ReceivedProblem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
  get slug(): string {
    return problemSlug(this.problem, this.status);
  }
}

const SLUG_BY_STATUS: Record<number, string> = {
  400: 'invalid-json',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'invalid-input',
  500: 'internal',
  503: 'unavailable',
};

/** The problem slug: last segment of `type` ("/problems/invalid-input" → "invalid-input"), else guessed from the status. */
export function problemSlug(problem: ReceivedProblem | null | undefined, status: number): string {
  const type = problem?.type;
  if (type && type !== 'about:blank') {
    const seg = type.replace(/\/+$/, '').split('/').pop();
    if (seg) return seg;
  }
  if (status === 0) return 'network';
  return SLUG_BY_STATUS[status] ?? 'generic';
}

/** The general message of a problem: by its type (slug), else by its HTTP status. */
function generalMessage(err: ApiError): string {
  const key = ('error.' + err.slug) as MessageKey;
  const text = t(key, { status: err.status });
  if (text !== key) return text;
  const byStatus = ('error.' + (SLUG_BY_STATUS[err.status] ?? 'generic')) as MessageKey;
  return t(byStatus, { status: err.status });
}

/** A readable message (current language) for an error of any kind. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const byCode = errorText(err.problem.code, err.problem.params);
    if (byCode) return byCode;
    return generalMessage(err);
  }
  if (err instanceof Error && err.message) return err.message;
  return t('error.generic', { status: '?' });
}

/**
 * The text of one field error: by its code; else a general "invalid value" in French (the
 * server's English sentence in the English interface).
 */
export function fieldErrorText(e: ProblemFieldError): string {
  const message = String(e.message ?? '');
  const byCode = errorText(e.code, e.params);
  if (byCode) return byCode;
  return getLang() === 'en' && message ? message : t('error.field.invalid');
}

/**
 * Normalise a field path to the slash form used as keys in the forms: "goods/0/hs_code".
 * Accepts JSON pointers ("/goods/0/hs_code", "#/goods/0/hs_code") and dotted or bracketed
 * forms ("goods[0].hs_code", "goods.0.hs_code").
 */
export function normalizeFieldPath(field: string): string {
  let f = field.trim();
  if (f.startsWith('#')) f = f.slice(1);
  f = f.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/');
  f = f.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\/{2,}/g, '/');
  // JSON pointer escapes
  return f.replace(/~1/g, '/').replace(/~0/g, '~');
}

export type FieldErrors = Record<string, string>;

/** Map the problem's `errors` to {"goods/0/hs_code": "message"}; several messages for one field are joined. */
export function fieldErrors(problem: ReceivedProblem | null | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const e of problem?.errors ?? []) {
    if (!e || typeof e.field !== 'string') continue;
    const key = normalizeFieldPath(e.field);
    const msg = fieldErrorText(e);
    out[key] = out[key] ? `${out[key]} ${msg}` : msg;
  }
  return out;
}

/**
 * Split field errors into the ones a form shows next to its fields (`known`) and the rest
 * (shown in a list at the top). A parent path (e.g. "goods") is known if the form declares it.
 */
export function splitFieldErrors(errors: FieldErrors, isKnown: (path: string) => boolean): {
  known: FieldErrors;
  other: FieldErrors;
} {
  const known: FieldErrors = {};
  const other: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) (isKnown(k) ? known : other)[k] = v;
  return { known, other };
}
