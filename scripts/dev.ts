/**
 * `npm run dev`: the whole platform on Miniflare at http://localhost:8787
 * (set PORT to change it), with the demo accounts seeded and the web app
 * rebuilt as you edit it. Ctrl-C stops everything it started.
 */
import { startStack } from "./local-stack.ts";
import { DEMO_ACCOUNTS } from "./seed.ts";

const port = Number(process.env.PORT ?? 8787);
const stack = await startStack({ port, persistTo: ".wrangler/state", watchWeb: true });

console.log(`
  Marquee is running at ${stack.url}

  Demo accounts:
${DEMO_ACCOUNTS.map((account) => `    ${account.roles.join(", ").padEnd(14)} ${account.email} / ${account.password}`).join("\n")}

  API docs:     ${stack.url}/api/docs
  Dev mailbox:  ${stack.url}/dev/mailbox
  Ctrl-C stops everything.
`);

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
