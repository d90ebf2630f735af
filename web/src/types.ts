// Shapes of the HTTP API v1. They come from the OpenAPI document, src/api/openapi.json: the web
// build generates src/generated/openapi.ts from it (npm run types, run before build, test and
// lint; the file is not committed). This file only names the schemas the web uses, and adds the
// few looser shapes of what the forms send.
import type { components } from './generated/openapi';

type Schemas = components['schemas'];

export type Role = Schemas['Role'];
export type Status = Schemas['Status'];
export type TransportMode = Schemas['TransportMode'];
export type CompanyRef = Schemas['CompanyRef'];
export type User = Schemas['User'];
export type SessionInfo = Schemas['SessionInfo'];

export type Application = Schemas['Application'];
export type ApplicationSummary = Schemas['ApplicationSummary'];
export type ApplicationKind = Schemas['ApplicationKind'];
export type HistoryEntry = Schemas['HistoryEntry'];
export type GoodsLine = Schemas['GoodsLineInput'];
export type OriginFacts = Schemas['OriginFacts'];
export type OriginVerdict = Schemas['OriginVerdict'];
export type Outcome = OriginVerdict['outcome'];
export type Evaluation = Schemas['Evaluation'];

export type ProductKind = Schemas['ProductKind'];
export type Product = Schemas['Product'];
export type ProductApproval = Schemas['ProductApproval'];
export type ApprovalStatus = Schemas['ApprovalStatus'];
export type Approval = Schemas['Approval'];
export type Company = Schemas['Company'];
export type CompanyStatus = Schemas['CompanyStatus'];
export type CompanyApproval = Schemas['CompanyApproval'];
export type CompanyUser = Schemas['CompanyUser'];
export type CountryEntry = Schemas['Country'];
export type HsHit = Schemas['HsHit'];

export type Revocation = Schemas['Revocation'];
export type CertificateSummary = Schemas['CertificateSummary'];
export type Certificate = Schemas['Certificate'];
export type Verification = Schemas['Verification'];
export type VerificationStatus = Verification['status'];
export type VerifiedCertificate = Schemas['VerifiedCertificate'];
/** A verification as shown: the server's answer, or the offline verifier's (no reason, no document check). */
export type VerificationView = Omit<Verification, 'reason' | 'document'> & Partial<Pick<Verification, 'reason' | 'document'>>;
export type LogProof = Schemas['LogProof'];

export type Problem = Schemas['Problem'];
export type ProblemFieldError = Schemas['FieldError'];

export type PaymentState = Schemas['PaymentState'];
export type PaymentIntent = Schemas['PaymentIntent'];
export type PaymentView = Schemas['PaymentView'];
export type Fee = Schemas['Fee'];
export type Refund = Schemas['Refund'];
export type Ledger = Schemas['Ledger'];
export type LedgerEntry = Schemas['LedgerEntry'];
export type ReconciliationSummary = Schemas['ReconciliationSummary'];
export type ReconciliationLine = Schemas['ReconciliationLine'];
export type Reconciliation = Schemas['Reconciliation'];
export type Treasury = Schemas['Treasury'];
export type TreasuryItem = Schemas['TreasuryItem'];

/** A list answer read by cursor (`next_cursor` null on the last page). */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** The regimes the application form offers (the server accepts those in force: GET /regimes). */
export type RegimeCode = 'ETLS' | 'UEMOA' | 'AFCFTA' | 'NP';

// What the forms send. A draft may leave out any field, and an amount typed that is not whole
// francs is sent as typed, so that the server names the field in its answer (422).
type Amount = number | string;
export type MaterialInput = Omit<Schemas['Material'], 'cif_xof'> & { cif_xof?: Amount };
export type OriginFactsInput = Omit<OriginFacts, 'ex_works_xof' | 'materials'> & {
  ex_works_xof?: Amount;
  materials?: MaterialInput[];
};
export type GoodsLineInput = Omit<GoodsLine, 'value_xof' | 'origin_facts'> & {
  value_xof?: Amount;
  origin_facts?: OriginFactsInput;
};
export type ApplicationInput = Partial<Omit<Schemas['ApplicationInput'], 'goods'>> & { goods?: GoodsLineInput[] };
export type ProductInput = Partial<Omit<Schemas['ProductInput'], 'ex_works_xof' | 'materials'>> & {
  ex_works_xof?: Amount | null;
  materials?: MaterialInput[];
};
