/**
 * The upload page's preflight of the chosen master (media/preflight.ts),
 * as state: checking, then the verdict for the newest file only. The
 * checker (ffmpeg.wasm) is a separate download, fetched the first time a
 * file is chosen. The poster frame's blob: URL is released when the file
 * changes or the page goes.
 */
import { useEffect, useState } from "react";
import { ApiError } from "../api/api-error.ts";
import type { Preflight } from "../media/preflight.ts";

export type PreflightState =
  | { status: "checking" }
  | { status: "checked"; preflight: Preflight }
  /** The checker itself failed (it could not load): no verdict on the file. */
  | { status: "failed"; error: ApiError };

const checkerFailed = () =>
  new ApiError(
    0,
    "preflight_failed",
    "We couldn't check this file in your browser. Reload the page and try again.",
  );

/** The preflight of `file` against the server's size limit; null until there is a file and a limit. */
export function usePreflight(file: File | null, maxBytes: number | undefined) {
  const [result, setResult] = useState<{ file: File; state: PreflightState } | null>(null);

  useEffect(() => {
    if (!file || maxBytes === undefined) return;
    let current = true;
    let posterUrl: string | null = null;
    import("../media/preflight.ts")
      .then(({ preflightMaster }) => preflightMaster(file, maxBytes))
      .then(
        (preflight) => {
          posterUrl = preflight.ok ? preflight.posterUrl : null;
          if (current) setResult({ file, state: { status: "checked", preflight } });
          else if (posterUrl) URL.revokeObjectURL(posterUrl);
        },
        () => current && setResult({ file, state: { status: "failed", error: checkerFailed() } }),
      );
    return () => {
      current = false;
      if (posterUrl) URL.revokeObjectURL(posterUrl);
    };
  }, [file, maxBytes]);

  if (!file || maxBytes === undefined) return null;
  return result?.file === file ? result.state : ({ status: "checking" } as const);
}
