/**
 * The stack's two transcoders, run by the tests themselves so they can be
 * killed mid-chunk (SIGKILL: the process and its ffmpeg children end at
 * once, as a crashed machine would) or withheld for a while (an outage).
 */
import { inject } from "vitest";
import { startTranscoderProcess } from "../../../../scripts/local-stack.ts";

type Transcoder = Awaited<ReturnType<typeof startTranscoderProcess>>;

const running = new Map<number, Transcoder>();

/** Starts the transcoder at each of `ports` (default: both) that is not running. */
export async function startTranscoders(ports = inject("transcoderPorts")): Promise<void> {
  await Promise.all(
    ports
      .filter((port) => !running.has(port))
      .map(async (port) =>
        running.set(port, await startTranscoderProcess(port, inject("stackLog"))),
      ),
  );
}

/** Kills the transcoder at `port` the hard way. */
export async function killTranscoder(port: number): Promise<void> {
  await running.get(port)?.kill("SIGKILL");
  running.delete(port);
}

export async function killTranscoders(): Promise<void> {
  await Promise.all([...running.keys()].map(killTranscoder));
}

/** What the transcoder at `port` is doing: "ok", "busy", or null when nothing answers. */
export async function transcoderStatus(
  port: number,
): Promise<{ status: string; taskId?: string } | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    return (await response.json()) as { status: string; taskId?: string };
  } catch {
    return null;
  }
}
