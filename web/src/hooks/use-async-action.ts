/**
 * Runs a user action (a form submit, a button press) and keeps what the UI
 * shows about it: whether it is pending and the error it ended with.
 */
import { useCallback, useState } from "react";
import { toApiError, type ApiError } from "../api/api-error.ts";

export interface AsyncAction {
  pending: boolean;
  error: ApiError | null;
  /** Resolves with the action's result, or undefined when it failed (see `error`). */
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>;
  setError: (error: ApiError | null) => void;
}

export function useAsyncAction(): AsyncAction {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async <T>(action: () => Promise<T>) => {
    setPending(true);
    setError(null);
    try {
      return await action();
    } catch (caught) {
      setError(toApiError(caught));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, error, run, setError };
}
