/**
 * `npm run deploy`: ships everything to Cloudflare with `wrangler deploy`.
 * Order matters: the Durable Objects Worker first (the others bind to its
 * classes), the api Worker last (it binds to all of them). D1 migrations
 * are applied to the remote database before any code that needs them.
 */
import { execFileSync } from "node:child_process";
import { ROOT } from "./local-stack.ts";
import { WORKERS } from "./workers.ts";

const run = (args: string[]) => execFileSync("wrangler", args, { cwd: ROOT, stdio: "inherit" });

execFileSync("vite", ["build", "--config", "web/vite.config.ts"], { cwd: ROOT, stdio: "inherit" });
run(["d1", "migrations", "apply", "DB", "--remote"]);
const api = WORKERS[0]!;
for (const worker of [...WORKERS.slice(1), api]) run(["deploy", "-c", worker.config]);
