// Shapes of the HTTP API v1 (docs/formats/api.md).

export type Role = 'exporter' | 'agent' | 'signatory' | 'admin' | 'auditor';
export type Status = 'draft' | 'awaiting_payment' | 'submitted' | 'returned' | 'approved' | 'issued';
export type RegimeCode = 'ETLS' | 'UEMOA' | 'AFCFTA' | 'NP';
export type TransportMode = 'road' | 'rail' | 'air' | 'sea' | 'multimodal';

export interface CompanyRef {
  id: number;
  name: string;
}

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  company: CompanyRef | null;
}

export interface SessionInfo {
  user: User;
  csrf_token: string;
}

export interface GoodsLineInput {
  hs_code?: string;
  description?: string;
  quantity?: string;
  unit?: string;
  gross_weight_kg?: string;
  net_weight_kg?: string;
  value_xof?: number;
  /** A product of the exporter's registry: its cost structure feeds the origin calculator. */
  product_id?: number;
  /** Facts for the origin calculator of a line without a registry product (or overriding it). */
  origin_facts?: OriginFactsInput;
}

export type ProductKind = 'industrial' | 'unprocessed' | 'handicraft';

export interface MaterialInput {
  hs_code?: string;
  description?: string;
  cif_xof?: number | string;
  origin_country?: string;
}

export interface OriginFactsInput {
  product_kind?: ProductKind;
  wholly_obtained?: boolean;
  suspensive_regime?: boolean;
  ex_works_xof?: number | string;
  materials?: MaterialInput[];
  processes?: string[];
  attributes?: Record<string, string>;
}

export type Outcome = 'originating' | 'not_originating' | 'needs_review';

export interface OriginVerdict {
  line: number;
  outcome: Outcome;
  criterion: string;
  explanation_fr: string;
  explanation_en: string;
  reasons: string[];
  form: string;
  regime_version: string;
  approval_number: string | null;
}

export interface Evaluation {
  regime: string;
  origin: OriginVerdict[];
  submittable: boolean;
  refusals: { field: string; message: string }[];
}

export type ApprovalStatus = 'requested' | 'granted' | 'refused';

export interface ProductApproval {
  id: number;
  regime: string;
  status: ApprovalStatus;
  number: string | null;
  valid_from: string | null;
  valid_until: string | null;
  comment: string;
  requested_at: string;
  decided_at: string | null;
}

export interface ProductInput {
  name?: string;
  hs_code?: string;
  producer?: string;
  product_kind?: ProductKind;
  wholly_obtained?: boolean;
  ex_works_xof?: number | string | null;
  materials?: MaterialInput[];
  processes?: string[];
}

export interface Product {
  id: number;
  company_id?: number;
  name: string;
  hs_code: string;
  producer: string;
  product_kind: string;
  wholly_obtained?: boolean;
  ex_works_xof: number | null;
  materials?: { hs_code: string; description: string; cif_xof: number; origin_country: string }[];
  processes?: string[];
  created_at?: string;
  updated_at?: string;
  approvals: ProductApproval[];
}

/** An approval in the authority's queue. */
export interface Approval extends ProductApproval {
  product: { id: number; name: string; hs_code: string };
  company: CompanyRef;
}

export type CompanyStatus = 'pending' | 'active' | 'suspended';

export interface CompanyApproval {
  id: number;
  company_id: number;
  regime: string;
  number: string;
  valid_from: string;
  valid_until: string;
  status: 'active' | 'revoked';
  valid_today: boolean;
  comment: string;
  granted_by: { id: number; name: string; role: string };
  granted_at: string;
  revoked_at: string | null;
  revoke_comment: string;
}

export interface Company {
  id: number;
  name: string;
  nif: string;
  rccm: string;
  address: string;
  sector: string;
  status: CompanyStatus;
  approved_exporter: CompanyApproval[];
}

export interface CompanyUser {
  id: number;
  email: string;
  name: string;
  role: 'exporter';
  active: boolean;
  created_at: string;
}

export interface CountryEntry {
  code: string;
  alpha3: string;
  name: string;
}

export interface HsHit {
  code: string;
  label: string;
  lang: string;
  level: number;
}

export interface ApplicationInput {
  regime?: RegimeCode;
  consignee?: { name?: string; address?: string; country?: string };
  origin_country?: string;
  destination_country?: string;
  transport?: { mode?: TransportMode; details?: string };
  invoice?: { number?: string; date?: string };
  goods?: GoodsLineInput[];
}

export interface HistoryEntry {
  at: string;
  actor: string;
  role: string;
  action: string;
  comment?: string | null;
}

export interface Application extends ApplicationInput {
  id: number;
  status: Status;
  company: CompanyRef;
  payment?: PaymentView | null;
  review_comment?: string | null;
  certificate_number?: string | null;
  kind?: ApplicationKind;
  predecessor?: string | null;
  created_at?: string;
  updated_at?: string;
  history?: HistoryEntry[];
  origin?: OriginVerdict[];
}

export interface ApplicationSummary {
  id: number;
  status: Status;
  regime: RegimeCode | null;
  company: CompanyRef;
  consignee_name: string | null;
  destination_country: string | null;
  goods_count: number;
  total_value_xof: number | null;
  certificate_number: string | null;
  updated_at: string;
}

export type ApplicationKind = 'issue' | 'amendment' | 'duplicate';

export interface Revocation {
  at: string;
  reason: string;
  scope: 'signer' | 'certificate';
}

export interface CertificateSummary {
  number: string;
  regime: string;
  application_id: number;
  company: CompanyRef;
  issued_at: string;
  expires_at: string;
  destination_country: string | null;
  status?: 'issued' | 'revoked' | 'replaced';
  kind?: ApplicationKind;
  predecessor?: string | null;
  revocation?: Revocation | null;
  successor?: { number: string; kind: string; at?: string } | null;
}

export interface Certificate extends CertificateSummary {
  qr: string;
  document_sha256: string;
  kid: string;
}

/** Every outcome of POST /api/v1/verify and `origine verify --json` (docs/formats/verification.md). */
export type VerificationStatus =
  | 'valid'
  | 'revoked'
  | 'amended'
  | 'expired'
  | 'not_yet_valid'
  | 'unknown_signer'
  | 'bad_signature'
  | 'malformed'
  | 'not_found'
  | 'document_mismatch';

export interface LogProof {
  index: number;
  tree_size: number;
  leaf: string;
  leaf_hash: string;
  inclusion_proof: string[];
  checkpoint: string;
}

export interface Verification {
  valid: boolean;
  status: VerificationStatus;
  message_fr: string;
  message_en: string;
  reason?: string;
  revocation?: Revocation;
  successor?: { number: string; kind?: string };
  document?: { checked: boolean; hash_matches: boolean };
  log?: LogProof;
  certificate?: {
    number: string;
    regime: string;
    issuer_country: string;
    exporter: { name: string; nif?: string | null };
    consignee: { name: string; country: string };
    origin_country: string;
    destination_country: string;
    issued_at: string;
    expires_at: string;
    invoice_reference?: string | null;
    goods: { hs_code: string; quantity: string; unit: string; net_weight_kg: string }[];
  };
}

export interface ProblemFieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  request_id?: string;
  errors?: ProblemFieldError[];
}

export type PaymentState =
  | 'created' | 'initiating' | 'pending' | 'succeeded' | 'failed' | 'expired' | 'cancelled' | 'unknown'
  | 'late_success' | 'refund_pending' | 'refunded';

export interface Fee {
  code: string;
  label_fr: string;
  label_en: string;
  amount_xof: number;
  service?: string;
  regime_version?: string;
}

export interface PaymentIntent {
  reference: string;
  application_id: number;
  provider: string;
  provider_label: string;
  amount_xof: number;
  state: PaymentState;
  payment_url: string | null;
  receipt_number: string | null;
  review: string | null;
  created_at: string;
  expires_at: string;
}

export interface PaymentView {
  /** not_required, due_on_submit, due, pending, paid */
  status: string;
  fee?: Fee | null;
  amount_xof?: number;
  intents?: PaymentIntent[];
  providers?: { code: string; label: string }[];
}
