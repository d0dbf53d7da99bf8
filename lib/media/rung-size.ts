/**
 * Picture sizes for scaled outputs: a short side plus the source's display
 * aspect ratio, in even dimensions (4:2:0 chroma needs them), never larger
 * than the source.
 */

export interface Size {
  width: number;
  height: number;
}

/**
 * @example
 * sizeForShortSide(360, { width: 1920, height: 1080 }); // { width: 640, height: 360 }
 * sizeForShortSide(360, { width: 1080, height: 1920 }); // { width: 360, height: 640 }
 */
export function sizeForShortSide(shortSide: number, source: Size): Size {
  const landscape = source.width >= source.height;
  const [longSource, shortSource] = landscape
    ? [source.width, source.height]
    : [source.height, source.width];
  const longSide = Math.min(
    evenRound((shortSide * longSource) / shortSource),
    evenFloor(longSource),
  );
  return landscape
    ? { width: longSide, height: shortSide }
    : { width: shortSide, height: longSide };
}

/**
 * @example
 * sizeForWidth(1280, { width: 1920, height: 800 }); // { width: 1280, height: 534 }
 */
export function sizeForWidth(width: number, source: Size): Size {
  const w = Math.min(evenFloor(width), evenFloor(source.width));
  return { width: w, height: Math.max(2, evenRound((w * source.height) / source.width)) };
}

export const evenRound = (x: number) => 2 * Math.round(x / 2);
export const evenFloor = (x: number) => 2 * Math.floor(x / 2);
