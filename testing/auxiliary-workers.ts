/**
 * Other Workers, built and described for Miniflare, so a Worker's tests in
 * workerd can call them for real: the api tests reach the Durable Objects
 * Worker and the ingest and analytics Workers over their bindings, exactly
 * as in `wrangler dev`.
 *
 * Each Worker is bundled by `wrangler deploy --dry-run` (the deploy build)
 * and its bindings come from its own wrangler config (D1, KV and R2 by the
 * same ids as the Worker under test, so they share its storage), so nothing
 * here restates a binding. A test adds only what a config cannot hold:
 * secrets and test values of vars.
 */
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from "wrangler";

const ROOT = resolve(import.meta.dirname, "..");
const OUT = join(ROOT, ".cache", "test-workers");
const exec = promisify(execFile);

export interface AuxiliaryWorker {
  /** The Worker's wrangler config, relative to the repository root. */
  config: string;
  /** Secrets and vars to set (or override) for the test run. */
  bindings?: Record<string, string>;
  /**
   * Whether its queue consumers run. The api tests leave the ingest Worker's
   * off: they check what reaches the queues, the ingest Worker's own tests
   * check what consuming does.
   */
  consumeQueues?: boolean;
}

/** The parts of wrangler's Miniflare options this file passes on, as wrangler makes them. */
interface ConfiguredBindings {
  bindings?: Record<string, string>;
  d1Databases?: Record<string, { id: string }>;
  kvNamespaces?: Record<string, { id: string }>;
  r2Buckets?: Record<string, { id: string }>;
  durableObjects?: Record<string, { className: string; scriptName?: string; useSQLite?: boolean }>;
  queueProducers?: Record<string, { queueName: string }>;
  analyticsEngineDatasets?: Record<string, { dataset: string }>;
  workflows?: Record<string, { name: string; className: string; scriptName?: string }>;
  queueConsumers?: Record<
    string,
    {
      maxBatchSize?: number;
      maxBatchTimeout?: number;
      maxRetries?: number;
      deadLetterQueue?: string;
    }
  >;
}

export async function auxiliaryWorkers(workers: AuxiliaryWorker[]) {
  return Promise.all(
    workers.map(async ({ config, bindings = {}, consumeQueues = true }) => {
      const { name, compatibility_date, compatibility_flags } = unstable_readConfig({
        config: join(ROOT, config),
      });
      if (!name) throw new Error(`${config} has no name`);
      const outdir = join(OUT, name);
      // The container image is not needed to run the Worker (and needs Docker to build).
      await exec(
        "wrangler",
        ["deploy", "--dry-run", "--containers-rollout=none", "--outdir", outdir, "-c", config],
        { cwd: ROOT },
      );
      // Containers need a Docker engine; their Durable Object classes still load.
      const configured = unstable_getMiniflareWorkerOptions(join(ROOT, config), undefined, {
        overrides: { enableContainers: false },
      }).workerOptions as ConfiguredBindings;
      return {
        name,
        modules: true,
        scriptPath: join(outdir, "index.js"),
        modulesRoot: outdir,
        compatibilityDate: compatibility_date,
        compatibilityFlags: compatibility_flags,
        bindings: { ...configured.bindings, ...bindings },
        d1Databases: configured.d1Databases,
        kvNamespaces: configured.kvNamespaces,
        r2Buckets: configured.r2Buckets,
        durableObjects: configured.durableObjects,
        queueProducers: configured.queueProducers,
        analyticsEngineDatasets: configured.analyticsEngineDatasets,
        // The ingest Worker starts a Workflow per job as an upload is created.
        workflows: configured.workflows,
        ...(consumeQueues ? { queueConsumers: configured.queueConsumers } : {}),
      };
    }),
  );
}
