/**
 * Data a dashboard shows: loaded when its key (the filters) changes, the
 * older request cancelled, and, when live, loaded again every `intervalMs`
 * while the tab is visible. While a new key loads, the last data stays on screen
 * (marked `stale`) instead of flashing to a spinner; a failed refresh
 * keeps it too, with the error beside it, and the next one tries again.
 */
import { useEffect, useEffectEvent, useState } from "react";
import { toApiError, type ApiError } from "../api/api-error.ts";
import { usePolling } from "./use-polling.ts";

interface Loaded<T> {
  key: string;
  data: T;
  updatedAt: Date;
}

export interface DashboardData<T> {
  data: T | undefined;
  /** The data shown is for an earlier key; the current one is loading. */
  stale: boolean;
  updatedAt: Date | undefined;
  error: ApiError | null;
}

export function useDashboardData<T>(
  key: string,
  /** Cancels on `signal` when the key changes; refreshes run to the end (they are not overtaken). */
  load: (signal?: AbortSignal) => Promise<T>,
  /** How often to refresh; null for data that only changes with its key. */
  intervalMs: number | null,
): DashboardData<T> {
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const loadNow = useEffectEvent(load);

  useEffect(() => {
    const controller = new AbortController();
    loadNow(controller.signal).then(
      (data) => {
        setLoaded({ key, data, updatedAt: new Date() });
        setError(null);
      },
      (caught: unknown) => {
        if (!controller.signal.aborted) setError(toApiError(caught));
      },
    );
    return () => controller.abort();
  }, [key]);

  usePolling(
    async () => {
      try {
        const data = await load();
        // A refresh that finishes after the filters changed must not cover the new key's data.
        setLoaded((old) => (old && old.key !== key ? old : { key, data, updatedAt: new Date() }));
        setError(null);
      } catch (caught) {
        setError(toApiError(caught));
      }
    },
    intervalMs ?? 0,
    intervalMs !== null,
  );

  return {
    data: loaded?.data,
    stale: loaded !== null && loaded.key !== key,
    updatedAt: loaded?.updatedAt,
    error,
  };
}
