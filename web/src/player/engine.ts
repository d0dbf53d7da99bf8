/**
 * The video engine under the player UI: hls.js on our HLS master playlist,
 * and dash.js on the DASH MPD when HLS fails for good (the "other format"
 * fallback). Both fetch through the grant holder, so a renewed grant
 * reaches every later request. Playback starts on the lowest rung (the
 * master lists it first), so the first segment is the smallest; the ABR
 * policy takes over from there.
 *
 * The UI sees one small interface whatever runs underneath: its qualities,
 * audio and subtitle tracks, and what is playing.
 */
import Hls, {
  type HlsConfig,
  type LoaderCallbacks,
  type LoaderConfiguration,
  type LoaderContext,
} from "hls.js";
import type { AbrParams } from "../../../lib/abr/policy.ts";
import type { GrantHolder } from "./grant.ts";
import { createPolicyAbrController } from "./policy-abr.ts";

export interface Quality {
  /** Index in the engine's list; -1 is automatic. */
  index: number;
  height: number;
  bitrate: number;
}

export interface Track {
  index: number;
  label: string;
  language: string;
}

/** A rendition as QoE reports it. */
export interface Rendition {
  height: number;
  bitrateKbps: number;
}

export interface EngineEvents {
  /** Qualities, audio and subtitle tracks are known (or changed). */
  onTracks(): void;
  /** The rendition playing changed: by the ABR policy, or by hand (`manual`). */
  onRendition(rendition: Rendition, manual: boolean): void;
  /** Something failed that the engine recovers from (a retry, the switch to the other format). */
  onRecoverableError(code: string): void;
  /** Playback cannot go on in either format. */
  onFatal(message: string): void;
}

export interface Engine {
  readonly format: "hls" | "dash";
  qualities(): Quality[];
  /** -1 for automatic. */
  selectedQuality(): number;
  selectQuality(index: number): void;
  audioTracks(): Track[];
  selectedAudio(): number;
  selectAudio(index: number): void;
  subtitleTracks(): Track[];
  /** -1 when off. */
  selectedSubtitles(): number;
  selectSubtitles(index: number): void;
  destroy(): void;
}

export interface EngineSources {
  hlsUrl: string;
  dashUrl: string;
  grant: GrantHolder;
  /** Where playback starts, in seconds. */
  startAt: number;
  /** The ABR policy's parameters over its defaults (an experiment may set them). */
  abrParams: Partial<AbrParams>;
  /** The playback session (the view) and the title, sent as CMCD's `sid` and `cid`. */
  sessionId: string;
  contentId: string;
}

/** Network errors are retried this often before hls.js calls them fatal. */
const RETRIES = { maxNumRetry: 4, retryDelayMs: 500, maxRetryDelayMs: 4000 };

function hlsConfig({
  grant,
  startAt,
  abrParams,
  sessionId,
  contentId,
}: EngineSources): Partial<HlsConfig> {
  const Base = Hls.DefaultConfig.loader;
  class GrantLoader extends Base {
    override load(
      context: LoaderContext,
      config: LoaderConfiguration,
      callbacks: LoaderCallbacks<LoaderContext>,
    ) {
      context.url = grant.withCurrentGrant(context.url);
      super.load(context, config, callbacks);
    }
  }
  const policy = { errorRetry: RETRIES, timeoutRetry: RETRIES };
  return {
    loader: GrantLoader,
    abrController: createPolicyAbrController(abrParams),
    // CMCD (CTA-5004) on every request, in the query: a header would make each one a CORS
    // preflight. The stream route records the buffer, throughput and rung of each video segment.
    cmcd: { sessionId, contentId, useHeaders: false },
    // fMP4 needs no transmuxing, and a blob: worker would need a looser CSP.
    enableWorker: false,
    startLevel: 0,
    startPosition: startAt,
    capLevelToPlayerSize: false,
    maxBufferLength: 30,
    // hls.js otherwise buffers up to 60 MB (maxBufferSize) when that lasts longer: about 3 min of
    // our top rung. The ABR policy plans for a 30 s buffer, and bench:abr scores it with one.
    maxMaxBufferLength: 30,
    backBufferLength: 30,
    fragLoadPolicy: { default: { maxTimeToFirstByteMs: 8000, maxLoadTimeMs: 20000, ...policy } },
    playlistLoadPolicy: {
      default: { maxTimeToFirstByteMs: 8000, maxLoadTimeMs: 10000, ...policy },
    },
    manifestLoadPolicy: {
      default: { maxTimeToFirstByteMs: 8000, maxLoadTimeMs: 10000, ...policy },
    },
  };
}

function hlsEngine(
  video: HTMLVideoElement,
  sources: EngineSources,
  events: EngineEvents,
  onGiveUp: () => void,
): Engine {
  const hls = new Hls(hlsConfig(sources));
  let mediaRecoveries = 0;
  hls.on(Hls.Events.MANIFEST_PARSED, () => events.onTracks());
  hls.on(Hls.Events.AUDIO_TRACKS_UPDATED, () => events.onTracks());
  hls.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, () => events.onTracks());
  hls.on(Hls.Events.LEVEL_SWITCHED, (_, { level }) => {
    const switched = hls.levels[level];
    if (switched?.height) {
      const rendition = {
        height: switched.height,
        bitrateKbps: Math.round(switched.bitrate / 1000),
      };
      events.onRendition(rendition, !hls.autoLevelEnabled);
    }
  });
  hls.on(Hls.Events.ERROR, (_, data) => {
    if (!data.fatal) return events.onRecoverableError(data.details);
    // A decode hiccup is worth one recovery in place; anything else goes to the other format.
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries++ === 0) {
      events.onRecoverableError(data.details);
      hls.recoverMediaError();
      return;
    }
    events.onRecoverableError(`hls:${data.details}`);
    onGiveUp();
  });
  hls.loadSource(sources.hlsUrl);
  hls.attachMedia(video);
  return {
    format: "hls",
    qualities: () =>
      hls.levels.map((level, index) => ({ index, height: level.height, bitrate: level.bitrate })),
    selectedQuality: () => (hls.autoLevelEnabled ? -1 : hls.currentLevel),
    selectQuality: (index) => {
      // Manual: switch at the next segment; automatic: hand back to the ABR policy.
      hls.nextLevel = index;
    },
    audioTracks: () =>
      hls.audioTracks.map((track, index) => ({
        index,
        label: track.name,
        language: track.lang ?? "",
      })),
    selectedAudio: () => hls.audioTrack,
    selectAudio: (index) => {
      hls.audioTrack = index;
    },
    subtitleTracks: () =>
      hls.subtitleTracks.map((track, index) => ({
        index,
        label: track.name,
        language: track.lang ?? "",
      })),
    selectedSubtitles: () => (hls.subtitleDisplay ? hls.subtitleTrack : -1),
    selectSubtitles: (index) => {
      hls.subtitleTrack = index;
      hls.subtitleDisplay = index >= 0;
    },
    destroy: () => hls.destroy(),
  };
}

async function dashEngine(
  video: HTMLVideoElement,
  sources: EngineSources,
  events: EngineEvents,
): Promise<Engine> {
  const { MediaPlayer } = await import("dashjs");
  const player = MediaPlayer().create();
  player.addRequestInterceptor((request) => {
    request.url = sources.grant.withCurrentGrant(request.url);
    return Promise.resolve(request);
  });
  // CMCD as with hls.js: in the query, so no request needs a CORS preflight.
  player.updateSettings({
    streaming: {
      cmcd: { enabled: true, sid: sources.sessionId, cid: sources.contentId, mode: "query" },
    },
  });
  player.on(MediaPlayer.events.STREAM_INITIALIZED, () => events.onTracks());
  player.on(MediaPlayer.events.QUALITY_CHANGE_RENDERED, (event) => {
    const rendered = event.newRepresentation;
    if (event.mediaType === "video" && rendered) {
      const rendition = {
        height: rendered.height,
        bitrateKbps: Math.round(rendered.bandwidth / 1000),
      };
      const manual = player.getSettings().streaming?.abr?.autoSwitchBitrate?.video === false;
      events.onRendition(rendition, manual);
    }
  });
  player.on(MediaPlayer.events.ERROR, () =>
    events.onFatal("This video can't be played right now."),
  );
  player.initialize(video, sources.dashUrl, video.autoplay, sources.startAt);
  const videoReps = () => player.getRepresentationsByType("video");
  return {
    format: "dash",
    qualities: () =>
      videoReps().map((rep, index) => ({ index, height: rep.height, bitrate: rep.bandwidth })),
    selectedQuality: () =>
      player.getSettings().streaming?.abr?.autoSwitchBitrate?.video === false
        ? (player.getCurrentRepresentationForType("video")?.absoluteIndex ?? -1)
        : -1,
    selectQuality: (index) => {
      player.updateSettings({ streaming: { abr: { autoSwitchBitrate: { video: index < 0 } } } });
      if (index >= 0) player.setRepresentationForTypeByIndex("video", index);
    },
    audioTracks: () =>
      player.getTracksFor("audio").map((track, index) => ({
        index,
        label: track.labels?.[0]?.text ?? track.lang ?? `Audio ${index + 1}`,
        language: track.lang ?? "",
      })),
    selectedAudio: () => {
      const current = player.getCurrentTrackFor("audio");
      return player.getTracksFor("audio").findIndex((track) => track.id === current?.id);
    },
    selectAudio: (index) => {
      const track = player.getTracksFor("audio")[index];
      if (track) player.setCurrentTrack(track);
    },
    subtitleTracks: () =>
      player.getTracksFor("text").map((track, index) => ({
        index,
        label: track.labels?.[0]?.text ?? track.lang ?? `Subtitles ${index + 1}`,
        language: track.lang ?? "",
      })),
    selectedSubtitles: () => player.getCurrentTextTrackIndex(),
    selectSubtitles: (index) => player.setTextTrack(index),
    destroy: () => player.destroy(),
  };
}

/**
 * Starts the engine for `video`: hls.js where Media Source Extensions
 * exist, falling back to DASH (dash.js) when HLS fails for good. `onEngine`
 * hears about the engine in use, again after a fallback.
 */
export function startEngine(
  video: HTMLVideoElement,
  sources: EngineSources,
  events: EngineEvents,
  onEngine: (engine: Engine) => void,
): () => void {
  let current: Engine | null = null;
  let stopped = false;
  const fallBack = () => {
    if (stopped || current?.format !== "hls") return;
    const startAt = video.currentTime || sources.startAt;
    current.destroy();
    void dashEngine(video, { ...sources, startAt }, events).then(
      (engine) => {
        if (stopped) return engine.destroy();
        current = engine;
        onEngine(engine);
      },
      () => events.onFatal("This video can't be played right now."),
    );
  };
  if (Hls.isSupported()) {
    current = hlsEngine(video, sources, events, fallBack);
    onEngine(current);
  } else {
    void dashEngine(video, sources, events).then((engine) => {
      current = engine;
      onEngine(engine);
    });
  }
  return () => {
    stopped = true;
    current?.destroy();
  };
}
