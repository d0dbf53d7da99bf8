/**
 * When a title counts as started and as finished, shared by the progress
 * Durable Object, the playback service and Continue Watching.
 */

/** At or past this share of its duration a title (or episode) is complete. */
export const COMPLETE_AT = 0.95;

/** Past this share a title counts as started: it is resumed and listed in Continue Watching. */
export const STARTED_AT = 0.05;

export const isStarted = (positionSeconds: number, durationSeconds: number) =>
  positionSeconds > durationSeconds * STARTED_AT;

export const isComplete = (positionSeconds: number, durationSeconds: number) =>
  positionSeconds >= durationSeconds * COMPLETE_AT;
