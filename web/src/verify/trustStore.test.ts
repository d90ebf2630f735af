// acceptTrustList/keptTrustList over an in-memory Cache API (Node has none) and
// a stubbed fetch of the root endpoint; the lists and root are the server's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtures } from './testdata/fixtures';
import { acceptTrustList, keptTrustList, pinnedRoot, TRUST_ROOT_URL } from './trustStore';

class MemoryCache {
  private entries = new Map<string, { body: string; type: string }>();
  async match(key: string) {
    const e = this.entries.get(key);
    return e ? new Response(e.body, { headers: { 'Content-Type': e.type } }) : undefined;
  }
  async put(key: string, res: Response) {
    this.entries.set(key, { body: await res.text(), type: res.headers.get('Content-Type') ?? '' });
  }
}

const [first, rotated, revoked] = fixtures.trust_lists;
const now = fixtures.generated_at;
let rootRequests = 0;

beforeEach(() => {
  const store = new Map<string, MemoryCache>();
  vi.stubGlobal('caches', {
    open: async (name: string) => {
      if (!store.has(name)) store.set(name, new MemoryCache());
      return store.get(name);
    },
  });
  rootRequests = 0;
  vi.stubGlobal('fetch', async (url: string) => {
    if (url !== TRUST_ROOT_URL) throw new TypeError('network');
    rootRequests++;
    const body = { kid: rootKid(), certificate: fixtures.root };
    return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
  });
});
afterEach(() => vi.unstubAllGlobals());

function rootKid(): string {
  const header = JSON.parse(atob(JSON.parse(first).jws.split('.')[0].replace(/-/g, '+').replace(/_/g, '/')));
  return header.kid;
}

describe('trust-list store (service worker and page)', () => {
  it('pins the served root on first use, then never asks again', async () => {
    expect(await pinnedRoot()).toBeNull();
    const l1 = await acceptTrustList(first, now);
    expect(rootRequests).toBe(1);
    expect(await pinnedRoot()).not.toBeNull();
    const l2 = await acceptTrustList(rotated, now + 10);
    expect(rootRequests).toBe(1);
    expect(l2.version).toBeGreaterThan(l1.version);
    const kept = await keptTrustList();
    expect(kept?.list.version).toBe(l2.version);
    expect(kept?.meta).toEqual({ version: l2.version, issuedAt: l2.issuedAt, checkedAt: now + 10 });
  });

  it('never goes back to an older version (a replay could hide a revocation)', async () => {
    const l3 = await acceptTrustList(revoked, now);
    await expect(acceptTrustList(first, now + 1)).rejects.toThrow('older than the kept version');
    expect((await keptTrustList())?.list.version).toBe(l3.version);
  });

  it('keeps the good list when a fetched one does not verify', async () => {
    const l1 = await acceptTrustList(first, now);
    const d = JSON.parse(rotated);
    const parts = d.jws.split('.');
    parts[2] = parts[2].startsWith('A') ? 'B' + parts[2].slice(1) : 'A' + parts[2].slice(1);
    d.jws = parts.join('.');
    await expect(acceptTrustList(JSON.stringify(d), now + 1)).rejects.toThrow();
    expect((await keptTrustList())?.list.version).toBe(l1.version);
  });

  it('does not pin a root the first list does not verify with', async () => {
    const d = JSON.parse(first);
    d.jws = d.jws.replace(/\.[^.]+$/, '.AAAA');
    await expect(acceptTrustList(JSON.stringify(d), now)).rejects.toThrow();
    expect(await pinnedRoot()).toBeNull();
    expect(await keptTrustList()).toBeNull();
  });
});
