/**
 * What scripted transcoders report for a 20-second 640×360 film at 30 fps
 * (a 240p and a 360p rung, one English audio track): the tests hand these
 * to the real transcoder routes as a transcoder would.
 */
import type {
  TaskAssignment,
  TaskResult,
  TaskResultOf,
  TrackOutput,
} from "../../../lib/ingest/task-protocol.ts";
import { fitComplexity } from "../../../lib/media/complexity-model.ts";

export const DURATION = 20;
const VIDEO_TIMESCALE = 15_360;
const AUDIO_TIMESCALE = 48_000;

/** A detailed 640×360 source: the ladder is 240p and 360p. */
export function probeResult(overrides: Partial<TaskResultOf<"probe">> = {}): TaskResultOf<"probe"> {
  return {
    kind: "probe",
    source: {
      durationSeconds: DURATION,
      startSeconds: 0,
      video: {
        index: 0,
        width: 640,
        height: 360,
        frameRate: 30,
        codec: "h264",
        startSeconds: 0,
        durationSeconds: DURATION,
      },
      audio: [{ index: 1, language: "en", channels: 2, default: true }],
    },
    complexity: fitComplexity(640 * 360, 20_000, 1280 * 720, 60_000),
    sampledUpToSeconds: DURATION,
    subtitles: [],
    poster: "poster.jpg",
    ...overrides,
  };
}

/** What a video task reports for its chunk: one 4-second segment per number, per rung. */
export function videoResult(a: TaskAssignment): TaskResult {
  if (a.spec.kind !== "video") throw new Error(`${a.taskId} is not a video task`);
  const { chunk, rungs, sprite } = a.spec;
  const numbers = Array.from({ length: chunk.segmentCount }, (_, i) => chunk.firstSegment + i);
  return {
    kind: "video",
    tracks: rungs.map((rung) => ({
      id: rung.id,
      init: {
        timescale: VIDEO_TIMESCALE,
        codecs: "avc1.64001e",
        width: rung.width,
        height: rung.height,
      },
      segments: numbers.map((number) => ({
        number,
        baseMediaDecodeTime: number * 4 * VIDEO_TIMESCALE,
        duration: 4 * VIDEO_TIMESCALE,
        size: 40_000 + rung.height * 10,
      })),
    })),
    sprite: sprite ? { path: sprite.path, tiles: 1 } : null,
  };
}

/** The markers task's findings: credits from `creditsStartSeconds`, and no fingerprint. */
export function markersResult(creditsStartSeconds: number | null = null): TaskResultOf<"markers"> {
  return {
    kind: "markers",
    analysis: {
      credits:
        creditsStartSeconds === null
          ? null
          : { startSeconds: creditsStartSeconds, confidence: 0.8 },
      fingerprint: null,
    },
  };
}

/** The audio pass's track with its first `count` segments. */
export function audioTrack(count: number): TrackOutput {
  return {
    id: "a0-en",
    init: { timescale: AUDIO_TIMESCALE, codecs: "mp4a.40.2", channels: 2, sampleRate: 48_000 },
    segments: Array.from({ length: count }, (_, number) => ({
      number,
      baseMediaDecodeTime: number * 4 * AUDIO_TIMESCALE,
      duration: 4 * AUDIO_TIMESCALE,
      size: 64_000,
    })),
  };
}
