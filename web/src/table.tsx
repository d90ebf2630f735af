// Lists, one markup for every page: the three states of loaded data (error, "Chargement…", the
// data), a table described by its columns (on narrow screens each cell shows its column's label,
// `table-cards`), the empty list, and the "Suivant"/"Plus" button of a list read by cursor.
import type { ComponentChildren, JSX } from 'preact';
import { Alert, Loading } from './ui';

/** Error, "Chargement…" or the data (useFetch, usePaged). */
export function Loaded<T>(props: { data: T | null; error: string | null; children: (data: T) => ComponentChildren }) {
  return (
    <>
      {props.error && <Alert kind="error">{props.error}</Alert>}
      {props.data === null && !props.error && <Loading />}
      {props.data !== null && props.children(props.data)}
    </>
  );
}

export interface Column<T> {
  /** The column head; also each cell's data-label. */
  label: string;
  cell: (row: T, index: number) => ComponentChildren;
  /** Classes of the cells ("num", "mono", "nowrap", ...). */
  class?: string;
  /** Classes of the head (default: "num" when the cells are "num"). */
  head?: string;
  /** The head is read by screen readers only (e.g. the actions column). */
  srOnly?: boolean;
  /** The cells carry no data-label (e.g. buttons). */
  bare?: boolean;
}

export interface TableProps<T> {
  /** The columns; `false`/null ones are left out (columns shown to some roles only). */
  columns: (Column<T> | false | null | undefined)[];
  rows: T[];
  rowKey?: (row: T, index: number) => string | number;
  /** Attributes of a row: class, data-*. */
  rowProps?: (row: T, index: number) => JSX.HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, unknown>;
  /** A compact table without cards (no data-label): balances, totals. Default: cards. */
  plain?: boolean;
  /** No head row. */
  headless?: boolean;
  testId?: string;
  foot?: ComponentChildren;
  /** Shown instead of the table when there are no rows; a text is shown as `<p class="empty">`. */
  empty?: ComponentChildren;
}

export function Table<T>(props: TableProps<T>) {
  if (props.rows.length === 0 && props.empty !== undefined)
    return typeof props.empty === 'string' ? <p class="empty">{props.empty}</p> : <>{props.empty}</>;
  const columns = props.columns.filter((c): c is Column<T> => !!c);
  const labelled = !props.plain;
  return (
    <div class="table-wrap">
      <table class={props.plain ? 'table' : 'table table-cards'} data-testid={props.testId}>
        {!props.headless && (
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" class={c.head ?? (/\bnum\b/.test(c.class ?? '') ? 'num' : undefined)}>
                  {c.srOnly ? <span class="sr-only">{c.label}</span> : c.label}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={props.rowKey ? props.rowKey(r, i) : i} {...props.rowProps?.(r, i)}>
              {columns.map((c) => (
                <td data-label={labelled && !c.bare ? c.label : undefined} class={c.class}>
                  {c.cell(r, i)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {props.foot}
      </table>
    </div>
  );
}

/** The button that loads the next page of a list read by cursor; absent on the last page. */
export function MoreButton(props: { paged: { hasMore: boolean; busy: boolean; more: () => void }; label: string }) {
  if (!props.paged.hasMore) return null;
  return (
    <div class="btn-row">
      <button type="button" class="btn btn-secondary" disabled={props.paged.busy} onClick={props.paged.more}>
        {props.label}
      </button>
    </div>
  );
}
