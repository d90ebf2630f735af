// Where the offline verifier keeps the trust list and the pinned root: the
// Cache API (origin-scoped, shared by the page and the service worker, kept
// when offline). Used by the service worker (stale-while-revalidate of
// GET /api/v1/trust-list) and by the page (reading the kept list; refreshing
// it itself when no service worker controls it yet).
//
// Rules (docs/adr/0045-offline-verifier-pins-root-on-first-use.md): the root
// certificate served by GET /api/v1/trust-list/root is pinned on the first
// visit (trust on first use), once a list verifies with it; afterwards a list
// is kept only if its JWS verifies with the pinned root and it is not a
// rollback (replaceRefusal). A list that fails never replaces a good one.
import { FormatError, fromBase64, toBase64 } from './bytes';
import { parseCertificate } from './der';
import { kidBase64, replaceRefusal, verifySignedTrustList, type VerifiedTrustList } from './trustList';

export const TRUST_CACHE = 'origine-trust-v1';
export const TRUST_LIST_URL = '/api/v1/trust-list';
export const TRUST_ROOT_URL = '/api/v1/trust-list/root';
// Synthetic keys: never fetched from the network.
const ROOT_KEY = '/__origine/pinned-root';
const META_KEY = '/__origine/trust-list-meta';

export interface KeptMeta {
  version: number;
  /** Unix seconds: the list's own issued_at. */
  issuedAt: number;
  /** Unix seconds: when this device last fetched and verified a list. */
  checkedAt: number;
}

export interface KeptTrustList {
  list: VerifiedTrustList;
  meta: KeptMeta;
}

async function cache(): Promise<Cache> {
  return caches.open(TRUST_CACHE);
}

async function readText(key: string): Promise<string | null> {
  const res = await (await cache()).match(key);
  return res ? res.text() : null;
}

async function put(key: string, body: string, type: string): Promise<void> {
  await (await cache()).put(key, new Response(body, { headers: { 'Content-Type': type } }));
}

export async function pinnedRoot(): Promise<Uint8Array | null> {
  const b64 = await readText(ROOT_KEY);
  return b64 ? fromBase64(b64) : null;
}

/** The root certificate the server offers (GET /api/v1/trust-list/root), checked for shape only. */
async function serverRoot(): Promise<Uint8Array> {
  const res = await fetch(TRUST_ROOT_URL, { cache: 'no-cache', credentials: 'omit' });
  if (!res.ok) throw new FormatError(`trust list root: HTTP ${res.status}`);
  const body = (await res.json()) as { kid?: unknown; certificate?: unknown };
  if (typeof body.certificate !== 'string') throw new FormatError('trust list root: no "certificate"');
  const der = fromBase64(body.certificate);
  parseCertificate(der);
  if (body.kid !== (await kidBase64(der))) throw new FormatError('trust list root: "kid" does not match the certificate');
  return der;
}

async function keptList(root: Uint8Array): Promise<VerifiedTrustList | null> {
  const json = await readText(TRUST_LIST_URL);
  return json ? verifySignedTrustList(json, root) : null;
}

/**
 * Verifies a freshly fetched trust list (JSON text) and keeps it. On the first
 * visit the root is fetched from the server and pinned once the list verifies
 * with it. Throws FormatError (English) when the list does not verify with the
 * pinned root or would roll back the kept one; the kept list is then unchanged.
 */
export async function acceptTrustList(json: string, nowUnix: number): Promise<VerifiedTrustList> {
  const pinned = await pinnedRoot();
  const root = pinned ?? (await serverRoot());
  const list = await verifySignedTrustList(json, root);
  let kept: VerifiedTrustList | null = null;
  try {
    kept = pinned ? await keptList(pinned) : null;
  } catch {
    kept = null; // the kept entry no longer verifies: replace it
  }
  const refusal = replaceRefusal(kept, list);
  if (refusal) throw new FormatError(refusal);
  if (!pinned) await put(ROOT_KEY, toBase64(root), 'text/plain');
  await put(TRUST_LIST_URL, json, 'application/json');
  const meta: KeptMeta = { version: list.version, issuedAt: list.issuedAt, checkedAt: nowUnix };
  await put(META_KEY, JSON.stringify(meta), 'application/json');
  return list;
}

/** The kept list, verified again with the pinned root (a changed cache entry is not trusted); null if none. */
export async function keptTrustList(): Promise<KeptTrustList | null> {
  const root = await pinnedRoot();
  if (!root) return null;
  const list = await keptList(root);
  const metaText = await readText(META_KEY);
  if (!list || !metaText) return null;
  return { list, meta: JSON.parse(metaText) as KeptMeta };
}
