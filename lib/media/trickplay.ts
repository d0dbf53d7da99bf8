/**
 * Scrubbing thumbnails: a small tile at a fixed interval, one sprite sheet
 * per chunk, and a WebVTT index whose cues point into the sheets with
 * `#xywh=`. Each chunk's lowest-rung task cuts its own sheet from frames it
 * has already decoded, so thumbnails cost almost nothing and need no pass
 * over the whole film; the interval divides the chunk's length, so a sheet
 * never spans two chunks. The index is written once every chunk is done.
 */
import type { ChunkSpan } from "./frame-grid.ts";
import { spritePath, THUMBNAILS_INDEX } from "./asset-layout.ts";
import type { Trickplay } from "./presentation.ts";
import { sizeForWidth, type Size } from "./rung-size.ts";

/** About this far apart; the exact interval divides the chunk length. */
const TARGET_INTERVAL_SECONDS = 10;
const TILE_WIDTH = 160;

/** How every chunk's sheet is laid out. */
export interface SpriteLayout {
  intervalSeconds: number;
  tileWidth: number;
  tileHeight: number;
  columns: number;
  rows: number;
}

/**
 * The layout for chunks of `chunkSeconds`: as many tiles as fit at about
 * ten-second spacing, in a near-square grid.
 *
 * @example
 * spriteLayout({ width: 1920, height: 1080 }, 60); // 6 tiles, 10 s apart, 3×2 of 160×90
 */
export function spriteLayout(video: Size, chunkSeconds: number): SpriteLayout {
  const tiles = Math.max(1, Math.round(chunkSeconds / TARGET_INTERVAL_SECONDS));
  const columns = Math.ceil(Math.sqrt(tiles));
  const tile = sizeForWidth(TILE_WIDTH, video);
  return {
    intervalSeconds: chunkSeconds / tiles,
    tileWidth: tile.width,
    tileHeight: tile.height,
    columns,
    rows: Math.ceil(tiles / columns),
  };
}

/** What the chunk's lowest-rung task cuts: its sheet's path and the layout. */
export function chunkSprite(chunk: Pick<ChunkSpan, "index">, layout: SpriteLayout) {
  return { path: spritePath(chunk.index), ...layout };
}

/** A chunk's finished sheet: where, and how many tiles it holds (the last chunk's may hold fewer). */
export interface SpriteSheet {
  path: string;
  tiles: number;
}

/**
 * The WebVTT index over every chunk's sheet, in chunk order: one cue per
 * tile, the last ending at the film's end.
 *
 * @example
 * thumbnailsVtt(layout, [{ path: "trickplay/sprite-00000.jpg", tiles: 6 }], 58.2);
 */
export function thumbnailsVtt(
  layout: SpriteLayout,
  sheets: readonly SpriteSheet[],
  durationSeconds: number,
): string {
  const cues: string[] = [];
  const total = sheets.reduce((sum, sheet) => sum + sheet.tiles, 0);
  let tile = 0;
  for (const sheet of sheets) {
    const name = sheet.path.slice(sheet.path.lastIndexOf("/") + 1);
    for (let i = 0; i < sheet.tiles; i++, tile++) {
      const start = tile * layout.intervalSeconds;
      if (start >= durationSeconds) break;
      const end = tile === total - 1 ? durationSeconds : (tile + 1) * layout.intervalSeconds;
      const x = (i % layout.columns) * layout.tileWidth;
      const y = Math.floor(i / layout.columns) * layout.tileHeight;
      cues.push(
        `${vttTime(start)} --> ${vttTime(Math.min(end, durationSeconds))}\n${name}#xywh=${x},${y},${layout.tileWidth},${layout.tileHeight}`,
      );
    }
  }
  return `WEBVTT\n\n${cues.join("\n\n")}\n`;
}

/** The Trickplay entry of a presentation. */
export function trickplayEntry(layout: SpriteLayout, sheets: readonly SpriteSheet[]): Trickplay {
  return { ...layout, index: THUMBNAILS_INDEX, sprites: sheets.map((sheet) => sheet.path) };
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
