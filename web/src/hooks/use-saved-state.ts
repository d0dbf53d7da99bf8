/**
 * A value the user changes at once (a toggle), saved to the server behind
 * the scenes. Saves go one after another in the order they were made, so a
 * quick second press is neither lost nor overtaken by the first; if the
 * newest save fails, the value goes back to what the server last accepted.
 */
import { useRef, useState } from "react";
import { toApiError, type ApiError } from "../api/api-error.ts";

export interface SavedState<T> {
  value: T;
  error: ApiError | null;
  /** Shows `next` now and saves it; resolves true once saved. */
  change: (next: T) => Promise<boolean>;
}

export function useSavedState<T>(initial: T, save: (value: T) => Promise<void>): SavedState<T> {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const accepted = useRef(initial);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const newest = useRef(0);

  function change(next: T): Promise<boolean> {
    const ticket = ++newest.current;
    setValue(next);
    setError(null);
    const saved = queue.current.then(async () => {
      try {
        await save(next);
        accepted.current = next;
        return true;
      } catch (caught) {
        if (ticket === newest.current) {
          setValue(accepted.current);
          setError(toApiError(caught));
        }
        return false;
      }
    });
    queue.current = saved;
    return saved;
  }

  return { value, error, change };
}
