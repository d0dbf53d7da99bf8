/**
 * Starts the whole platform for the browser tests, as `npm run dev` does but
 * on a free port with its own empty state, which is removed afterwards.
 * Without Chromium it starts nothing and says how to get it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ROOT, startStack } from "../scripts/local-stack.ts";
import { CHROMIUM_PATH, INSTALL_HINT } from "./chromium.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
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

export default async function setup(project: TestProject) {
  if (!CHROMIUM_PATH) {
    console.warn(INSTALL_HINT);
    project.provide("baseUrl", "");
    return;
  }
  const state = mkdtempSync(join(ROOT, ".cache", "e2e-state-"));
  const stack = await startStack({
    port: await freePort(),
    persistTo: state,
    logFile: join(state, "stack.log"),
    // Every browser test signs in from 127.0.0.1; real limits would have them queue
    // behind each other. Rate limiting itself is tested in workerd.
    vars: { RATE_LIMIT_SCALE: "50" },
  });
  project.provide("baseUrl", stack.url);
  return async () => {
    await stack.stop();
    rmSync(state, { recursive: true, force: true });
  };
}
