/**
 * Stopping a transcode: the caller's abort, or a failure anywhere, kills
 * every ffmpeg child at once and rejects; no process is left behind.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transcode, type TranscodeHooks } from "../src/pipeline/transcode.ts";
import { clip } from "./clips.ts";

let outputDir: string;
beforeAll(async () => {
  outputDir = await mkdtemp(join(tmpdir(), "marquee-abort-"));
});
afterAll(() => rm(outputDir, { recursive: true, force: true }));

/** Names of this process's child processes, zombies included, from /proc. */
function children(): string[] {
  const names: string[] = [];
  for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) === process.pid)
        names.push(/^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?");
    } catch {
      // The process ended while we looked.
    }
  }
  return names;
}

const quiet: TranscodeHooks = {
  progress: () => undefined,
  fileReady: () => undefined,
  publish: async () => undefined,
};

async function input(signal: AbortSignal) {
  return {
    sourcePath: await clip("main"),
    outputDir: await mkdtemp(join(outputDir, "job-")),
    subtitles: [],
    signal,
  };
}

describe("abort", () => {
  it("kills every ffmpeg at once when the caller aborts mid-encode", async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    let running: string[] = [];
    const reason = new Error("job cancelled");
    const job = transcode(await input(controller.signal), {
      ...quiet,
      // The first segment means both passes are encoding.
      fileReady: (path) => {
        if (abortedAt || !path.endsWith(".m4s")) return;
        running = children();
        abortedAt = performance.now();
        controller.abort(reason);
      },
    });
    await expect(job).rejects.toBe(reason);
    expect(running.filter((name) => name === "ffmpeg").length).toBeGreaterThanOrEqual(2);
    expect(performance.now() - abortedAt).toBeLessThan(1000);
    expect(children()).toEqual([]);
  }, 30_000);

  it("rejects at once, starting nothing, when already aborted", async () => {
    const reason = new Error("too late");
    await expect(transcode(await input(AbortSignal.abort(reason)), quiet)).rejects.toBe(reason);
    expect(children()).toEqual([]);
  });

  it("stops everything when a hook fails", async () => {
    const failure = new Error("the store is down");
    const job = transcode(await input(new AbortController().signal), {
      ...quiet,
      publish: async () => {
        throw failure;
      },
    });
    await expect(job).rejects.toBe(failure);
    expect(children()).toEqual([]);
  }, 30_000);
});
