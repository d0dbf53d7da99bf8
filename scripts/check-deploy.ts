/**
 * Builds every Worker as `wrangler deploy` would, without uploading
 * (--dry-run), so a broken config or bundle fails here rather than at
 * deploy time. Needs the built web app (the api Worker's assets).
 *
 * The transcoder's container image is left out (--containers-rollout=none):
 * building it needs a Docker engine, which our machines do not have; the
 * container's config is still read and checked with the Worker's.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./local-stack.ts";
import { WORKERS } from "./workers.ts";

const out = mkdtempSync(join(tmpdir(), "marquee-deploy-"));
try {
  for (const { name, config } of WORKERS) {
    execFileSync(
      "wrangler",
      [
        "deploy",
        "--dry-run",
        "--containers-rollout=none",
        "--outdir",
        join(out, name),
        "-c",
        config,
      ],
      {
        cwd: ROOT,
        stdio: "pipe",
      },
    );
    console.log(`✓ ${name} builds for deploy.`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
