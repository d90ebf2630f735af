// The server-generated fixtures (scripts/verify-fixtures.mjs), typed. Tests only.
import raw from './server-fixtures.json';
import { fromBase64 } from '../bytes';

export interface ServerFixtures {
  generated_at: number;
  qr: Record<string, string>;
  /** Base64 DER of the root certificate (`origine keys export-root`). */
  root: string;
  /** Published trust-list documents (JSON text), oldest first: as seeded, after a rotation, after revoking the first signer. */
  trust_lists: string[];
}

export const fixtures = raw as ServerFixtures;
export const rootDer = () => fromBase64(fixtures.root);
