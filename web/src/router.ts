// Minimal History-API router.
import { useEffect, useState } from 'preact/hooks';

const EVENT = 'origine:navigate';

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) {
    window.dispatchEvent(new Event(EVENT));
    return;
  }
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(EVENT));
  window.scrollTo(0, 0);
}

export interface Location {
  path: string;
  query: URLSearchParams;
  /** Changes on every navigation, even to the same URL (forces reloads). */
  seq: number;
}

let seq = 0;

function current(): Location {
  return { path: location.pathname, query: new URLSearchParams(location.search), seq: ++seq };
}

export function useLocation(): Location {
  const [loc, setLoc] = useState<Location>(current);
  useEffect(() => {
    const on = () => setLoc(current());
    window.addEventListener('popstate', on);
    window.addEventListener(EVENT, on);
    return () => {
      window.removeEventListener('popstate', on);
      window.removeEventListener(EVENT, on);
    };
  }, []);
  return loc;
}

/** Click handler for in-app links: plain left clicks navigate without reloading. */
export function onLinkClick(e: MouseEvent): void {
  const a = e.currentTarget as HTMLAnchorElement;
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  if (a.target && a.target !== '_self') return;
  if (a.origin !== location.origin) return;
  e.preventDefault();
  navigate(a.pathname + a.search);
}

/** A path segment decoded, or null when its percent-encoding is malformed ("%E0%A4%A"). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Match "/applications/:id" style patterns. A parameter that does not decode (a malformed `%`
 * sequence typed or pasted into the address bar) matches nothing: the caller shows its
 * not-found page.
 */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) {
      const value = decodeSegment(s[i]);
      if (value === null) return null;
      params[p[i].slice(1)] = value;
    } else if (p[i] !== s[i]) return null;
  }
  return params;
}
