/**
 * One playback session for the watch page: opened on mount, or adopted
 * from the title page that started opening it (early-start.ts) (over the
 * stream limit it waits for the viewer's choice to end the oldest stream),
 * its grant renewed a minute before it expires, the position reported
 * every 10 s and on pause and seek, and the session ended (with its final
 * position) when the page goes, including when the tab is closed.
 */
import { useEffect, useEffectEvent, useState } from "react";
import { toApiError, type ApiError } from "../api/api-error.ts";
import {
  leavePlayback,
  refreshPlayback,
  reportProgress,
  startPlayback,
  stopPlayback,
} from "../api/client.ts";
import type { PlaybackSession, ReportProgressInput } from "../api/types.ts";
import { deviceId } from "./device.ts";
import { adoptEarlyStart, playbackRequest } from "./early-start.ts";
import { GrantHolder } from "./grant.ts";

export const PROGRESS_INTERVAL_MS = 10_000;
const RENEW_BEFORE_EXPIRY_MS = 60_000;

export type SessionState =
  | { status: "starting" }
  | { status: "playing"; session: PlaybackSession; grant: GrantHolder }
  | { status: "failed"; error: ApiError };

/** What the player knows about where it is, for progress reports. */
export interface Position {
  positionSeconds: number;
  durationSeconds: number;
  rendition: string | null;
}

/** A progress report for `session` at `at`; null before the duration is known. */
function progressReport(session: PlaybackSession, at: Position | null): ReportProgressInput | null {
  if (!at || !(at.durationSeconds > 0)) return null;
  return {
    titleId: session.titleId,
    ...(session.episodeId ? { episodeId: session.episodeId } : {}),
    sessionId: session.sessionId,
    positionSeconds: Math.min(at.positionSeconds, at.durationSeconds),
    durationSeconds: at.durationSeconds,
    ...(at.rendition ? { rendition: at.rendition } : {}),
    deviceId: deviceId(),
    clientTimestamp: Date.now(),
  };
}

export function usePlaybackSession(
  titleId: string,
  episodeId: string | undefined,
  position: () => Position | null,
) {
  const [state, setState] = useState<SessionState>({ status: "starting" });
  const [endOldest, setEndOldest] = useState(false);
  const positionOf = useEffectEvent(position);

  useEffect(() => {
    let live = true;
    let session: PlaybackSession | null = null;
    let renewTimer: ReturnType<typeof setTimeout> | undefined;
    let reportTimer: ReturnType<typeof setInterval> | undefined;

    const reportFor = (current: PlaybackSession) => progressReport(current, positionOf());
    const report = () => {
      const body = session && reportFor(session);
      // A lost report is replaced by the next one ten seconds later.
      if (body) void reportProgress(body).catch(() => {});
    };
    const renewAt = (expiresAt: string, grant: GrantHolder, id: string) => {
      const delay = Math.max(5_000, Date.parse(expiresAt) - Date.now() - RENEW_BEFORE_EXPIRY_MS);
      renewTimer = setTimeout(() => {
        refreshPlayback(id).then(
          (renewed) => {
            grant.token = renewed.token;
            if (live) renewAt(renewed.expiresAt, grant, id);
          },
          (error: unknown) => live && setState({ status: "failed", error: toApiError(error) }),
        );
      }, delay);
    };
    const leave = () => {
      const body = session && reportFor(session);
      if (session && body) leavePlayback(session.sessionId, body);
      else if (session) void stopPlayback(session.sessionId).catch(() => {});
      session = null;
    };

    // Started a tick later, so a mount that is undone at once (StrictMode) opens no session.
    const startTimer = setTimeout(() => {
      const starting =
        (!endOldest && adoptEarlyStart(titleId, episodeId)) ||
        startPlayback(playbackRequest(titleId, episodeId, endOldest));
      starting.then(
        (started) => {
          if (!live) return void stopPlayback(started.sessionId).catch(() => {});
          session = started;
          // Into the HTTP cache while the player asks for the manifest (segments are immutable).
          for (const url of started.warmUrls) void fetch(url, { priority: "high" }).catch(() => {});
          const grant = new GrantHolder(started.token);
          setState({ status: "playing", session: started, grant });
          renewAt(started.expiresAt, grant, started.sessionId);
          reportTimer = setInterval(report, PROGRESS_INTERVAL_MS);
        },
        (error: unknown) => live && setState({ status: "failed", error: toApiError(error) }),
      );
    });
    window.addEventListener("pagehide", leave);
    return () => {
      live = false;
      clearTimeout(startTimer);
      clearTimeout(renewTimer);
      clearInterval(reportTimer);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [titleId, episodeId, endOldest]);

  /** Sends the position now (after a pause or a seek). */
  const reportNow = () => {
    const body = state.status === "playing" && progressReport(state.session, position());
    if (body) void reportProgress(body).catch(() => {});
  };

  const watchHereInstead = () => {
    setState({ status: "starting" });
    setEndOldest(true);
  };

  return { state, reportNow, watchHereInstead };
}
