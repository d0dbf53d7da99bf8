/**
 * How the ingest Worker and the transcoders talk, validated on both sides.
 *
 * A job is cut into tasks: one `probe` (what the master holds, its
 * subtitles converted, a poster, a first complexity sample), an `analyse`
 * when the probe could only sample the start of a master still uploading,
 * one `audio` pass over every audio track (AAC priming makes audio cut into
 * pieces click at the joins, so each track is encoded in one pass), and a
 * `video` task per chunk and rung group (the lowest rung alone, so the title
 * plays as early as possible, and the other rungs together, from one
 * decode), and one `markers` task that looks for the credits at the end and
 * fingerprints the audio where an intro can be (docs/ingest.md, "Markers").
 *
 * The ingest Worker hands a task to a free transcoder with `POST /tasks`
 * (`TaskAssignment`); the transcoder answers 202 at once, or 503 when it is
 * busy. While it works it calls back the job's endpoints under `ingestUrl`
 * with the task token: it reads the source (`/source`, HTTP ranges) and
 * subtitle files, writes outputs (`/outputs/<path>`), and reports on
 * `/tasks/<taskId>/heartbeat` (which keeps its lease), `/complete` (with the
 * `TaskResult`) or `/fail`. Any 409 means the attempt is over (cancelled,
 * or the lease ran out and the task went elsewhere): the transcoder stops.
 * The answer to `complete` and `fail` may hand the transcoder, now free,
 * its job's next waiting task (`ReportAnswer.next`), which it starts at
 * once: a busy job never waits on the queue for an instance it already has.
 * Routes: workers/ingest/src/routes/transcoder.ts.
 */
import { z } from "zod";
import { ComplexitySchema } from "../media/complexity-model.ts";
import { AssetPathSchema, SubtitleTrackSchema } from "../media/presentation.ts";

const count = z.number().int().nonnegative();
const positive = z.number().int().positive();

/** What a master holds, as the probe reads it. */
export const SourceSchema = z.object({
  durationSeconds: z.number().positive(),
  /** Where the container's timeline starts (MPEG-TS often starts at 1.4 s); the film starts here. */
  startSeconds: z.number(),
  video: z.object({
    /** The stream's index in the file (for `-map 0:<index>`). */
    index: count,
    /** Display size: sample aspect ratio applied and rotation honoured, as a player shows it. */
    width: positive,
    height: positive,
    /** The stream's average frame rate. */
    frameRate: z.number().positive(),
    codec: z.string().min(1).max(40),
    /** Where the picture starts on the film's timeline (after `startSeconds`); usually 0. */
    startSeconds: z.number().nonnegative(),
    durationSeconds: z.number().positive(),
  }),
  /** Decodable audio streams, in file order. */
  audio: z
    .array(
      z.object({
        index: count,
        /** BCP 47: "en", "fr", the three-letter tag when ISO 639-1 has none, "und" when untagged. */
        language: z.string().regex(/^[a-z]{2,3}$/),
        title: z.string().min(1).max(200).optional(),
        channels: positive,
        /** The container flags this stream as the default one. */
        default: z.boolean(),
      }),
    )
    .max(16),
});
export type Source = z.infer<typeof SourceSchema>;

export const VideoRungSchema = z.object({
  /** "240p": the short side. */
  id: z.string().regex(/^\d{3,4}p$/),
  width: positive,
  height: positive,
  bitrateKbps: positive,
  /** The complex-content rate this rung's bit rate was clamped under. */
  baseKbps: positive,
});
export type VideoRung = z.infer<typeof VideoRungSchema>;

export const AudioRungSchema = z.object({
  /** "a<position>-<language>". */
  id: z.string().regex(/^a\d+-[a-z]{2,3}$/),
  /** The source stream's index in the file. */
  streamIndex: count,
  language: z.string().regex(/^[a-z]{2,3}$/),
  /** The menu name, unique within the title. */
  name: z.string().min(1).max(100),
  channels: z.number().int().min(1).max(8),
  bitrateKbps: positive,
  default: z.boolean(),
});
export type AudioRung = z.infer<typeof AudioRungSchema>;

export const FrameRateSchema = z.object({ num: positive, den: positive });

export const ChunkSpanSchema = z.object({
  index: count,
  firstSegment: count,
  segmentCount: positive,
  startFrame: count,
  endFrame: count.nullable(),
  startSeconds: z.number().nonnegative(),
  endSeconds: z.number().positive(),
});

/** One sprite sheet of scrubbing thumbnails per chunk: `tiles` tiles, one every `intervalSeconds`. */
export const ChunkSpriteSchema = z.object({
  path: AssetPathSchema,
  intervalSeconds: z.number().positive(),
  tileWidth: positive,
  tileHeight: positive,
  columns: positive,
  rows: positive,
});

const SubtitleInputSchema = z.object({
  index: count,
  language: z.string().regex(/^[a-z]{2,3}$/),
  label: z.string().min(1).max(100),
});

export const TASK_KINDS = ["probe", "analyse", "audio", "video", "markers"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TaskSpecSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("probe"),
    /** How much of the master is stored: the complexity sample stays within it. */
    availableBytes: positive,
    /** Subtitle files uploaded with the video, fetched at `<ingestUrl>/subtitles/<index>`. */
    subtitles: z.array(SubtitleInputSchema).max(32),
  }),
  z.object({
    kind: z.literal("analyse"),
    /** Sample the whole film up to here (seconds). */
    upToSeconds: z.number().positive(),
  }),
  z.object({
    kind: z.literal("audio"),
    tracks: z.array(AudioRungSchema).min(1).max(16),
    /** The film's length, for the pass's progress. */
    durationSeconds: z.number().positive(),
  }),
  z.object({
    kind: z.literal("video"),
    chunk: ChunkSpanSchema,
    frameRate: FrameRateSchema,
    /** Ascending; one decode feeds a scaling cascade for all of them. */
    rungs: z.array(VideoRungSchema).min(1).max(12),
    /** The lowest rung's tasks also cut this chunk's scrubbing thumbnails. */
    sprite: ChunkSpriteSchema.nullable(),
  }),
  z.object({
    kind: z.literal("markers"),
    /** The audio stream an intro is matched on (the default track); null for a silent film. */
    audioIndex: count.nullable(),
    /** Fingerprint the audio from the start up to here: where an intro can be. */
    introSearchSeconds: z.number().positive(),
    /** Look for the credits from here to the end. */
    creditsFromSeconds: z.number().nonnegative(),
    durationSeconds: z.number().positive(),
  }),
]);
export type TaskSpec = z.infer<typeof TaskSpecSchema>;
export type TaskSpecOf<K extends TaskKind> = Extract<TaskSpec, { kind: K }>;

/** What the ingest Worker POSTs to a transcoder's `/tasks`. */
export const TaskAssignmentSchema = z.object({
  jobId: z.uuid(),
  taskId: z.string().regex(/^[a-z0-9-]{1,64}$/),
  attempt: positive,
  /** The task token; sent as a bearer token on every call back. */
  token: z.string().min(20),
  /** Absolute URL of the job's transcoder endpoints, without a trailing slash. */
  ingestUrl: z.url(),
  source: z.object({
    byteLength: positive,
    /** Known once the probe has run (null for the probe itself). */
    startSeconds: z.number().nullable(),
    videoIndex: count.nullable(),
  }),
  spec: TaskSpecSchema,
});
export type TaskAssignment = z.infer<typeof TaskAssignmentSchema>;

/** One media segment as written: its number, exact timing (track timescale) and size. */
export const SegmentFactsSchema = z.object({
  number: count,
  baseMediaDecodeTime: count,
  duration: positive,
  size: positive,
});
export type SegmentFacts = z.infer<typeof SegmentFactsSchema>;

/** What manifests need from an init segment. */
export const InitFactsSchema = z.object({
  timescale: positive,
  /** RFC 6381: "avc1.64001f", "mp4a.40.2". */
  codecs: z.string().min(4).max(64),
  width: positive.optional(),
  height: positive.optional(),
  channels: positive.optional(),
  sampleRate: positive.optional(),
});
export type InitFacts = z.infer<typeof InitFactsSchema>;

export const TrackOutputSchema = z.object({
  /** The rung's or audio track's id. */
  id: z.string().min(1).max(20),
  init: InitFactsSchema,
  segments: z.array(SegmentFactsSchema).max(20_000),
});
export type TrackOutput = z.infer<typeof TrackOutputSchema>;

/** What the markers task found in one video; the ingest Worker keeps it with the asset. */
export const MarkersAnalysisSchema = z.object({
  /** Where the credits start, if the end of the film looks like credits. */
  credits: z
    .object({
      startSeconds: z.number().nonnegative(),
      /** 0–1: a long dark ending; more when it starts at a cut and the sound drops with it. */
      confidence: z.number().min(0).max(1),
    })
    .nullable(),
  /**
   * Chromaprint's raw fingerprint of the intro search window (base64 of
   * little-endian 32-bit items, one per 1365 samples at 11 025 Hz), matched
   * against the season's other episodes; null without audio, or where the
   * transcoder's ffmpeg lacks the chromaprint muxer.
   */
  fingerprint: z.base64().max(400_000).nullable(),
});
export type MarkersAnalysis = z.infer<typeof MarkersAnalysisSchema>;

export const TaskResultSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("probe"),
    source: SourceSchema,
    complexity: ComplexitySchema,
    /** How far into the film the complexity sample reached (all of it once the upload is complete). */
    sampledUpToSeconds: z.number().positive(),
    subtitles: z.array(SubtitleTrackSchema).max(32),
    poster: AssetPathSchema.nullable(),
  }),
  z.object({ kind: z.literal("analyse"), complexity: ComplexitySchema }),
  z.object({ kind: z.literal("audio"), tracks: z.array(TrackOutputSchema).min(1) }),
  z.object({
    kind: z.literal("video"),
    tracks: z.array(TrackOutputSchema).min(1),
    /** The chunk's sprite sheet and how many tiles it holds (null when the task cut none). */
    sprite: z.object({ path: AssetPathSchema, tiles: positive }).nullable(),
  }),
  z.object({ kind: z.literal("markers"), analysis: MarkersAnalysisSchema }),
]);
export type TaskResult = z.infer<typeof TaskResultSchema>;
export type TaskResultOf<K extends TaskKind> = Extract<TaskResult, { kind: K }>;

/**
 * A heartbeat keeps the task's lease. It carries how far the task is
 * (0..1) and, for the audio pass, the segments stored since the last
 * heartbeat that was answered (with each track's init facts), so the
 * title's playlists can grow while the pass runs without a six-hour film
 * resending every segment every few seconds.
 */
export const HeartbeatSchema = z.object({
  progress: z.number().min(0).max(1),
  tracks: z.array(TrackOutputSchema).max(16).optional(),
});
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

/** What `complete` and `fail` answer: maybe the next task for this (now free) transcoder. */
export const ReportAnswerSchema = z.object({
  ok: z.literal(true),
  next: TaskAssignmentSchema.nullable(),
});
export type ReportAnswer = z.infer<typeof ReportAnswerSchema>;

export const INPUT_ERROR_CODES = ["empty_input", "corrupt_input", "unsupported_input"] as const;
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number];

/** A task that cannot finish: bad input fails the job, anything else is retried elsewhere. */
export const TaskFailureSchema = z.object({
  error: z.object({ code: z.string().min(1).max(64), message: z.string().min(1).max(2000) }),
  retryable: z.boolean(),
});
export type TaskFailure = z.infer<typeof TaskFailureSchema>;

/** What a job shows as it goes. */
export const JOB_STAGES = ["uploading", "probing", "analysing", "encoding", "finishing"] as const;
export type JobStage = (typeof JOB_STAGES)[number];
