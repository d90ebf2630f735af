// HS code suggestions (GET /api/v1/hs) for any HS input: a debounced search and its <datalist>.
// Used by the goods lines of an application, the products and their materials.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { getLang } from './i18n';
import { hsQuery } from './origin';
import type { HsHit } from './types';

/** Suggestions for the HS code being typed; call `suggest(value)` on each input. */
export function useHsSuggestions(): { hits: HsHit[]; suggest: (value: string) => void } {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<HsHit[]>([]);
  useEffect(() => {
    const query = hsQuery(q);
    if (!query) return;
    let live = true;
    const timer = setTimeout(() => {
      api.searchHs(query, getLang()).then((r) => live && setHits(r.items), () => undefined);
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return { hits, suggest: setQ };
}

/** The <datalist> an HS input points to with list={id}. */
export function HsDatalist({ id, hits }: { id: string; hits: HsHit[] }) {
  return (
    <datalist id={id}>
      {hits.map((h) => (
        <option value={h.code}>{`${h.code} — ${h.label}`}</option>
      ))}
    </datalist>
  );
}
