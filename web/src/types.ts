// Shapes of the HTTP API v1 (docs/formats/api.md).

export type Role = 'exporter' | 'agent' | 'signatory' | 'admin';
export type Status = 'draft' | 'submitted' | 'returned' | 'approved' | 'issued';
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

export interface Product {
  id: number;
  name: string;
  hs_code: string;
  producer: string;
  product_kind: string;
  ex_works_xof: number | null;
  approvals: { id: number; regime: string; status: string; number: string | null; valid_until: string | null }[];
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
  payment?: { status: string } | null;
  review_comment?: string | null;
  certificate_number?: string | null;
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

export interface Certificate {
  number: string;
  regime: string;
  application_id: number;
  company: CompanyRef;
  issued_at: string;
  expires_at: string;
  qr: string;
  document_sha256: string;
  kid: string;
}

export interface CertificateSummary {
  number: string;
  regime: string;
  application_id: number;
  company: CompanyRef;
  issued_at: string;
  expires_at: string;
  destination_country: string | null;
}

export type VerificationStatus =
  | 'valid'
  | 'malformed'
  | 'unknown_signer'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'not_found';

export interface Verification {
  valid: boolean;
  status: VerificationStatus;
  message_fr: string;
  message_en: string;
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
