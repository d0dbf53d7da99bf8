/**
 * One Analytics Engine data point per QoE event, in the layout that
 * docs/analytics.md documents for SQL API queries in production:
 *
 * index1: the view id (sampling keeps a view's events together)
 * blobs:  1 event type · 2 title id · 3 episode id · 4 device type · 5 country ·
 *         6 ABR policy · 7 variants ("exp:variant" joined by ",") · 8 profile id ·
 *         9 detail (error code, switch reason or end reason) · 10 rendition ("1080p@4300")
 * doubles: 1 seq · 2 client time (ms) · 3 duration (startup, rebuffer or time played, ms) ·
 *          4 bitrate (kbps; heartbeat: time-weighted) · 5 previous bitrate (switches) ·
 *          6 height · 7 fatal (0/1) · 8 dropped frames · 9 upscaled ms ·
 *          10 before first frame (0/1) · 11 completed (0/1) · 12 seek target (ms)
 */
import type { QoeEvent } from "../../../lib/qoe/events.ts";
import type { QoeView } from "../../../lib/qoe/view-token.ts";

const flag = (value: boolean) => (value ? 1 : 0);

interface Details {
  detail?: string;
  rendition?: { height: number; bitrateKbps: number };
  durationMs?: number;
  bitrateKbps?: number;
  previousKbps?: number;
  fatal?: boolean;
  droppedFrames?: number;
  upscaledMs?: number;
  beforeFirstFrame?: boolean;
  completed?: boolean;
  seekToMs?: number;
}

function detailsOf(event: QoeEvent): Details {
  switch (event.type) {
    case "first_frame":
      return { durationMs: event.startupMs };
    case "rebuffer_end":
      return { durationMs: event.durationMs };
    case "rendition_switch":
      return {
        detail: event.reason,
        rendition: event.to,
        bitrateKbps: event.to.bitrateKbps,
        previousKbps: event.from?.bitrateKbps ?? 0,
      };
    case "error":
      return { detail: event.code, fatal: event.fatal };
    case "seek":
      return { durationMs: Math.abs(event.toMs - event.fromMs), seekToMs: event.toMs };
    case "heartbeat": {
      const playedMs = event.renditions.reduce((sum, r) => sum + r.playedMs, 0);
      const kbpsMs = event.renditions.reduce((sum, r) => sum + r.bitrateKbps * r.playedMs, 0);
      const longest = [...event.renditions].sort((a, b) => b.playedMs - a.playedMs)[0];
      return {
        durationMs: playedMs,
        bitrateKbps: playedMs > 0 ? kbpsMs / playedMs : 0,
        rendition: longest,
        droppedFrames: event.droppedFrames,
        upscaledMs: event.upscaledMs,
      };
    }
    case "view_end":
      return {
        detail: event.reason,
        beforeFirstFrame: event.beforeFirstFrame,
        completed: event.completed,
      };
    default:
      return {};
  }
}

export function dataPointOf(view: QoeView, event: QoeEvent): AnalyticsEngineDataPoint {
  const details = detailsOf(event);
  return {
    indexes: [view.viewId],
    blobs: [
      event.type,
      view.titleId,
      view.episodeId ?? "",
      view.deviceType,
      view.country,
      view.abrPolicy,
      view.variants.join(","),
      view.profileId,
      details.detail ?? "",
      details.rendition ? `${details.rendition.height}p@${details.rendition.bitrateKbps}` : "",
    ],
    doubles: [
      event.seq,
      event.at,
      details.durationMs ?? 0,
      details.bitrateKbps ?? 0,
      details.previousKbps ?? 0,
      details.rendition?.height ?? 0,
      flag(details.fatal ?? false),
      details.droppedFrames ?? 0,
      details.upscaledMs ?? 0,
      flag(details.beforeFirstFrame ?? false),
      flag(details.completed ?? false),
      details.seekToMs ?? 0,
    ],
  };
}
