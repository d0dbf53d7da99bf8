/**
 * Other Workers, built and described for Miniflare, so a Worker's tests in
 * workerd can call them for real: the api tests reach the RateLimiter in the
 * Durable Objects Worker and the ingest and analytics Workers over their
 * bindings, exactly as in `wrangler dev`.
 *
 * Each Worker is bundled by `wrangler deploy --dry-run` (the deploy build)
 * and its Miniflare options come from its own wrangler config, so nothing
 * here restates a binding.
 */
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from "wrangler";

const ROOT = resolve(import.meta.dirname, "..");
const OUT = join(ROOT, ".cache", "test-workers");
const exec = promisify(execFile);

export async function auxiliaryWorkers(configs: string[]) {
  return Promise.all(
    configs.map(async (config) => {
      const { name, compatibility_date, compatibility_flags } = unstable_readConfig({
        config: join(ROOT, config),
      });
      if (!name) throw new Error(`${config} has no name`);
      const outdir = join(OUT, name);
      await exec("wrangler", ["deploy", "--dry-run", "--outdir", outdir, "-c", config], {
        cwd: ROOT,
      });
      // Durable Object definitions (SQLite or not) as wrangler derives them from the config's migrations.
      const { durableObjects } = unstable_getMiniflareWorkerOptions(join(ROOT, config))
        .workerOptions as {
        durableObjects?: Record<string, { className: string; useSQLite?: boolean }>;
      };
      return {
        name,
        modules: true,
        scriptPath: join(outdir, "index.js"),
        modulesRoot: outdir,
        compatibilityDate: compatibility_date,
        compatibilityFlags: compatibility_flags,
        durableObjects,
      };
    }),
  );
}
