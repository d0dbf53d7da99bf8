/**
 * Watches one view — the video element and the engine's renditions — and
 * turns what happens into QoE events (lib/qoe/events.ts; definitions in
 * docs/analytics.md):
 *
 * - first frame: the first time the playhead moves after Play was pressed,
 *   with the startup time from that press;
 * - rebuffering: `waiting` while playing and not seeking, until playback
 *   resumes (a seek's own buffering is not rebuffering, as Mux counts it);
 * - heartbeats: time played per rendition since the last one, the part of it
 *   shown larger than the rendition's own height, and frames dropped;
 * - the end: completed at 95 % (the progress rule), or left, or failed.
 */
import { COMPLETE_AT } from "../../../lib/playback/progress-rules.ts";
import { QoeReporter } from "./qoe-reporter.ts";

import type { Rendition } from "./engine.ts";

export class QoeTracker {
  private readonly reporter: QoeReporter;
  private firstFrameAt: number | null = null;
  private rebufferingSince: number | null = null;
  private rendition: Rendition | null = null;
  private lastTime: number;
  private failed = false;
  private ended = false;
  private over = false;
  /** Played since the last heartbeat, per rendition ("height:kbps"). */
  private played = new Map<string, Rendition & { playedMs: number }>();
  private upscaledMs = 0;
  private droppedFramesSeen = 0;
  private readonly detach: () => void;

  private readonly video: HTMLVideoElement;
  /** When the viewer asked to play (performance.now()), the start of startup time. */
  private readonly requestedAt: number;

  constructor(video: HTMLVideoElement, viewToken: string, requestedAt: number) {
    this.video = video;
    this.requestedAt = requestedAt;
    this.reporter = new QoeReporter(viewToken, () => this.heartbeat());
    this.reporter.record({ type: "view_start" });
    this.lastTime = video.currentTime;
    const listeners: [string, () => void][] = [
      ["timeupdate", () => this.onTimeUpdate()],
      ["waiting", () => this.onWaiting()],
      ["playing", () => this.endRebuffer()],
      ["seeking", () => this.onSeeking()],
      ["pause", () => this.onPause()],
      ["ended", () => (this.ended = true)],
    ];
    for (const [type, listener] of listeners) video.addEventListener(type, listener);
    this.detach = () => {
      for (const [type, listener] of listeners) video.removeEventListener(type, listener);
    };
  }

  private onTimeUpdate(): void {
    const now = this.video.currentTime;
    const delta = now - this.lastTime;
    this.lastTime = now;
    if (this.firstFrameAt === null) {
      if (now > 0 && !this.video.paused) {
        this.firstFrameAt = performance.now();
        this.reporter.record({
          type: "first_frame",
          startupMs: Math.round(this.firstFrameAt - this.requestedAt),
        });
      }
      return;
    }
    // Ordinary playback moves a fraction of a second between updates; a seek is not playing.
    if (delta <= 0 || delta > 2 || !this.rendition) return;
    this.endRebuffer();
    const playedMs = delta * 1000;
    const key = `${this.rendition.height}:${this.rendition.bitrateKbps}`;
    const entry = this.played.get(key) ?? { ...this.rendition, playedMs: 0 };
    entry.playedMs += playedMs;
    this.played.set(key, entry);
    const shownHeight = this.video.clientHeight * window.devicePixelRatio;
    if (shownHeight > this.rendition.height * 1.05) this.upscaledMs += playedMs;
  }

  private onWaiting(): void {
    if (this.firstFrameAt === null || this.video.seeking || this.rebufferingSince !== null) return;
    this.rebufferingSince = performance.now();
    this.reporter.record({ type: "rebuffer_start" });
  }

  private endRebuffer(): void {
    if (this.rebufferingSince === null) return;
    const durationMs = Math.round(performance.now() - this.rebufferingSince);
    this.rebufferingSince = null;
    this.reporter.record({ type: "rebuffer_end", durationMs });
  }

  private onSeeking(): void {
    // Buffering that a seek causes is the seek's, not a rebuffer.
    this.endRebuffer();
    const toMs = Math.round(this.video.currentTime * 1000);
    this.reporter.record({ type: "seek", fromMs: Math.round(this.lastTime * 1000), toMs });
    this.lastTime = this.video.currentTime;
  }

  private onPause(): void {
    if (!this.video.ended && this.firstFrameAt !== null) this.reporter.record({ type: "pause" });
  }

  /** The engine switched rendition (by ABR, by hand, or the first one). */
  renditionSwitched(to: Rendition, manual: boolean): void {
    const from = this.rendition;
    this.rendition = to;
    const reason = from === null ? "start" : manual ? "manual" : "abr";
    this.reporter.record({ type: "rendition_switch", from, to, reason });
  }

  error(code: string, fatal: boolean): void {
    if (fatal) {
      if (this.failed) return;
      this.failed = true;
    }
    this.reporter.record({ type: "error", fatal, code: code.slice(0, 64) });
  }

  private heartbeat(): void {
    const quality = this.video.getVideoPlaybackQuality?.();
    const dropped = quality ? quality.droppedVideoFrames - this.droppedFramesSeen : 0;
    if (quality) this.droppedFramesSeen = quality.droppedVideoFrames;
    if (this.played.size === 0 && dropped === 0) return;
    this.reporter.record({
      type: "heartbeat",
      renditions: [...this.played.values()].map(({ height, bitrateKbps, playedMs }) => ({
        height,
        bitrateKbps,
        playedMs: Math.round(playedMs),
      })),
      upscaledMs: Math.round(this.upscaledMs),
      droppedFrames: Math.max(0, dropped),
    });
    this.played = new Map();
    this.upscaledMs = 0;
  }

  /** The view is over (the page goes, or another title starts): report the end and send the rest. */
  end(): void {
    if (this.over) return;
    this.over = true;
    this.detach();
    this.endRebuffer();
    this.heartbeat();
    const { currentTime, duration } = this.video;
    this.reporter.record({
      type: "view_end",
      reason: this.failed ? "error" : this.ended ? "ended" : "exited",
      beforeFirstFrame: this.firstFrameAt === null,
      completed: Number.isFinite(duration) && duration > 0 && currentTime >= duration * COMPLETE_AT,
    });
    this.reporter.end();
  }
}
