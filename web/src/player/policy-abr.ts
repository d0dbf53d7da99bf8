/**
 * Plugs our ABR policy (lib/abr/policy.ts, the same code bench:abr scores)
 * into hls.js as its ABR controller. hls.js keeps doing what the policy
 * does not: loading, buffering, error recovery (a level forced after an
 * error still wins for one segment), manual quality (which turns auto off).
 * The policy decides:
 *
 * - the rung of each next video segment, from the ladder, the buffer ahead
 *   of the playhead and what past segment downloads measured (bytes, time,
 *   time to first byte, from hls.js's load stats);
 * - whether to give up on a segment that loads too slowly and fetch a lower
 *   rung instead, asked every 200 ms while one loads (replacing hls.js's own
 *   abandonment rule).
 *
 * Audio segments are ignored: the policy budgets for video, and the audio
 * rendition is one small fixed rate.
 */
import Hls, { type Events, type FragLoadedData, type FragLoadingData, type Fragment } from "hls.js";
import {
  createAbrPolicy,
  type AbrInput,
  type AbrParams,
  type SegmentDownload,
} from "../../../lib/abr/policy.ts";

const ABANDON_CHECK_MS = 200;
const SEGMENT_SECONDS = 4;

type AbrControllerClass = typeof Hls.DefaultConfig.abrController;

/** An hls.js ABR controller class running our policy with `params` (an experiment may set them). */
export function createPolicyAbrController(params: Partial<AbrParams> = {}): AbrControllerClass {
  const policy = createAbrPolicy(params);
  const Base = Hls.DefaultConfig.abrController;

  return class PolicyAbrController extends Base {
    #downloads: SegmentDownload[] = [];
    #lastRung: number | undefined;
    #watch: ReturnType<typeof setInterval> | undefined;
    readonly #player: Hls;

    constructor(hls: Hls) {
      super(hls);
      this.#player = hls;
    }

    #input(): AbrInput | null {
      const { levels, media, config, maxAutoLevel } = this.#player;
      if (levels.length === 0 || !media) return null;
      const time = media.currentTime;
      let bufferEnd = time;
      for (let i = 0; i < media.buffered.length; i++) {
        if (media.buffered.start(i) <= time + 0.1 && media.buffered.end(i) > bufferEnd) {
          bufferEnd = media.buffered.end(i);
        }
      }
      const duration = Number.isFinite(media.duration) ? media.duration : undefined;
      return {
        bitratesKbps: levels.map((level) => level.bitrate / 1000),
        segmentSeconds: SEGMENT_SECONDS,
        bufferSeconds: bufferEnd - time,
        // hls.js requests while the buffer is under maxBufferLength (engine.ts caps it there), so
        // a segment can take it a segment past that: the ceiling the policy plans for.
        maxBufferSeconds: config.maxBufferLength + SEGMENT_SECONDS,
        lastRung: this.#lastRung,
        downloads: this.#downloads,
        playing: time > 0,
        ...(duration !== undefined
          ? { segmentsLeft: Math.max(1, Math.ceil((duration - bufferEnd) / SEGMENT_SECONDS)) }
          : {}),
        ...(maxAutoLevel >= 0 ? { maxRung: maxAutoLevel } : {}),
      };
    }

    override get nextAutoLevel(): number {
      // A level forced by hls.js (after a load error) holds for one segment.
      if (this.forcedAutoLevel !== -1) return this.forcedAutoLevel;
      const input = this.#input();
      return input ? policy.chooseRung(input).rung : 0;
    }

    override set nextAutoLevel(level: number) {
      super.nextAutoLevel = level;
    }

    protected override onFragLoading(event: Events.FRAG_LOADING, data: FragLoadingData): void {
      super.onFragLoading(event, data);
      // Our abandonment rule replaces hls.js's.
      this.clearTimer();
      clearInterval(this.#watch);
      if (data.frag.type === "main" && this.#player.autoLevelEnabled) {
        this.#watch = setInterval(() => this.#judge(data.frag), ABANDON_CHECK_MS);
      }
    }

    #judge(frag: Fragment): void {
      const { stats } = frag;
      const input = this.#input();
      if (!policy.abandon || !input || stats.aborted || stats.loading.end > 0) {
        clearInterval(this.#watch);
        return;
      }
      const now = performance.now();
      const decision = policy.abandon(input, {
        rung: frag.level,
        bytesTotal: stats.total,
        bytesLoaded: stats.loaded,
        elapsedMs: now - stats.loading.start,
        ...(stats.loading.first > 0
          ? { firstByteMs: stats.loading.first - stats.loading.start }
          : {}),
      });
      if (!decision || decision.rung >= frag.level) return;
      clearInterval(this.#watch);
      this.#record(frag, true, now);
      frag.abortRequests();
      this.#player.nextLoadLevel = decision.rung;
      this.#player.trigger(Hls.Events.FRAG_LOAD_EMERGENCY_ABORTED, {
        frag,
        part: null,
        stats,
      });
    }

    protected override onFragLoaded(event: Events.FRAG_LOADED, data: FragLoadedData): void {
      super.onFragLoaded(event, data);
      if (data.frag.type !== "main" || data.frag.sn === "initSegment") return;
      clearInterval(this.#watch);
      this.#record(data.frag, false, data.frag.stats.loading.end);
      this.#lastRung = data.frag.level;
    }

    #record(frag: Fragment, abandoned: boolean, endedAt: number): void {
      const { loading, loaded } = frag.stats;
      this.#downloads.push({
        rung: frag.level,
        bytes: loaded,
        durationMs: Math.max(1, endedAt - loading.start),
        ...(loading.first > 0 ? { firstByteMs: loading.first - loading.start } : {}),
        ...(abandoned ? { abandoned } : {}),
      });
      // The policy reads only the recent past.
      if (this.#downloads.length > 100) this.#downloads.splice(0, 50);
    }

    override destroy(): void {
      clearInterval(this.#watch);
      super.destroy();
    }
  };
}
