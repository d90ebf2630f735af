// The service worker of /verify (registered with scope "/verify" by
// src/pages/Verify.tsx; built to dist/sw.js by the plugin in vite.config.ts).
//   - install: precache the app shell (/verify, every built asset, the icon)
//     and fetch + verify + keep the trust list;
//   - navigations under /verify: network first, the cached shell offline or
//     when the network takes more than 4 s;
//   - /assets/*: cache first (their names carry a content hash);
//   - GET /api/v1/trust-list: stale-while-revalidate; a fetched list replaces
//     the kept one only if it verifies with the pinned root and is not older
//     (src/verify/trustStore.ts);
//   - everything else (the API) goes to the network untouched.
/// <reference lib="webworker" />
import { TRUST_CACHE, TRUST_LIST_URL, acceptTrustList } from '../verify/trustStore';

declare const self: ServiceWorkerGlobalScope;
/** Absolute paths of the built files, injected at build time. */
declare const __PRECACHE__: string[];
/** Changes whenever a built file changes, so that a new build installs a new worker. */
declare const __SW_VERSION__: string;

const SHELL_CACHE = `origine-shell-${__SW_VERSION__}`;
const SHELL_URL = '/verify';

const now = () => Math.floor(Date.now() / 1000);

/** Country names (iso-codes registry, public reference data): kept so that offline verification names countries. */
const COUNTRIES_PATH = '/api/v1/countries';
const COUNTRIES_URLS = [`${COUNTRIES_PATH}?lang=fr`, `${COUNTRIES_PATH}?lang=en`];

async function refreshTrustList(request: RequestInfo = TRUST_LIST_URL): Promise<Response> {
  const res = await fetch(request, { cache: 'no-cache' });
  if (res.ok) {
    try {
      await acceptTrustList(await res.clone().text(), now());
    } catch (e) {
      // Kept list unchanged; the page shows the date of the list it uses.
      console.warn('origine sw: trust list not kept:', (e as Error).message);
    }
  }
  return res;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll([SHELL_URL, ...__PRECACHE__]);
      try {
        await refreshTrustList();
      } catch {
        /* offline during install: the page refreshes it later */
      }
      try {
        await cache.addAll(COUNTRIES_URLS);
      } catch {
        /* offline during install: kept on the next online visit */
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('origine-shell-') && key !== SHELL_CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

/** How long a navigation waits for the network before the cached shell answers (slow rural links). */
const NAVIGATION_TIMEOUT_MS = 4000;

async function navigation(event: FetchEvent): Promise<Response> {
  const network = fetch(event.request).then(async (res) => {
    if (res.ok && (res.headers.get('Content-Type') ?? '').startsWith('text/html')) {
      await (await caches.open(SHELL_CACHE)).put(SHELL_URL, res.clone());
    }
    return res;
  });
  event.waitUntil(network.catch(() => undefined));
  const cached = () => caches.match(SHELL_URL, { cacheName: SHELL_CACHE });
  let timer = 0;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), NAVIGATION_TIMEOUT_MS);
  });
  try {
    const first = await Promise.race([network, slow]);
    if (first !== 'slow') return first;
    return (await cached()) ?? (await network);
  } catch (e) {
    const shell = await cached();
    if (shell) return shell;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE });
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok) await (await caches.open(SHELL_CACHE)).put(request, res.clone());
  return res;
}

/** Network first, the last copy when offline (country names). */
async function networkFirst(request: Request): Promise<Response> {
  try {
    const res = await fetch(request);
    if (res.ok) await (await caches.open(SHELL_CACHE)).put(request, res.clone());
    return res;
  } catch (e) {
    const cached = await caches.match(request, { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw e;
  }
}

async function trustList(event: FetchEvent): Promise<Response> {
  const kept = await caches.match(TRUST_LIST_URL, { cacheName: TRUST_CACHE });
  const refresh = refreshTrustList(event.request);
  if (kept) {
    event.waitUntil(refresh.catch(() => undefined));
    return kept;
  }
  return refresh;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(navigation(event));
  else if (url.pathname === TRUST_LIST_URL) event.respondWith(trustList(event));
  else if (url.pathname === COUNTRIES_PATH) event.respondWith(networkFirst(request));
  else if (url.pathname.startsWith('/assets/') || __PRECACHE__.includes(url.pathname)) event.respondWith(cacheFirst(request));
});
