/**
 * What a transcoded asset offers a player: its renditions, tracks, manifests
 * and images. The transcoder reports it each time it publishes (the lowest
 * rung first, then again as higher rungs finish), the ingest Worker stores
 * it with the asset, and playback reads it to sign and rewrite manifests.
 *
 * Every path is relative to the asset's folder in R2 (`media/<assetId>/`);
 * the R2 layout itself is in `asset-layout.ts`.
 */
import { z } from "zod";

/** A path inside an asset's folder: lower-case segments, no `..`, no leading slash. */
export const AssetPathSchema = z
  .string()
  .max(200)
  .regex(/^[a-z0-9][a-z0-9_-]*(\.[a-z0-9]+)*(\/[a-z0-9][a-z0-9_-]*(\.[a-z0-9]+)*)*$/, {
    message: "must be a relative path of lower-case segments",
  });

const bitsPerSecond = z.number().int().positive();

export const VideoRenditionSchema = z.object({
  /** The rung's name, by its short side: "240p", "1080p". */
  id: z.string().regex(/^\d{3,4}p$/),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  frameRate: z.number().positive(),
  /** Peak bit rate over the rendition's segments (HLS BANDWIDTH, DASH bandwidth). */
  bandwidth: bitsPerSecond,
  /** Mean bit rate over the whole rendition (HLS AVERAGE-BANDWIDTH). */
  averageBandwidth: bitsPerSecond,
  /** RFC 6381 codec string, for example "avc1.64001f". */
  codecs: z.string().min(4).max(64),
  /** The rendition's HLS media playlist. */
  playlist: AssetPathSchema,
});

export const AudioRenditionSchema = z.object({
  /** "a<index>-<language>", for example "a0-en". */
  id: z.string().regex(/^a\d+-[a-z]{2,3}$/),
  /** BCP 47 language from the source stream's tags, "und" when it has none. */
  language: z.string().regex(/^[a-z]{2,3}$/),
  /** What the audio menu shows: the stream's title, else the language's name. */
  name: z.string().min(1).max(100),
  channels: z.number().int().min(1).max(8),
  bandwidth: bitsPerSecond,
  averageBandwidth: bitsPerSecond,
  codecs: z.string().min(4).max(64),
  /** The source's first (or default-flagged) audio stream. */
  default: z.boolean(),
  playlist: AssetPathSchema,
});

export const SubtitleTrackSchema = z.object({
  /** "s<index>-<language>", for example "s0-en". */
  id: z.string().regex(/^s\d+-[a-z]{2,3}$/),
  language: z.string().regex(/^[a-z]{2,3}$/),
  label: z.string().min(1).max(100),
  /** The WebVTT file (DASH references it directly). */
  path: AssetPathSchema,
  /** A one-segment HLS media playlist around the WebVTT file. */
  playlist: AssetPathSchema,
});

export const TrickplaySchema = z.object({
  /** A WebVTT file whose cues point into the sprites with `#xywh=`. */
  index: AssetPathSchema,
  intervalSeconds: z.number().positive(),
  tileWidth: z.number().int().positive(),
  tileHeight: z.number().int().positive(),
  columns: z.number().int().positive(),
  rows: z.number().int().positive(),
  sprites: z.array(AssetPathSchema).min(1),
});

export const PresentationSchema = z.object({
  durationSeconds: z.number().positive(),
  /** Ascending by height; the first entry is the lowest rung. */
  video: z.array(VideoRenditionSchema).min(1).max(12),
  audio: z.array(AudioRenditionSchema).max(16),
  subtitles: z.array(SubtitleTrackSchema).max(32),
  poster: AssetPathSchema.nullable(),
  trickplay: TrickplaySchema.nullable(),
  /** The HLS master playlist and the DASH MPD, both listing every rendition above. */
  hls: AssetPathSchema,
  dash: AssetPathSchema,
  /** False while higher rungs are still being encoded. */
  complete: z.boolean(),
});

export type VideoRendition = z.infer<typeof VideoRenditionSchema>;
export type AudioRendition = z.infer<typeof AudioRenditionSchema>;
export type SubtitleTrack = z.infer<typeof SubtitleTrackSchema>;
export type Trickplay = z.infer<typeof TrickplaySchema>;
export type Presentation = z.infer<typeof PresentationSchema>;
