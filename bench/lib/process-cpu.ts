/**
 * CPU time of a process and the children it has waited for, from
 * /proc/<pid>/stat (utime, stime, cutime, cstime), in seconds. A transcoder
 * reaps every ffmpeg it runs, so its figure covers all the encoding it did;
 * the benchmark's own figure covers the reference commands it ran. The
 * machine's figure, from /proc/stat, covers every process: less the
 * transcoders', it is what the rest of the platform (workerd, the bench)
 * took from the same cores.
 */
import { readFileSync } from "node:fs";

/** Clock ticks per second on Linux (sysconf(_SC_CLK_TCK)); 100 on every kernel we run. */
const TICKS_PER_SECOND = 100;

export function cpuSeconds(pid: number | "self"): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state), so utime (14) … cstime (17) are fields[11] … fields[14].
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return ticks / TICKS_PER_SECOND;
}

/** CPU time every process on the machine has used since boot (user, nice, system, irq, softirq, steal), in seconds. */
export function machineCpuSeconds(): number {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1);
  // user nice system idle iowait irq softirq steal …: everything but idle (3) and iowait (4).
  const busy = [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + Number(cpu[i] ?? 0), 0);
  return busy / TICKS_PER_SECOND;
}
