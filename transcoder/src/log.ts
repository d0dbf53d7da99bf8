/**
 * The transcoder's log lines: one JSON object per line on stdout (errors on
 * stderr), which is what the container platform collects and indexes.
 */

/**
 * @example
 * log("info", "task started", { taskId: "video-3-upper", attempt: 1 });
 */
export function log(
  level: "info" | "warn" | "error",
  message: string,
  fields: Record<string, unknown> = {},
): void {
  const time = new Date().toISOString();
  const line = JSON.stringify({
    level,
    time,
    worker: "transcoder",
    pid: process.pid,
    message,
    ...fields,
  });
  if (level === "error") console.error(line);
  else console.log(line);
}
