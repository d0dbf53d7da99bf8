/**
 * The Workers of this repository and their wrangler configs, in the order
 * `wrangler dev` takes them (the first is the primary, the one with a URL).
 * Every script that walks the Workers reads this list.
 */
export interface WorkerConfig {
  name: string;
  /** The wrangler config, relative to the repository root. */
  config: string;
  /** Where `wrangler types` writes this Worker's Env. */
  types: string;
}

export const WORKERS: WorkerConfig[] = [
  { name: "api", config: "wrangler.toml", types: "workers/api/worker-configuration.d.ts" },
  {
    name: "durable-objects",
    config: "durable-objects/wrangler.toml",
    types: "durable-objects/worker-configuration.d.ts",
  },
  {
    name: "ingest",
    config: "workers/ingest/wrangler.toml",
    types: "workers/ingest/worker-configuration.d.ts",
  },
  {
    name: "analytics",
    config: "workers/analytics/wrangler.toml",
    types: "workers/analytics/worker-configuration.d.ts",
  },
];

export const WORKER_CONFIGS = WORKERS.map((worker) => worker.config);
