// Staff money API calls and shapes (docs/formats/payments.md). Lazy: only the staff pages use it.
import { API, request } from '../api';
import { query, type RefundView } from './money';

export interface StaffIntent {
  reference: string;
  application_id: number;
  provider: string;
  provider_label: string;
  service?: string;
  fee_code?: string;
  amount_xof: number;
  currency?: string;
  state: string;
  created_at: string;
  updated_at?: string;
  expires_at?: string;
  review: string | null;
  provider_transaction?: string | null;
  receipt_number: string | null;
  /** `provider` (refunded through its API) or `manual`; absent (older servers) means manual. */
  refund_mode?: string | null;
  /** Once a refund is asked (docs/formats/payments.md "Refunds"). */
  refund?: RefundView | null;
  last_error?: string | null;
}

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export interface LedgerEntry {
  id: number;
  at: string;
  kind: string;
  memo: string;
  reference: string | null;
  lines: { account: string; amount_xof: number }[];
}

export interface Ledger {
  balances: Record<string, number>;
  balanced: boolean;
  unbalanced_entries: number[];
  entries: LedgerEntry[];
  next_cursor?: string | null;
}

export interface ReconciliationSummary {
  id: number;
  provider: string;
  imported_at: string;
  source: string;
  lines: number;
  exceptions: number;
}

export interface ReconciliationLine {
  line: number;
  provider_transaction: string;
  reference: string;
  amount_xof: number;
  fee_xof: number;
  at: string | null;
  class: string;
  label_fr?: string;
  detail: string;
}

export interface Reconciliation {
  id: number;
  provider: string;
  imported_at: string;
  source: string;
  counts: Record<string, number>;
  lines: ReconciliationLine[];
}

export interface TreasuryItem {
  provider: string;
  regime: string;
  kind: string;
  count: number;
  amount_xof: number;
}

export interface Treasury {
  date: string;
  items: TreasuryItem[];
  net_clearing_movement_xof: number;
  balances_end_of_day: Record<string, number>;
  payments_to_review: number;
}

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
