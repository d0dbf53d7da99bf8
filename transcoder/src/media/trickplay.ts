/**
 * Scrubbing thumbnails: one tile every 10 seconds, 25 to a JPEG sprite sheet,
 * and a WebVTT index whose cues point into the sheets with `#xywh=`. The tiles
 * are cut in the low-rung pass from frames it has already scaled down, so they
 * cost almost nothing; this module holds the filter and the index.
 */
import type { Trickplay } from "../../../lib/media/presentation.ts";
import { spritePath, THUMBNAILS_INDEX } from "./output-paths.ts";
import { sizeForWidth, type Size } from "./rung-size.ts";

export const TRICKPLAY_INTERVAL_SECONDS = 10;
const TILE_WIDTH = 160;
const COLUMNS = 5;
const ROWS = 5;
const TILES_PER_SPRITE = COLUMNS * ROWS;

export type TrickplayLayout = Omit<Trickplay, "index" | "sprites">;

export function trickplayLayout(video: Size): TrickplayLayout {
  const tile = sizeForWidth(TILE_WIDTH, video);
  return {
    intervalSeconds: TRICKPLAY_INTERVAL_SECONDS,
    tileWidth: tile.width,
    tileHeight: tile.height,
    columns: COLUMNS,
    rows: ROWS,
  };
}

/**
 * The filter chain from decoded frames to sprite sheets. `select` takes the
 * first frame at or after each 10 s mark (the fps filter would instead pick
 * by rounding, and its count at the end differs between ffmpeg versions).
 * The tile filter emits the last, partly filled sheet at end of stream in
 * both 4.1 and 5.1. Sheets are renumbered 0, 1, 2… one second apart so the
 * image2 muxer's constant-rate output writes each exactly once.
 *
 * @example
 * trickplayFilter(layout); // "select='gte(t,10*selected_n)',scale=160:90,tile=5x5,settb=1,setpts=N"
 */
export function trickplayFilter(layout: TrickplayLayout): string {
  return [
    `select='gte(t,${layout.intervalSeconds}*selected_n)'`,
    `scale=${layout.tileWidth}:${layout.tileHeight}`,
    `tile=${layout.columns}x${layout.rows}`,
    "settb=1",
    "setpts=N",
  ].join(",");
}

/**
 * How many tiles the filter cut: one per interval mark up to the last frame
 * (which starts about one frame before the end), kept consistent with the
 * number of sheets actually written.
 */
export function tileCount(durationSeconds: number, frameRate: number, sheets: number): number {
  const lastFrame = Math.max(0, durationSeconds - 1 / frameRate);
  const marks = Math.floor(lastFrame / TRICKPLAY_INTERVAL_SECONDS + 1e-9) + 1;
  return Math.min(Math.max(marks, (sheets - 1) * TILES_PER_SPRITE + 1), sheets * TILES_PER_SPRITE);
}

/** The sheets holding `tiles` tiles, as asset paths. */
export function spritePaths(tiles: number): string[] {
  return Array.from({ length: Math.ceil(tiles / TILES_PER_SPRITE) }, (_, n) => spritePath(n));
}

/**
 * The WebVTT index: one cue per tile, the last ending at the duration.
 *
 * @example
 * thumbnailsVtt(layout, 25, 3);
 * // WEBVTT … 00:00:20.000 --> 00:00:25.000\nsprite-000.jpg#xywh=320,0,160,90
 */
export function thumbnailsVtt(
  layout: TrickplayLayout,
  durationSeconds: number,
  tiles: number,
): string {
  const cues: string[] = [];
  for (let i = 0; i < tiles; i++) {
    const start = i * layout.intervalSeconds;
    const end = i === tiles - 1 ? durationSeconds : (i + 1) * layout.intervalSeconds;
    const inSheet = i % TILES_PER_SPRITE;
    const x = (inSheet % layout.columns) * layout.tileWidth;
    const y = Math.floor(inSheet / layout.columns) * layout.tileHeight;
    const sheet = spritePath(Math.floor(i / TILES_PER_SPRITE))
      .split("/")
      .pop();
    cues.push(
      `${vttTime(start)} --> ${vttTime(end)}\n${sheet}#xywh=${x},${y},${layout.tileWidth},${layout.tileHeight}`,
    );
  }
  return `WEBVTT\n\n${cues.join("\n\n")}\n`;
}

/** The Trickplay entry of a presentation. */
export function trickplayEntry(layout: TrickplayLayout, tiles: number): Trickplay {
  return { ...layout, index: THUMBNAILS_INDEX, sprites: spritePaths(tiles) };
}

/** HH:MM:SS.mmm, as WebVTT requires. */
export function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const hh = Math.floor(ms / 3_600_000);
  const mm = Math.floor(ms / 60_000) % 60;
  const ss = Math.floor(ms / 1000) % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(hh)}:${pad(mm)}:${pad(ss)}.${pad(ms % 1000, 3)}`;
}
