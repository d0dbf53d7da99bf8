/**
 * A title's presentation and its text files (media playlists, master
 * playlist, DASH MPD, subtitle playlists, thumbnails index) from what the
 * transcoders reported: the same manifests the single-pass pipeline wrote,
 * now assembled in the Worker from every chunk's segment timings. Pure.
 *
 * Used twice: while the title grows (the lowest rung and the audio so far,
 * EVENT playlists, `complete: false`) and once every chunk is done (every
 * rung, VOD playlists, `complete: true`).
 */
import type { TrackOutput } from "../../../../lib/ingest/task-protocol.ts";
import {
  DASH_MANIFEST,
  MASTER_PLAYLIST,
  mediaPlaylistPath,
  THUMBNAILS_INDEX,
  trackDir,
} from "../../../../lib/media/asset-layout.ts";
import { dashManifest } from "../../../../lib/media/manifests/dash.ts";
import {
  masterPlaylist,
  mediaPlaylist,
  subtitlePlaylist,
} from "../../../../lib/media/manifests/hls.ts";
import { trackEndSeconds, type MediaTrack } from "../../../../lib/media/manifests/media-track.ts";
import { audioRendition, videoRendition } from "../../../../lib/media/manifests/renditions.ts";
import { PresentationSchema, type Presentation } from "../../../../lib/media/presentation.ts";
import {
  thumbnailsVtt,
  trickplayEntry,
  type SpriteSheet,
} from "../../../../lib/media/trickplay.ts";
import type { PlanContext } from "./task-schedule.ts";

/** The tracks to present, by rendition id, and the sprite sheets in chunk order. */
export interface PresentableTracks {
  video: ReadonlyMap<string, TrackOutput>;
  audio: ReadonlyMap<string, TrackOutput>;
  sprites: readonly SpriteSheet[] | null;
}

export interface TextFile {
  path: string;
  text: string;
}

/** A CMAF track as the manifest writers read it. */
function mediaTrack(kind: "video" | "audio", output: TrackOutput): MediaTrack {
  return {
    dir: trackDir(kind, output.id),
    timescale: output.init.timescale,
    ...(output.init.sampleRate ? { sampleRate: output.init.sampleRate } : {}),
    segments: output.segments.map(({ baseMediaDecodeTime, duration, size }) => ({
      baseMediaDecodeTime,
      duration,
      size,
    })),
  };
}

/**
 * The presentation and its files. `ended`: every track is whole (VOD);
 * otherwise the tracks are what has landed so far and keep growing.
 *
 * @example
 * const { presentation, files } = assemblePresentation(plan, tracks, { ended: true });
 */
export function assemblePresentation(
  plan: PlanContext,
  tracks: PresentableTracks,
  options: { ended: boolean },
): { presentation: Presentation; files: TextFile[] } {
  const media = new Map<string, MediaTrack>();
  const video = [plan.lowest, ...plan.upper].flatMap((rung) => {
    const output = tracks.video.get(rung.id);
    if (!output || output.segments.length === 0) return [];
    const track = mediaTrack("video", output);
    media.set(rung.id, track);
    return [videoRendition(rung, plan.frameRate, output.init, track)];
  });
  const audio = plan.audio.flatMap((rung) => {
    const output = tracks.audio.get(rung.id);
    if (!output || output.segments.length === 0) return [];
    const track = mediaTrack("audio", output);
    media.set(rung.id, track);
    return [audioRendition(rung, output.init, track)];
  });
  // While growing, the title is as long as the film will be; once whole, as long as its tracks are.
  const durationSeconds = options.ended
    ? Math.max(...[...media.values()].map(trackEndSeconds))
    : plan.durationSeconds;
  const trickplay =
    options.ended && plan.sprite && tracks.sprites?.length
      ? trickplayEntry(plan.sprite, tracks.sprites)
      : null;
  const presentation = PresentationSchema.parse({
    durationSeconds,
    video,
    audio,
    subtitles: plan.subtitles,
    poster: plan.poster,
    trickplay,
    hls: MASTER_PLAYLIST,
    dash: DASH_MANIFEST,
    complete: options.ended,
  } satisfies Presentation);

  const files: TextFile[] = [];
  for (const track of media.values()) {
    files.push({
      path: mediaPlaylistPath(track.dir),
      text: mediaPlaylist(track, { ended: options.ended }),
    });
  }
  for (const subtitle of plan.subtitles) {
    const vttName = subtitle.path.slice(subtitle.path.lastIndexOf("/") + 1);
    files.push({ path: subtitle.playlist, text: subtitlePlaylist(vttName, durationSeconds) });
  }
  if (trickplay && plan.sprite && tracks.sprites) {
    files.push({
      path: THUMBNAILS_INDEX,
      text: thumbnailsVtt(plan.sprite, tracks.sprites, durationSeconds),
    });
  }
  // The manifests last: a player that reads them finds every file they name.
  files.push({ path: DASH_MANIFEST, text: dashManifest(presentation, media) });
  files.push({ path: MASTER_PLAYLIST, text: masterPlaylist(presentation) });
  return { presentation, files };
}
