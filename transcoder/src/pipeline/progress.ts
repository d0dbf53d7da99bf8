/**
 * Overall progress while the passes run side by side: each pass's position
 * (ffmpeg's `out_time`) against the duration, weighted by the pass's share of
 * the work, and a label for the rungs still being encoded.
 */
import type { VideoRung } from "../media/ladder.ts";

export type Stage = "probing" | "analysing" | "encoding" | "finishing";

export interface ProgressUpdate {
  stage: Stage;
  /** 0..100, for the whole job. */
  percent: number;
  /** What is being encoded now, for example "240p" or "360p–1080p", else null. */
  rung: string | null;
}

/** Where encoding starts and ends on the 0..100 scale; probing and analysing take the start, manifests the end. */
export const ENCODING_START = 2;
export const ENCODING_END = 98;
/**
 * Decoding a pixel costs roughly half what encoding one at veryfast does, and
 * every pass decodes the whole source; without this the low pass, which
 * encodes few pixels but decodes them all, would look nearly free.
 */
const DECODE_WEIGHT = 0.5;

interface Pass {
  rungs: readonly VideoRung[];
  weight: number;
  fraction: number;
  done: boolean;
}

export class EncodingProgress {
  readonly #report: (update: ProgressUpdate) => void;
  readonly #durationSeconds: number;
  readonly #passes: Pass[];

  /**
   * @param passes the rungs each pass encodes, in order of the passes
   * @example
   * const progress = new EncodingProgress(hooks.progress, 60, sourcePixels, [[low], upper]);
   * progress.advance(0, 12.5);
   */
  constructor(
    report: (update: ProgressUpdate) => void,
    durationSeconds: number,
    sourcePixels: number,
    passes: readonly (readonly VideoRung[])[],
  ) {
    this.#report = report;
    this.#durationSeconds = durationSeconds;
    this.#passes = passes.map((rungs) => ({
      rungs,
      weight: sourcePixels * DECODE_WEIGHT + rungs.reduce((sum, r) => sum + r.width * r.height, 0),
      fraction: 0,
      done: false,
    }));
  }

  /** Pass `index` has written output up to `seconds`. */
  advance(index: number, seconds: number): void {
    const pass = this.#passes[index];
    if (!pass || pass.done) return;
    pass.fraction = Math.min(1, Math.max(pass.fraction, seconds / this.#durationSeconds));
    this.#emit();
  }

  finish(index: number): void {
    const pass = this.#passes[index];
    if (!pass) return;
    pass.fraction = 1;
    pass.done = true;
    this.#emit();
  }

  #emit(): void {
    const total = this.#passes.reduce((sum, p) => sum + p.weight, 0);
    const done = this.#passes.reduce((sum, p) => sum + p.weight * p.fraction, 0);
    const running = this.#passes.filter((p) => !p.done).flatMap((p) => p.rungs);
    const first = running[0];
    const last = running.at(-1);
    this.#report({
      stage: "encoding",
      percent: ENCODING_START + ((ENCODING_END - ENCODING_START) * done) / total,
      rung: first && last ? (first === last ? first.id : `${first.id}–${last.id}`) : null,
    });
  }
}
