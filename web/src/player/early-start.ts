/**
 * Opening a playback session as the viewer presses Play, instead of after
 * the player's page has rendered: the title page starts the request and the
 * player adopts it, which takes the render (tens of milliseconds) off the
 * time to first frame. Only the newest request is kept, and only briefly.
 */
import { startPlayback } from "../api/client.ts";
import type { PlaybackSession, StartPlaybackInput } from "../api/types.ts";
import { deviceId, deviceMaxHeight } from "./device.ts";

const ADOPT_WITHIN_MS = 5_000;

let early: { key: string; at: number; session: Promise<PlaybackSession> } | null = null;

const keyOf = (titleId: string, episodeId: string | undefined) => `${titleId}/${episodeId ?? ""}`;

/** What the player asks for: this device, this screen. */
export function playbackRequest(
  titleId: string,
  episodeId: string | undefined,
  endOldest: boolean,
): StartPlaybackInput {
  return {
    titleId,
    ...(episodeId ? { episodeId } : {}),
    deviceId: deviceId(),
    deviceMaxHeight: deviceMaxHeight(),
    endOldest,
  };
}

/** Starts opening a session for what the viewer is about to watch. */
export function startEarly(titleId: string, episodeId: string | undefined): void {
  const session = startPlayback(playbackRequest(titleId, episodeId, false));
  // Whoever adopts it handles its failure; unadopted, it must not be an unhandled rejection.
  session.catch(() => {});
  early = { key: keyOf(titleId, episodeId), at: Date.now(), session };
}

/** The session started early for this title or episode, if there is a recent one (taken once). */
export function adoptEarlyStart(
  titleId: string,
  episodeId: string | undefined,
): Promise<PlaybackSession> | null {
  const found = early;
  early = null;
  if (!found || found.key !== keyOf(titleId, episodeId)) return null;
  return Date.now() - found.at < ADOPT_WITHIN_MS ? found.session : null;
}
