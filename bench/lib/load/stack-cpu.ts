/**
 * The CPU the stack's workerd used, thread by thread, from /proc: only the
 * workerd processes descended from this process (the benchmark's own stack,
 * never another engineer's `npm run dev`). Its busiest thread tells whether
 * the stack is bound by one thread (a Worker's isolate runs on one at a
 * time) long before the machine's cores are all busy.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second on Linux (sysconf(_SC_CLK_TCK)), as in ../process-cpu.ts. */
const TICKS_PER_SECOND = 100;

/** The fields after a /proc stat line's command name (field 3 onwards), and that name. */
function statOf(path: string): { name: string; fields: string[] } | null {
  try {
    const stat = readFileSync(path, "utf8");
    const close = stat.lastIndexOf(")");
    return {
      name: stat.slice(stat.indexOf("(") + 1, close),
      fields: stat.slice(close + 2).split(" "),
    };
  } catch {
    return null; // it exited between listing and reading
  }
}

/** Pids of every process under `root`. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(`/proc/${entry}/stat`);
    if (!stat) continue;
    const parent = Number(stat.fields[1]); // ppid, field 4
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** CPU seconds of each thread of this process's workerd descendants, keyed "pid/tid". */
export function workerdThreadCpu(root = process.pid): Map<string, number> {
  const threads = new Map<string, number>();
  for (const pid of descendants(root)) {
    if (statOf(`/proc/${pid}/stat`)?.name !== "workerd") continue;
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const stat = statOf(`/proc/${pid}/task/${tid}/stat`);
      // utime and stime are fields 14 and 15.
      if (stat)
        threads.set(
          `${pid}/${tid}`,
          (Number(stat.fields[11]) + Number(stat.fields[12])) / TICKS_PER_SECOND,
        );
    }
  }
  return threads;
}

/**
 * Between two samples over `seconds`, in cores: each workerd process (most
 * first; `wrangler dev` runs one for the Workers and one for its own proxy
 * in front of them) and the busiest thread of any; null without workerd.
 */
export function workerdCores(
  before: Map<string, number>,
  after: Map<string, number>,
  seconds: number,
): { processes: number[]; busiestThread: number } | null {
  if (after.size === 0) return null;
  const processes = new Map<string, number>();
  let busiest = 0;
  for (const [thread, cpu] of after) {
    const used = cpu - (before.get(thread) ?? 0);
    const pid = thread.split("/")[0]!;
    processes.set(pid, (processes.get(pid) ?? 0) + used);
    busiest = Math.max(busiest, used);
  }
  return {
    processes: [...processes.values()].sort((a, b) => b - a).map((used) => used / seconds),
    busiestThread: busiest / seconds,
  };
}
