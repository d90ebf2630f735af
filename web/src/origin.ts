// Pure helpers of the origin calculator view: which verdict goes with which form line, how to
// word it, and when an HS query is worth sending. No DOM here (unit-tested).
import type { ApplicationForm } from './form';
import { isBlankLine } from './form';
import type { OriginVerdict, Outcome } from './types';

/**
 * The API numbers lines among the non-blank lines sent; map each form line index to its verdict
 * (blank lines have none).
 */
export function verdictsByFormLine(form: ApplicationForm, origin: OriginVerdict[]): (OriginVerdict | null)[] {
  const out: (OriginVerdict | null)[] = [];
  let sent = 0;
  for (const g of form.goods) {
    if (isBlankLine(g)) {
      out.push(null);
      continue;
    }
    out.push(origin.find((v) => v.line === sent) ?? null);
    sent++;
  }
  return out;
}

export function outcomeClass(o: Outcome): string {
  return o === 'originating' ? 'verdict-ok' : o === 'not_originating' ? 'verdict-ko' : 'verdict-review';
}

export function explanation(v: OriginVerdict, lang: 'fr' | 'en'): string {
  return lang === 'en' ? v.explanation_en : v.explanation_fr;
}

/** An HS query: at least 2 digits, or at least 3 letters; trimmed; null when not worth a request. */
export function hsQuery(raw: string): string | null {
  const q = raw.trim();
  if (/^[\d.\s]+$/.test(q)) return q.replace(/[.\s]/g, '').length >= 2 ? q : null;
  return q.length >= 3 ? q : null;
}

/** A stable key of the form content that matters for the verdict (to skip useless evaluations). */
export function evaluationKey(input: unknown): string {
  return JSON.stringify(input);
}
