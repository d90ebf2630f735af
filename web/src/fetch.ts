// Loading data for a component, one way for every page: the data, a readable error, and the
// guard that drops an answer arriving after the inputs changed or the page was left.
// `useFetch` loads one thing; `usePaged` a list read by cursor (`next_cursor`, "Suivant"/"Plus").
import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorMessage } from './errors';

export interface Fetched<T> {
  /** The loaded data; null while loading, after a failure, or when nothing was asked. */
  data: T | null;
  /** The failure in readable words (current language); null when none. */
  error: string | null;
  /** Replaces the data after a local change (e.g. the answer of an action). */
  setData: (data: T) => void;
  /** Loads again with the same inputs. */
  reload: () => void;
}

export interface FetchOptions<T> {
  /** Keep showing the previous data while new inputs load (default: cleared, "Chargement…" shows). */
  keep?: boolean;
  /** The readable message of a failure (default: errorMessage). */
  message?: (err: unknown) => string;
  /** Called with the data when it arrives for the current inputs (e.g. to fill a form from it). */
  onData?: (data: T) => void;
}

/**
 * Calls `load` when the component mounts and whenever one of `deps` changes (`deps` are the
 * values `load` reads, as for useEffect). `load` may return null: nothing to load.
 */
export function useFetch<T>(load: () => Promise<T> | null, deps: unknown[], opts: FetchOptions<T> = {}): Fetched<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [seq, setSeq] = useState(0);
  useEffect(
    () => {
      if (!opts.keep) setData(null);
      setError(null);
      const pending = load();
      if (!pending) return;
      let live = true;
      pending.then(
        (d) => {
          if (!live) return;
          setData(d);
          opts.onData?.(d);
        },
        (e) => live && setError((opts.message ?? errorMessage)(e)),
      );
      return () => {
        live = false;
      };
    },
    // The caller's deps stand for `load` and the options (checked by eslint where useFetch is called).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...deps, seq],
  );
  const reload = useCallback(() => setSeq((n) => n + 1), []);
  return { data, error, setData, reload };
}

/** The paging cursor of a list answer: a non-empty string when more items exist, else null. */
export function nextCursor(answer: unknown): string | null {
  if (!answer || typeof answer !== 'object') return null;
  const c = (answer as { next_cursor?: unknown }).next_cursor;
  return typeof c === 'string' && c !== '' ? c : null;
}

/**
 * Appends a page to what is shown, dropping items already there (a page boundary may move
 * while new items arrive). `key` names an item.
 */
export function appendPage<T>(shown: T[], page: T[], key: (item: T) => string | number): T[] {
  const seen = new Set(shown.map(key));
  return shown.concat(page.filter((i) => !seen.has(key(i))));
}

export interface Paged<P, I> {
  /** The first page as answered (for what comes beside the items, e.g. the ledger's balances). */
  first: P | null;
  /** Every item shown so far; null while the first page loads. */
  items: I[] | null;
  error: string | null;
  /** A next page exists. */
  hasMore: boolean;
  /** A next page is loading. */
  busy: boolean;
  /** Loads the next page and appends its new items. */
  more: () => void;
}

/**
 * A list read by cursor: `load(null)` gives the first page, `load(cursor)` the next ones;
 * `items` picks the items of a page, `key` names one (pages may overlap). The first page
 * reloads when `deps` change.
 */
export function usePaged<P, I>(
  load: (cursor: string | null) => Promise<P>,
  items: (page: P) => I[],
  key: (item: I) => string | number,
  deps: unknown[],
  opts: Pick<FetchOptions<P>, 'message'> = {},
): Paged<P, I> {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `deps` stand for `load` (checked where usePaged is called)
  const first = useFetch(() => load(null), deps, opts);
  // The pages after the first, valid while `of` is the first page shown.
  const [rest, setRest] = useState<{ of: P; items: I[]; cursor: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState<{ of: P; message: string } | null>(null);
  const shown =
    first.data === null
      ? null
      : rest && rest.of === first.data
        ? rest
        : { of: first.data, items: items(first.data), cursor: nextCursor(first.data) };
  const more = async () => {
    if (!shown?.cursor) return;
    setBusy(true);
    try {
      const page = await load(shown.cursor);
      setRest({ of: shown.of, items: appendPage(shown.items, items(page), key), cursor: nextCursor(page) });
    } catch (e) {
      setMoreError({ of: shown.of, message: (opts.message ?? errorMessage)(e) });
    } finally {
      setBusy(false);
    }
  };
  return {
    first: first.data,
    items: shown?.items ?? null,
    error: first.error ?? (moreError && moreError.of === first.data ? moreError.message : null),
    hasMore: !!shown?.cursor,
    busy,
    more,
  };
}
