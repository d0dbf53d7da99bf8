/**
 * Runs ffmpeg or ffprobe as a child process tied to an AbortSignal. Aborting
 * kills the child with SIGKILL (ffmpeg's graceful stop would first finish
 * writing files nobody wants), and the promise settles only once the child
 * has exited, so no caller can leave a running or zombie process behind.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";

/** Enough for every error ffmpeg prints at `-v error`; the first lines name the cause. */
const STDERR_LIMIT = 32 * 1024;

export interface ToolRun {
  executable: string;
  args: readonly string[];
  signal: AbortSignal;
  /** Called with each line the tool writes to stdout. */
  onStdoutLine?: (line: string) => void;
  /** Extra output pipes: fd 3, 4, … in order, each with what to do with its bytes. */
  pipes?: readonly ((chunk: Buffer) => void)[];
}

export interface ToolResult {
  exitCode: number | null;
  /** The signal that ended the child when it was not our own abort (for example the OOM killer). */
  killedBy: NodeJS.Signals | null;
  /** The start of what the tool wrote to stderr. */
  stderr: string;
}

/**
 * @example
 * const { exitCode, stderr } = await runTool({ executable, args: ["-version"], signal });
 */
export function runTool(run: ToolRun): Promise<ToolResult> {
  run.signal.throwIfAborted();
  const pipes = run.pipes ?? [];
  return new Promise((resolve, reject) => {
    const child = spawn(run.executable, run.args, {
      stdio: ["ignore", "pipe", "pipe", ...pipes.map(() => "pipe" as const)],
    });
    const kill = () => child.kill("SIGKILL");
    run.signal.addEventListener("abort", kill, { once: true });

    // Both are pipes, as asked for in stdio above.
    const { stdout, stderr: stderrStream } = child as { stdout: Readable; stderr: Readable };
    let stderr = "";
    stderrStream.setEncoding("utf8");
    stderrStream.on("data", (chunk: string) => {
      if (stderr.length < STDERR_LIMIT) stderr += chunk.slice(0, STDERR_LIMIT - stderr.length);
    });
    const stdoutLines = createInterface({ input: stdout });
    if (run.onStdoutLine) stdoutLines.on("line", run.onStdoutLine);
    pipes.forEach((onData, i) => child.stdio[3 + i]?.on("data", onData));

    let spawnError: Error | undefined;
    child.on("error", (error) => {
      spawnError = error;
      // A child that never started emits no "close" on every Node version.
      if (child.pid === undefined) finish(null, null);
    });
    child.on("close", (code, signal) => finish(code, signal));

    let finished = false;
    function finish(exitCode: number | null, killedBy: NodeJS.Signals | null) {
      if (finished) return;
      finished = true;
      run.signal.removeEventListener("abort", kill);
      if (run.signal.aborted) reject(run.signal.reason);
      else if (spawnError) reject(spawnError);
      else resolve({ exitCode, killedBy, stderr });
    }
  });
}
