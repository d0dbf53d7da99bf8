/**
 * What bench:ingest measured and the capacity projection reads:
 * .cache/bench/ingest-costs.json.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../../scripts/local-stack.ts";
import type { ChunkCosts } from "./chunk-costs.ts";
import type { PairCeiling } from "./pair-ceiling.ts";
import type { TaskCosts } from "./task-costs.ts";
import type { TaskTiming } from "./task-timings.ts";

export const COSTS_FILE = join(ROOT, ".cache", "bench", "ingest-costs.json");

/** One run of the pipeline, as bench:ingest timed it. */
export interface PipelineRun {
  instances: number;
  /** When the upload's last byte arrived (ms since the epoch). */
  lastByteAt: number;
  /** Seconds from the upload's last byte. */
  playable: number;
  full: number;
  /** CPU seconds of the transcoders and every ffmpeg they ran. */
  cpu: number;
  /** CPU seconds every other process on the machine used meanwhile (workerd, the bench). */
  otherCpu: number;
  uploadSeconds: number;
  tasks: TaskTiming[];
  /** From the last task's end to the job being ready: assembly and publication. */
  assemblySeconds: number;
}

export interface IngestCosts {
  filmSeconds: number;
  segmentsPerChunk: number;
  measuredAt: string;
  chunk1080: ChunkCosts;
  chunk2160: ChunkCosts;
  /** The probe's steps and the audio pass, on the 1080p master and the 2160p sample. */
  tasks1080: TaskCosts;
  tasks2160: TaskCosts;
  /** With two pinned transcoders, and with one. */
  pipeline: PipelineRun;
  pipelineOne: PipelineRun;
  pairCeiling: PairCeiling;
}

export function writeCosts(costs: IngestCosts): void {
  writeFileSync(COSTS_FILE, JSON.stringify(costs, null, 2));
}

export function readCosts(): IngestCosts {
  if (!existsSync(COSTS_FILE)) {
    throw new Error(`${COSTS_FILE} is missing: run \`npm run bench:ingest\` first.`);
  }
  return JSON.parse(readFileSync(COSTS_FILE, "utf8")) as IngestCosts;
}
