/**
 * Generates each Worker's Env types with `wrangler types` (`npm run types`),
 * or, with --check, fails when any of them is stale (`npm run check`).
 * Every config is passed along so bindings to another Worker's Durable
 * Objects or entrypoints get that Worker's real types.
 */
import { execFileSync } from "node:child_process";
import { WORKERS, WORKER_CONFIGS } from "./workers.ts";

const check = process.argv.includes("--check");
let stale = 0;

for (const worker of WORKERS) {
  const others = WORKER_CONFIGS.filter((config) => config !== worker.config);
  const args = [
    "types",
    worker.types,
    "--include-runtime=false",
    "--strict-vars=false",
    "-c",
    worker.config,
    ...others.flatMap((config) => ["-c", config]),
    ...(check ? ["--check"] : []),
  ];
  try {
    execFileSync("wrangler", args, { stdio: check ? "pipe" : "inherit" });
  } catch (error) {
    if (!check) throw error;
    stale++;
    console.error(`✗ ${worker.types} is stale; run \`npm run types\`.`);
  }
}

if (stale > 0) process.exit(1);
if (check) console.log("✓ Worker types are up to date.");
