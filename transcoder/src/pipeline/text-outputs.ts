/**
 * Writes the text outputs: media and subtitle playlists and the trickplay
 * index (written once, then reported ready) and the two manifests (rewritten
 * at each publish). Every write goes through a temporary name and a rename,
 * so a reader or an upload never sees half a file.
 */
import { mkdir, readdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Presentation, SubtitleTrack, Trickplay } from "../../../lib/media/presentation.ts";
import { dashManifest } from "../manifests/dash.ts";
import { masterPlaylist, mediaPlaylist, subtitlePlaylist } from "../manifests/hls.ts";
import type { MediaTrack } from "../manifests/media-track.ts";
import {
  DASH_MANIFEST,
  MASTER_PLAYLIST,
  mediaPlaylistPath,
  THUMBNAILS_INDEX,
  TRICKPLAY_DIR,
} from "../media/output-paths.ts";
import {
  thumbnailsVtt,
  tileCount,
  trickplayEntry,
  type TrickplayLayout,
} from "../media/trickplay.ts";
import { spriteFileOrder } from "./output-watcher.ts";

/** Reports a write-once file as complete. */
type FileReady = (relativePath: string) => void;

/** A track's media playlist, from its exact segment timing. */
export async function writeMediaPlaylist(
  outputDir: string,
  track: MediaTrack,
  fileReady: FileReady,
): Promise<void> {
  await writeText(outputDir, mediaPlaylistPath(track.dir), mediaPlaylist(track));
  fileReady(mediaPlaylistPath(track.dir));
}

/** Each subtitle track's one-segment playlist. */
export async function writeSubtitlePlaylists(
  outputDir: string,
  subtitles: readonly SubtitleTrack[],
  durationSeconds: number,
  fileReady: FileReady,
): Promise<void> {
  for (const s of subtitles) {
    const vttName = s.path.slice(s.path.lastIndexOf("/") + 1);
    await writeText(outputDir, s.playlist, subtitlePlaylist(vttName, durationSeconds));
    fileReady(s.playlist);
  }
}

/** The thumbnails index over the sprite sheets ffmpeg wrote; null when it wrote none. */
export async function writeTrickplayIndex(
  outputDir: string,
  layout: TrickplayLayout,
  durationSeconds: number,
  frameRate: number,
  fileReady: FileReady,
): Promise<Trickplay | null> {
  const names = await readdir(join(outputDir, TRICKPLAY_DIR));
  const sheets = names.filter((name) => spriteFileOrder(name) !== undefined).length;
  if (!sheets) return null;
  const tiles = tileCount(durationSeconds, frameRate, sheets);
  await writeText(outputDir, THUMBNAILS_INDEX, thumbnailsVtt(layout, durationSeconds, tiles));
  fileReady(THUMBNAILS_INDEX);
  return trickplayEntry(layout, tiles);
}

/**
 * Both manifests for a presentation; returns their paths.
 *
 * @param tracks the CMAF tracks of the presentation's renditions, by rendition id
 */
export async function writeManifests(
  outputDir: string,
  presentation: Presentation,
  tracks: ReadonlyMap<string, MediaTrack>,
): Promise<string[]> {
  await writeText(outputDir, MASTER_PLAYLIST, masterPlaylist(presentation));
  await writeText(outputDir, DASH_MANIFEST, dashManifest(presentation, tracks));
  return [MASTER_PLAYLIST, DASH_MANIFEST];
}

async function writeText(outputDir: string, relativePath: string, text: string): Promise<void> {
  const path = join(outputDir, relativePath);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}
