/**
 * Loads data a page section shows (not needed before the page can render)
 * and can load it again after a change.
 */
import { useCallback, useEffect, useState } from "react";
import { toApiError, type ApiError } from "../api/api-error.ts";

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  reload: () => void;
}

/** `load` must keep its identity between renders (a module-level function). */
export function useResource<T>(load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ data?: T; error: ApiError | null }>({ error: null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ data, error: null }),
      (error: unknown) => current && setState({ error: toApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [load, version]);
  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { data: state.data, error: state.error, reload };
}
