/**
 * The platform a benchmark runs against: by default a fresh local stack of
 * its own (started like `npm run dev`, on a free port, with empty state);
 * with `--url` an already running one. Benchmarks drive the stack from one
 * client address and one account, so their own stack scales rate limits up
 * (RATE_LIMIT_SCALE); against `--url` the real limits apply.
 */
import { parseArgs } from "node:util";
import { startEphemeralStack, type RunningStack } from "../../scripts/local-stack.ts";

export async function benchStack(): Promise<Pick<RunningStack, "url" | "stop">> {
  const { values } = parseArgs({ options: { url: { type: "string" } }, strict: false });
  if (typeof values.url === "string")
    return { url: values.url.replace(/\/$/, ""), stop: async () => {} };
  console.log("Starting a local stack for the benchmark (rate limits scaled ×1,000,000)…");
  return startEphemeralStack("bench", { RATE_LIMIT_SCALE: "1000000" });
}

/** Seconds per measurement: `--seconds N`, 10 by default. */
export function benchSeconds(): number {
  const { values } = parseArgs({
    options: { seconds: { type: "string", default: "10" } },
    strict: false,
  });
  return Number(values.seconds);
}
