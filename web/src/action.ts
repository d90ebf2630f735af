// Running what a button or a form asks of the server, one way for every page: busy while it
// runs, then the problem in readable words and per field (errors[] of problem+json).
import { useState } from 'preact/hooks';
import { ApiError, errorMessage, fieldErrors, type FieldErrors } from './errors';

export interface Described {
  message: string;
  fields: FieldErrors;
}

/** The message and the field errors of a failure (the payments pages have their own reading). */
export function describe(err: unknown): Described {
  return { message: errorMessage(err), fields: err instanceof ApiError ? fieldErrors(err.problem) : {} };
}

export interface Action {
  busy: boolean;
  /** The last failure's message; null when none. */
  error: string | null;
  /** The last failure's field errors (or those a form sets itself before asking). */
  errs: FieldErrors;
  setError: (error: string | null) => void;
  setErrs: (errs: FieldErrors) => void;
  /**
   * Runs `fn` with busy set and the previous errors cleared; on failure keeps its message and
   * field errors (`conflict` replaces the message of a 409). Resolves to true on success.
   */
  run: (fn: () => Promise<unknown>, opts?: { conflict?: string }) => Promise<boolean>;
}

export function useAction(read: (err: unknown) => Described = describe): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errs, setErrs] = useState<FieldErrors>({});
  const run = async (fn: () => Promise<unknown>, opts: { conflict?: string } = {}) => {
    setBusy(true);
    setError(null);
    setErrs({});
    try {
      await fn();
      return true;
    } catch (err) {
      const d = read(err);
      setError(opts.conflict && err instanceof ApiError && err.status === 409 ? opts.conflict : d.message);
      setErrs(d.fields);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, errs, setError, setErrs, run };
}
