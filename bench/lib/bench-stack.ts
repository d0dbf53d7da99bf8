/**
 * The platform a benchmark runs against: by default a fresh local stack of
 * its own (started like `npm run dev`, on a free port, with empty state);
 * with `--url` an already running one. Benchmarks drive the stack from one
 * client address and one account, so their own stack scales rate limits up
 * (RATE_LIMIT_SCALE); against `--url` the real limits apply.
 */
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, startStack } from "../../scripts/local-stack.ts";

export interface BenchStack {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export async function benchStack(): Promise<BenchStack> {
  const { values } = parseArgs({ options: { url: { type: "string" } }, strict: false });
  if (typeof values.url === "string")
    return { url: values.url.replace(/\/$/, ""), stop: async () => {} };
  mkdirSync(join(ROOT, ".cache"), { recursive: true });
  const state = mkdtempSync(join(ROOT, ".cache", "bench-state-"));
  console.log("Starting a local stack for the benchmark (rate limits scaled ×1,000,000)…");
  const stack = await startStack({
    port: await freePort(),
    persistTo: state,
    logFile: join(state, "stack.log"),
    vars: { RATE_LIMIT_SCALE: "1000000" },
  });
  return {
    url: stack.url,
    stop: async () => {
      await stack.stop();
      rmSync(state, { recursive: true, force: true });
    },
  };
}
