/**
 * `npm run deploy`: ships everything to Cloudflare with `wrangler deploy`.
 * Order matters: the ingest Worker first (it binds to no other Worker, and
 * hosts the upload sessions the Durable Objects Worker's `v6` migration
 * deletes there), then the Durable Objects Worker (the api Worker binds to
 * its classes), the analytics Worker, and the api Worker last (it binds to
 * all of them). D1 migrations are applied to the remote database before any
 * code that needs them.
 */
import { execFileSync } from "node:child_process";
import { ROOT } from "./local-stack.ts";
import { WORKERS } from "./workers.ts";

const run = (args: string[]) => execFileSync("wrangler", args, { cwd: ROOT, stdio: "inherit" });

execFileSync("vite", ["build", "--config", "web/vite.config.ts"], { cwd: ROOT, stdio: "inherit" });
run(["d1", "migrations", "apply", "DB", "--remote"]);
const ORDER = ["ingest", "durable-objects", "analytics", "api"];
const unordered = WORKERS.filter((worker) => !ORDER.includes(worker.name));
if (unordered.length)
  throw new Error(`deploy order misses ${unordered.map((w) => w.name).join(", ")}`);
for (const name of ORDER) {
  const worker = WORKERS.find((candidate) => candidate.name === name);
  if (!worker) throw new Error(`no Worker named ${name} in scripts/workers.ts`);
  run(["deploy", "-c", worker.config]);
}
