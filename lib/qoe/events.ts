/**
 * QoE events: what the player reports about one view (one press of Play, one
 * player instance), in batches. The analytics Worker validates a batch with
 * these schemas before it stores anything, so a batch is stored whole or not
 * at all. docs/analytics.md describes each event and how it is counted.
 */
import { z } from "zod";

/** The most events in one batch, and the largest batch body in bytes. */
export const MAX_EVENTS_PER_BATCH = 100;
export const MAX_BATCH_BYTES = 32 * 1024;

const Milliseconds = z
  .number()
  .finite()
  .min(0)
  .max(24 * 60 * 60 * 1000);
const Kbps = z.number().int().min(0).max(200_000);
const Height = z.number().int().min(0).max(8640);

export const RENDITION_SWITCH_REASONS = ["abr", "manual", "start", "fallback"] as const;
export const VIEW_END_REASONS = ["ended", "exited", "error"] as const;

/** One rendition as the player saw it. */
export const RenditionSchema = z.strictObject({ height: Height, bitrateKbps: Kbps });

const eventBase = {
  /** Position in the view's sequence, from 0; a view's events sort by it. */
  seq: z.number().int().min(0).max(1_000_000),
  /** The client's clock when it happened (Unix ms); the server's minute is used for rollups. */
  at: z.number().int().positive(),
};

export const QoeEventSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...eventBase, type: z.literal("view_start") }),
  /** Play pressed → first frame with time advancing. */
  z.strictObject({ ...eventBase, type: z.literal("first_frame"), startupMs: Milliseconds }),
  z.strictObject({ ...eventBase, type: z.literal("rebuffer_start") }),
  z.strictObject({ ...eventBase, type: z.literal("rebuffer_end"), durationMs: Milliseconds }),
  z.strictObject({
    ...eventBase,
    type: z.literal("rendition_switch"),
    from: RenditionSchema.nullable(),
    to: RenditionSchema,
    reason: z.enum(RENDITION_SWITCH_REASONS),
  }),
  z.strictObject({
    ...eventBase,
    type: z.literal("error"),
    /** A fatal error is one the player gave up on: the view failed. */
    fatal: z.boolean(),
    code: z.string().trim().min(1).max(64),
  }),
  z.strictObject({
    ...eventBase,
    type: z.literal("seek"),
    fromMs: Milliseconds,
    toMs: Milliseconds,
  }),
  z.strictObject({ ...eventBase, type: z.literal("pause") }),
  /** Since the previous heartbeat: time played per rendition and frames dropped. */
  z.strictObject({
    ...eventBase,
    type: z.literal("heartbeat"),
    renditions: z.array(RenditionSchema.extend({ playedMs: Milliseconds }).strict()).max(16),
    /** Of the time played, how much was shown larger than the rendition's own height. */
    upscaledMs: Milliseconds,
    droppedFrames: z.number().int().min(0).max(1_000_000),
  }),
  z.strictObject({
    ...eventBase,
    type: z.literal("view_end"),
    reason: z.enum(VIEW_END_REASONS),
    /** The view ended before its first frame (an exit before video start, unless it failed). */
    beforeFirstFrame: z.boolean(),
    /** The viewer reached the credits (95%, lib/playback/progress-rules.ts). */
    completed: z.boolean(),
  }),
]);
export type QoeEvent = z.infer<typeof QoeEventSchema>;
export type QoeEventType = QoeEvent["type"];

/** An event before the sender numbers and stamps it (each member of the union without seq and at). */
export type UnstampedQoeEvent = QoeEvent extends infer Event
  ? Event extends QoeEvent
    ? Omit<Event, "seq" | "at">
    : never
  : never;

export const QoeBatchSchema = z.strictObject({
  /** The view token from startPlayback: who, what and which slice (lib/qoe/view-token.ts). */
  viewToken: z.string().min(1).max(4096),
  /** Random per batch; a batch sent twice (a beacon retried) is counted once. */
  batchId: z.uuid(),
  events: z.array(QoeEventSchema).min(1).max(MAX_EVENTS_PER_BATCH),
});
export type QoeBatch = z.infer<typeof QoeBatchSchema>;
