/**
 * `npm run dev`: the whole platform on Miniflare at http://localhost:8787
 * (set PORT to change it), with the demo accounts seeded, the demo catalog
 * made playable through the ingest pipeline (demo-media/), and the web app
 * rebuilt as you edit it. Ctrl-C stops everything it started.
 */
import { join } from "node:path";
import { DEMO_CLIPS, generateDemoClips } from "./demo-media/clips.ts";
import { DEMO_EPISODE_CLIPS } from "./demo-media/episode-clips.ts";
import { ingestDemoMedia } from "./demo-media/ingest.ts";
import { ROOT, startStack } from "./local-stack.ts";
import { DEMO_ACCOUNTS } from "./seed.ts";

const port = Number(process.env.PORT ?? 8787);
const stack = await startStack({ port, persistTo: ".wrangler/state", watchWeb: true });

console.log(`
  Marquee is running at ${stack.url}

  Demo accounts:
${DEMO_ACCOUNTS.map((account) => `    ${account.roles.join(", ").padEnd(14)} ${account.email} / ${account.password}`).join("\n")}

  API docs:     ${stack.url}/api/docs
  Dev mailbox:  ${stack.url}/dev/mailbox
  Ingest jobs:  ${stack.url}/admin/jobs (as the admin)
  Transcoders:  ${stack.transcoderUrls.join(", ")} (TRANSCODER_INSTANCES=N for more)
  QoE:          ${stack.url}/admin/qoe, /admin/engagement, /admin/experiments (as the admin)
  Metrics:      ${stack.url}/metrics (Authorization: Bearer METRICS_TOKEN from .dev.vars)
  Ctrl-C stops everything.
`);

// The demo videos go through the real pipeline while you look around (the first start generates them).
void (async () => {
  const dir = join(ROOT, ".cache", "demo-media");
  console.log("demo media: preparing the demo clips…");
  await generateDemoClips(dir, [...DEMO_CLIPS, ...DEMO_EPISODE_CLIPS]);
  await ingestDemoMedia(stack.url, dir, console.log);
})().catch((error: unknown) => {
  console.error(`demo media: ${error instanceof Error ? error.message : String(error)}`);
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, shutdown);
// npm exits on SIGTERM without passing it on; when our parent goes, so do we.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown();
}, 1000).unref();
