// The texts of every problem code, from every catalogue of this folder (common.ts and one file
// per module: add a file, nothing to register). A code defined in two files is a mistake that
// the tests report (../errors.test.ts).
import { getLang, interpolate, lookup, type ErrorCatalogue } from '../lang';

const modules = import.meta.glob<ErrorCatalogue>(['./*.ts', '!./index.ts', '!./*.test.ts'], {
  eager: true,
  import: 'default',
});

/** The catalogues by file name ("common", "payments", ...). */
export const errorCatalogues: Record<string, ErrorCatalogue> = Object.fromEntries(
  Object.entries(modules).map(([path, catalogue]) => [path.replace(/^\.\/|\.ts$/g, ''), catalogue]),
);

const all: ErrorCatalogue = Object.assign({}, ...Object.values(errorCatalogues));

/** The text of a problem code in the current language, its `{name}` placeholders filled; null when unknown. */
export function errorText(code: string | null | undefined, params?: Record<string, string>): string | null {
  if (!code) return null;
  const text = lookup(all, code, getLang());
  return text === undefined ? null : interpolate(text, params);
}
