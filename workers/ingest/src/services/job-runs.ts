/**
 * The steps of a job's run, as its Workflow takes them (workflow/
 * ingest-job-workflow.ts): open the run on the job's TaskBoard, plan the
 * ladder from the probe, plan the upper rungs from the whole film, make the
 * title playable, assemble and publish the full ladder, detect its markers,
 * or fail the job.
 * Each step is safe to run twice (a Workflow retries a step that did not
 * report back): D1 writes are conditional, R2 writes rewrite the same keys,
 * and the board ignores what it already has.
 */
import type { Database } from "../../../../lib/db/database.ts";
import type { TaskResultOf } from "../../../../lib/ingest/task-protocol.ts";
import type { Complexity } from "../../../../lib/media/complexity-model.ts";
import { DASH_MANIFEST, MASTER_PLAYLIST } from "../../../../lib/media/asset-layout.ts";
import type { Presentation } from "../../../../lib/media/presentation.ts";
import type { IngestBindings } from "../bindings.ts";
import type { IngestConfig } from "../config.ts";
import { completeJob, publishAsset, runFacts } from "../storage/jobs.ts";
import { outputsExist, writeTextOutputs } from "../storage/media-outputs.ts";
import { forgetCachedTitle } from "./title-cache.ts";
import { failForGood } from "./job-failure.ts";
import { keepAnalysis } from "./marker-detection.ts";
import { planFromProbe, planUpperRungs, type JobPlan, type PlanSettings } from "./job-plan.ts";
import { assemblePresentation } from "./presentation-assembly.ts";
import { emitEvent } from "./webhooks.ts";

export interface RunDeps {
  env: IngestBindings;
  db: Database;
  config: IngestConfig;
}

/** A run as its steps see it. */
export interface OpenedRun {
  jobId: string;
  run: number;
  assetId: string;
  uploadId: string;
  byteLength: number;
  titleId: string | null;
  episodeId: string | null;
}

/** What later steps keep of a plan (its tasks live on the board). */
export type KeptPlan = Omit<JobPlan, "tasks">;

const board = (deps: RunDeps, run: OpenedRun) => deps.env.TASK_BOARDS.getByName(run.jobId);

function settings(deps: RunDeps, run: OpenedRun): PlanSettings {
  return {
    segmentsPerChunk: deps.config.TRANSCODE_CHUNK_SEGMENTS,
    byteLength: run.byteLength,
    partBytes: deps.config.UPLOAD_PART_BYTES,
  };
}

/** Starts the run on the board with its probe; null when the job is not this run's any more. */
export async function openRun(
  deps: RunDeps,
  params: { jobId: string; run: number },
): Promise<OpenedRun | null> {
  const facts = await runFacts(deps.db, params.jobId);
  if (!facts || facts.job.attempt !== params.run) return null;
  if (facts.job.state !== "queued" && facts.job.state !== "processing") return null;
  const opened: OpenedRun = {
    jobId: facts.job.id,
    run: params.run,
    assetId: facts.job.assetId,
    uploadId: facts.upload.id,
    byteLength: facts.upload.byteLength,
    titleId: facts.job.titleId,
    episodeId: facts.job.episodeId,
  };
  await board(deps, opened).start({
    jobId: opened.jobId,
    run: opened.run,
    assetId: opened.assetId,
    uploadId: opened.uploadId,
    byteLength: opened.byteLength,
    probeBytes: deps.config.UPLOAD_PART_BYTES,
    subtitles: facts.subtitles.map((subtitle, index) => ({
      index,
      language: subtitle.language,
      label: subtitle.label,
    })),
  });
  return opened;
}

function kept({ tasks: _tasks, ...plan }: JobPlan): KeptPlan {
  return plan;
}

/** The ladder and the first tasks, from the probe. */
export async function planRun(
  deps: RunDeps,
  run: OpenedRun,
  probe: TaskResultOf<"probe">,
): Promise<KeptPlan> {
  const plan = planFromProbe(probe, settings(deps, run));
  await board(deps, run).addTasks(run.run, plan.tasks, {
    plan: plan.context,
    complete: plan.complete,
    expectedWeight: plan.expectedWeight,
  });
  return kept(plan);
}

/** The rungs above the lowest, once the whole film has been sampled. */
export async function planUpper(
  deps: RunDeps,
  run: OpenedRun,
  probe: TaskResultOf<"probe">,
  earlier: KeptPlan,
  complexity: Complexity,
): Promise<KeptPlan> {
  const upper = planUpperRungs(probe, earlier, complexity, settings(deps, run));
  await board(deps, run).extendPlan(run.run, upper);
  return { ...earlier, context: upper.context, complete: true };
}

/** The first chunks and audio are there (the board wrote the growing playlists): the title plays. */
export async function publishPlayable(
  deps: RunDeps,
  run: OpenedRun,
  presentation: Presentation,
): Promise<void> {
  if (await publishAsset(deps.db, run, presentation)) {
    await forgetCachedTitle(deps.env.KV, deps.db, run);
  }
}

/** Every chunk is done: the full ladder's manifests, then the title points at it, then the webhook. */
export async function publishReady(deps: RunDeps, run: OpenedRun): Promise<void> {
  const tracks = await board(deps, run).tracks(run.run);
  const plan = await board(deps, run).plan(run.run);
  if (!tracks || !plan) return;
  const { presentation, files } = assemblePresentation(plan, tracks, { ended: true });
  await writeTextOutputs(deps.env.MEDIA, run.assetId, files);
  if (!(await outputsExist(deps.env.MEDIA, run.assetId, [MASTER_PLAYLIST, DASH_MANIFEST]))) {
    throw new Error("the manifests did not land in R2");
  }
  if (!(await publishAsset(deps.db, run, presentation))) return;
  if (await completeJob(deps.db, run.jobId, run.run)) {
    await forgetCachedTitle(deps.env.KV, deps.db, run);
    await emitEvent({ db: deps.db, queue: deps.env.WEBHOOK_QUEUE }, "asset.ready", {
      jobId: run.jobId,
      assetId: run.assetId,
      titleId: run.titleId,
      episodeId: run.episodeId,
      durationSeconds: presentation.durationSeconds,
      renditions: presentation.video.map((rendition) => rendition.id),
    });
  }
  await board(deps, run).close(run.run, "done");
}

/**
 * The markers task's findings are kept with the asset, and the markers of
 * every title that plays it are found again (services/marker-detection.ts).
 */
export async function detectMarkers(deps: RunDeps, run: OpenedRun): Promise<void> {
  const analysis = await board(deps, run).markersAnalysis(run.run);
  if (analysis) await keepAnalysis({ db: deps.db, media: deps.env.MEDIA }, run.assetId, analysis);
}

/** The job cannot succeed: failed in D1, outputs removed, the webhook sent. */
export async function failRun(
  deps: RunDeps,
  run: OpenedRun,
  error: { code: string; message: string },
): Promise<void> {
  await failForGood(
    { db: deps.db, media: deps.env.MEDIA, kv: deps.env.KV, webhookQueue: deps.env.WEBHOOK_QUEUE },
    run.jobId,
    error,
  );
  await board(deps, run).close(run.run, "failed");
}
