/**
 * Playback markers: where a film's or an episode's intro, recap and credits
 * are. Each kind may have a detected marker (from ingest, with a
 * confidence) and an admin's, which wins — including an admin's "none".
 * The player offers Skip Intro and Skip Recap inside their spans and the
 * next episode from the credits on; without a credits marker the credits
 * are taken to be the last 5% of the video, at most two minutes.
 */
import type { MarkerKind, MarkerSource } from "../db/schema.ts";

/** A stored marker row, as storage reads it. */
export interface MarkerRow {
  kind: MarkerKind;
  source: MarkerSource;
  startSeconds: number | null;
  endSeconds: number | null;
  confidence: number;
}

/** The marker in force for one kind. */
export interface Marker {
  startSeconds: number;
  /** Null for credits, which run to the end. */
  endSeconds: number | null;
  confidence: number;
  source: MarkerSource;
}

export type Markers = Record<MarkerKind, Marker | null>;

/**
 * Per kind, the admin's marker if there is one (its "none" included), else
 * the detected one.
 *
 * @example
 * effectiveMarkers([{ kind: "intro", source: "detected", startSeconds: 5, endSeconds: 35, confidence: 0.9 }]).intro;
 * // { startSeconds: 5, endSeconds: 35, confidence: 0.9, source: "detected" }
 */
export function effectiveMarkers(rows: readonly MarkerRow[]): Markers {
  const inForce = (kind: MarkerKind): Marker | null => {
    const row =
      rows.find((r) => r.kind === kind && r.source === "admin") ??
      rows.find((r) => r.kind === kind && r.source === "detected");
    if (!row || row.startSeconds === null) return null;
    return {
      startSeconds: row.startSeconds,
      endSeconds: row.endSeconds,
      confidence: row.confidence,
      source: row.source,
    };
  };
  return { intro: inForce("intro"), recap: inForce("recap"), credits: inForce("credits") };
}

/** Where the credits start when nothing marks them: the last 5%, at most two minutes. */
export function defaultCreditsStart(durationSeconds: number): number {
  return durationSeconds - Math.min(durationSeconds * 0.05, 120);
}

/** What the player gets: the spans it offers to skip, and where the next episode is offered. */
export function playerMarkers(markers: Markers, durationSeconds: number) {
  const span = (marker: Marker | null) =>
    marker && marker.endSeconds !== null
      ? { startSeconds: marker.startSeconds, endSeconds: marker.endSeconds }
      : null;
  return {
    intro: span(markers.intro),
    recap: span(markers.recap),
    creditsStartSeconds: markers.credits?.startSeconds ?? defaultCreditsStart(durationSeconds),
  };
}
