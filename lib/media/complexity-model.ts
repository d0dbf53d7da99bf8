/**
 * How hard a title is to compress, as the complexity probe measures it and
 * the ladder rule reads it: what x264 ultrafast at CRF 23 spent at two
 * picture sizes, and the fitted growth of that with pixel count. Pure; the
 * probe itself (ffmpeg) is the transcoder's (transcoder/src/media/complexity.ts).
 */
import { z } from "zod";

/** Bit rate growth with pixel count when only one size can be measured (a source of 360p or less). */
const DEFAULT_EXPONENT = 0.75;
const MIN_EXPONENT = 0.2;
const MAX_EXPONENT = 1;

export const ComplexitySchema = z.object({
  lowPixels: z.number().positive(),
  lowKbps: z.number().positive(),
  topPixels: z.number().positive(),
  topKbps: z.number().positive(),
  /** k in needed(p) = lowKbps × (p / lowPixels)^k. */
  exponent: z.number().min(MIN_EXPONENT).max(MAX_EXPONENT),
});
export type Complexity = z.infer<typeof ComplexitySchema>;

/**
 * What the content needs at `pixels` per frame, in kbps at ultrafast CRF 23.
 *
 * @example
 * neededKbps({ lowPixels: 230400, lowKbps: 800, topPixels: 2073600, topKbps: 4000, exponent: 0.73 }, 921600);
 */
export function neededKbps(complexity: Complexity, pixels: number): number {
  return complexity.lowKbps * (pixels / complexity.lowPixels) ** complexity.exponent;
}

/** The growth exponent from two measured points, clamped to what real content does. */
export function fitComplexity(
  lowPixels: number,
  lowKbps: number,
  topPixels: number,
  topKbps: number,
): Complexity {
  const exponent =
    topPixels > lowPixels
      ? Math.min(
          MAX_EXPONENT,
          Math.max(MIN_EXPONENT, Math.log(topKbps / lowKbps) / Math.log(topPixels / lowPixels)),
        )
      : DEFAULT_EXPONENT;
  return { lowPixels, lowKbps, topPixels, topKbps, exponent };
}
