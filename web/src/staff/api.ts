// Staff money API calls (docs/formats/payments.md; shapes in ../types.ts, from openapi.json). Lazy: only
// the staff pages use it.
import { API, request } from '../api';
import type {
  Ledger,
  Page,
  PaymentIntent,
  Reconciliation,
  ReconciliationSummary,
  Treasury,
} from '../types';
import { query } from './money';

export type { Ledger, LedgerEntry, Reconciliation, ReconciliationLine, ReconciliationSummary, Treasury, TreasuryItem } from '../types';

/** A payment as staff read it (with the refund's reason and the last error). */
export type StaffIntent = PaymentIntent;

export const PAGE_SIZE = 50;

/** The page size asked for in the page's URL (`?limit=`, 1–500), else PAGE_SIZE. */
export function pageSize(q: URLSearchParams): number {
  const v = q.get('limit') ?? '';
  const n = /^\d{1,3}$/.test(v) ? Number(v) : 0;
  return n >= 1 && n <= 500 ? n : PAGE_SIZE;
}

const ref = (r: string) => encodeURIComponent(r);

export const staffApi = {
  payments(state: string, cursor: string | null, limit = PAGE_SIZE): Promise<Page<StaffIntent>> {
    return request('GET', '/payments' + query({ state, limit, cursor }));
  },
  payment(reference: string): Promise<StaffIntent> {
    return request('GET', `/payments/${ref(reference)}`);
  },
  refund(reference: string, reason: string): Promise<StaffIntent> {
    return request('POST', `/payments/${ref(reference)}/refund`, { reason });
  },
  confirmRefund(reference: string, providerRefundId: string): Promise<StaffIntent> {
    return request('POST', `/payments/${ref(reference)}/refund/confirm`, { provider_refund_id: providerRefundId });
  },
  ledger(cursor: string | null, limit = PAGE_SIZE): Promise<Ledger> {
    return request('GET', '/ledger' + query({ limit, cursor }));
  },
  reconciliations(): Promise<{ items: ReconciliationSummary[] }> {
    return request('GET', '/reconciliations');
  },
  reconciliation(id: number): Promise<Reconciliation> {
    return request('GET', `/reconciliations/${id}`);
  },
  /** `statement` null: the server fetches it from the provider's API (Wave). */
  importStatement(provider: string, date: string, statement: string | null): Promise<Reconciliation> {
    const body: Record<string, string> = { provider, date };
    if (statement !== null) body.statement = statement;
    return request('POST', '/reconciliations', body);
  },
  treasury(date: string): Promise<Treasury> {
    return request('GET', '/treasury' + query({ date }));
  },
};

export function reconciliationUrl(id: number, format: 'csv' | 'xlsx'): string {
  return `${API}/reconciliations/${id}?format=${format}`;
}

export function treasuryUrl(date: string, format: 'pdf' | 'xlsx'): string {
  return `${API}/treasury${query({ date, format })}`;
}

export function staffReceiptUrl(reference: string): string {
  return `${API}/payments/${ref(reference)}/receipt`;
}
