// Thin fetch wrapper for /api/v1: same-origin cookies, CSRF header on writes, problem+json errors.
import { ApiError } from './errors';
import type {
  Application,
  Approval,
  ApprovalStatus,
  Company,
  CompanyApproval,
  CompanyStatus,
  CompanyUser,
  CountryEntry,
  ProductInput,
  ApplicationInput,
  ApplicationSummary,
  Certificate,
  CertificateSummary,
  Evaluation,
  Fee,
  HsHit,
  PaymentIntent,
  Product,
  SessionInfo,
  Status,
  Verification,
} from './types';

export const API = '/api/v1';

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated call answers 401 (session expired). */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

/** One API call: JSON in and out, CSRF header on writes; throws ApiError with the problem on failure. */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: { quiet401?: boolean; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...opts.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(API + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {});
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const problem = data && typeof data === 'object' ? (data as object) : {};
    if (res.status === 401 && !opts.quiet401 && onUnauthenticated) onUnauthenticated();
    throw new ApiError(res.status, problem);
  }
  return data as T;
}

export const api = {
  async login(email: string, password: string): Promise<SessionInfo> {
    const s = await request<SessionInfo>('POST', '/auth/login', { email, password }, { quiet401: true });
    setCsrfToken(s.csrf_token);
    return s;
  },
  async me(): Promise<SessionInfo> {
    const s = await request<SessionInfo>('GET', '/auth/me', undefined, { quiet401: true });
    setCsrfToken(s.csrf_token);
    return s;
  },
  async logout(): Promise<void> {
    try {
      await request<void>('POST', '/auth/logout', {}, { quiet401: true });
    } finally {
      setCsrfToken(null);
    }
  },
  listApplications(status?: Status): Promise<{ items: ApplicationSummary[] }> {
    return request('GET', '/applications' + (status ? `?status=${encodeURIComponent(status)}` : ''));
  },
  getApplication(id: number | string): Promise<Application> {
    return request('GET', `/applications/${encodeURIComponent(String(id))}`);
  },
  createApplication(input: ApplicationInput): Promise<Application> {
    return request('POST', '/applications', input);
  },
  updateApplication(id: number, input: ApplicationInput): Promise<Application> {
    return request('PUT', `/applications/${id}`, input);
  },
  submit(id: number): Promise<Application> {
    return request('POST', `/applications/${id}/submit`, {});
  },
  approve(id: number, comment?: string): Promise<Application> {
    return request('POST', `/applications/${id}/approve`, comment ? { comment } : {});
  },
  returnForCorrection(id: number, comment: string): Promise<Application> {
    return request('POST', `/applications/${id}/return`, { comment });
  },
  sign(id: number): Promise<Application> {
    return request('POST', `/applications/${id}/sign`, {});
  },
  evaluate(input: ApplicationInput): Promise<Evaluation> {
    return request('POST', '/applications/evaluate', input);
  },
  listProducts(): Promise<{ items: Product[] }> {
    return request('GET', '/products');
  },
  getProduct(id: number): Promise<Product> {
    return request('GET', `/products/${id}`);
  },
  createProduct(input: ProductInput): Promise<Product> {
    return request('POST', '/products', input);
  },
  updateProduct(id: number, input: ProductInput): Promise<Product> {
    return request('PUT', `/products/${id}`, input);
  },
  deleteProduct(id: number): Promise<void> {
    return request('DELETE', `/products/${id}`);
  },
  requestApproval(productId: number, regime: string): Promise<Approval> {
    return request('POST', `/products/${productId}/approvals`, { regime });
  },
  listApprovals(status?: ApprovalStatus): Promise<{ items: Approval[] }> {
    return request('GET', '/approvals' + (status ? `?status=${status}` : ''));
  },
  decideApproval(
    id: number,
    decision: { decision: 'grant'; number: string; valid_until: string; comment?: string } | { decision: 'refuse'; comment: string },
  ): Promise<Approval> {
    return request('POST', `/approvals/${id}/decide`, decision);
  },
  myCompany(): Promise<Company> {
    return request('GET', '/company');
  },
  updateMyCompany(input: Partial<Pick<Company, 'name' | 'nif' | 'rccm' | 'address' | 'sector'>>): Promise<Company> {
    return request('PUT', '/company', input);
  },
  listCompanies(): Promise<{ items: Company[] }> {
    return request('GET', '/companies');
  },
  getCompany(id: number): Promise<Company> {
    return request('GET', `/companies/${id}`);
  },
  setCompanyStatus(id: number, status: CompanyStatus, comment: string): Promise<Company> {
    return request('POST', `/companies/${id}/status`, { status, comment });
  },
  grantApprovedExporter(
    id: number,
    input: { regime: string; number: string; valid_until: string; valid_from?: string; comment?: string },
  ): Promise<CompanyApproval> {
    return request('POST', `/companies/${id}/approved-exporter`, input);
  },
  revokeApprovedExporter(id: number, approvalId: number, comment: string): Promise<CompanyApproval> {
    return request('POST', `/companies/${id}/approved-exporter/${approvalId}/revoke`, { comment });
  },
  listCompanyUsers(id: number): Promise<{ items: CompanyUser[] }> {
    return request('GET', `/companies/${id}/users`);
  },
  addCompanyUser(id: number, input: { email: string; name: string; password: string }): Promise<CompanyUser> {
    return request('POST', `/companies/${id}/users`, input);
  },
  setCompanyUserActive(id: number, userId: number, active: boolean): Promise<CompanyUser> {
    return request('POST', `/companies/${id}/users/${userId}/${active ? 'enable' : 'disable'}`, {});
  },
  countries(lang: 'fr' | 'en'): Promise<{ items: CountryEntry[] }> {
    return request('GET', `/countries?lang=${lang}`, undefined, { quiet401: true });
  },
  searchHs(q: string, lang: string): Promise<{ items: HsHit[] }> {
    return request('GET', `/hs?q=${encodeURIComponent(q)}&lang=${encodeURIComponent(lang)}&limit=10`);
  },
  listCertificates(): Promise<{ items: CertificateSummary[] }> {
    return request('GET', '/certificates');
  },
  getCertificate(number: string): Promise<Certificate> {
    return request('GET', `/certificates/${encodeURIComponent(number)}`);
  },
  revokeCertificate(number: string, reason: string): Promise<Certificate> {
    return request('POST', `/certificates/${encodeURIComponent(number)}/revoke`, { reason });
  },
  amendCertificate(number: string, kind: 'amendment' | 'duplicate'): Promise<Application> {
    return request('POST', `/certificates/${encodeURIComponent(number)}/amend`, { kind });
  },
  fees(regime: string): Promise<{ items: Fee[] }> {
    return request('GET', `/fees?regime=${encodeURIComponent(regime)}`);
  },
  createPayment(id: number, provider: string, payerMsisdn: string | null, idempotencyKey: string): Promise<PaymentIntent> {
    const body: Record<string, string> = { provider };
    if (payerMsisdn) body.payer_msisdn = payerMsisdn;
    return request('POST', `/applications/${id}/payments`, body, { headers: { 'Idempotency-Key': idempotencyKey } });
  },
  getPayment(reference: string): Promise<PaymentIntent> {
    return request('GET', `/payments/${encodeURIComponent(reference)}`);
  },
  checkPayment(reference: string): Promise<PaymentIntent> {
    return request('POST', `/payments/${encodeURIComponent(reference)}/check`, {});
  },
  verify(query: { qr: string } | { number: string }): Promise<Verification> {
    return request('POST', '/verify', query, { quiet401: true });
  },
};

export function receiptUrl(reference: string): string {
  return `${API}/payments/${encodeURIComponent(reference)}/receipt`;
}

export function certificatePdfUrl(number: string): string {
  return `${API}/certificates/${encodeURIComponent(number)}/pdf`;
}
