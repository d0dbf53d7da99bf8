/**
 * Calls `poll` every `intervalMs` while `active` and the tab is visible: a
 * hidden tab costs the server nothing, and coming back polls at once. The
 * next poll is timed from the end of the last, so a slow answer never
 * overlaps the next request.
 */
import { useEffect, useEffectEvent } from "react";

export function usePolling(poll: () => Promise<void>, intervalMs: number, active: boolean): void {
  const onPoll = useEffectEvent(poll);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let polling = false;
    let timer: number | undefined;

    async function tick() {
      window.clearTimeout(timer);
      timer = undefined;
      // Hidden: stop here; the tab's return starts the next tick.
      if (stopped || polling || document.visibilityState !== "visible") return;
      polling = true;
      try {
        await onPoll();
      } finally {
        polling = false;
      }
      if (!stopped) timer = window.setTimeout(() => void tick(), intervalMs);
    }

    const onVisibilityChange = () => void tick();
    timer = window.setTimeout(() => void tick(), intervalMs);
    document.addEventListener("visibilitychange", onVisibilityChange);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibilityChange);
    };
  }, [intervalMs, active]);
}
