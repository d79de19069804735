// Resident memory and CPU time of a process and everything it started, read from /proc (Linux) while
// a run is in flight, so the report can give the server's peak memory and its CPU cost per request.
import { readdirSync, readFileSync } from "node:fs";

/** ppid from /proc/<pid>/stat; the command name may hold spaces and parentheses, so split after the last ")". */
export function parentPidFromStat(stat: string): number | null {
  const end = stat.lastIndexOf(")");
  if (end < 0) return null;
  const fields = stat.slice(end + 2).split(" ");
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

/** user + system CPU time in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuTicksFromStat(stat: string): number {
  const end = stat.lastIndexOf(")");
  if (end < 0) return 0;
  const fields = stat.slice(end + 2).split(" ");
  return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
}

/** Linux reports CPU time in USER_HZ ticks, 100 per second on every mainstream build. */
const MS_PER_TICK = 10;

/** VmRSS in bytes from /proc/<pid>/status; 0 for a kernel thread or a process that just exited. */
export function rssBytesFromStatus(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** The process and all its descendants that are alive now. */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOrNull(`/proc/${entry}/stat`);
    const ppid = stat ? parentPidFromStat(stat) : null;
    if (ppid === null) continue;
    const siblings = children.get(ppid) ?? [];
    siblings.push(Number(entry));
    children.set(ppid, siblings);
  }
  const tree: number[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

export function treeRssBytes(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + rssBytesFromStatus(readOrNull(`/proc/${pid}/status`) ?? ""), 0);
}

export function treeCpuMs(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + cpuTicksFromStat(readOrNull(`/proc/${pid}/stat`) ?? "") * MS_PER_TICK, 0);
}

/** Peak summed RSS of process trees in bytes, sampled every `intervalMs` (trees re-read every tenth sample). */
export function samplePeakRss(rootPids: readonly number[], intervalMs = 100): { stop(): number } {
  const trees = () => rootPids.flatMap((pid) => processTree(pid));
  let pids = trees();
  let peak = treeRssBytes(pids);
  let samples = 0;
  const timer = setInterval(() => {
    if (++samples % 10 === 0) pids = trees();
    peak = Math.max(peak, treeRssBytes(pids));
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRssBytes(pids));
    },
  };
}

/** Busy and total CPU time of the whole machine in ms (first line of /proc/stat, all cores). */
function machineCpuMs(): { busy: number; total: number } {
  const line = readOrNull("/proc/stat")?.split("\n")[0] ?? "";
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0) * MS_PER_TICK;
  const idle = ((values[3] ?? 0) + (values[4] ?? 0)) * MS_PER_TICK;
  return { busy: total - idle, total };
}

export type CpuGroup = "server" | "stand-ins" | "load generator" | "postgres" | "redis-server" | "other processes";

export interface CpuShare {
  /** Cores kept busy on average: all processes of the machine, the bench's and anyone else's. */
  busyCores: number;
  /** CPU ms each group used during the sample. */
  msByGroup: Record<CpuGroup, number>;
}

function commOf(pid: number): string {
  return readOrNull(`/proc/${pid}/comm`)?.trim() ?? "";
}

/**
 * Splits the machine's CPU time during a run between the processes of the bench: the server's
 * tree, this process (which hosts the Upstash REST and QStash stand-ins), the load generator,
 * PostgreSQL and redis-server, and everything else on the machine.
 */
export function sampleCpuShare(input: { benchPid: number; serverPids: readonly number[]; generatorPid: number }): {
  stop(): CpuShare;
} {
  const classify = (): Map<number, CpuGroup> => {
    const groups = new Map<number, CpuGroup>();
    const server = new Set(input.serverPids.flatMap((pid) => processTree(pid)));
    for (const pid of processTree(input.benchPid)) {
      const comm = commOf(pid);
      if (server.has(pid)) groups.set(pid, "server");
      else if (pid === input.benchPid) groups.set(pid, "stand-ins");
      else if (pid === input.generatorPid) groups.set(pid, "load generator");
      else if (comm.startsWith("postgres")) groups.set(pid, "postgres");
      else if (comm.startsWith("redis-server")) groups.set(pid, "redis-server");
    }
    return groups;
  };
  const snapshot = (groups: Map<number, CpuGroup>) => new Map([...groups.keys()].map((pid) => [pid, treeCpuMs([pid])]));
  const groupsAtStart = classify();
  const before = snapshot(groupsAtStart);
  const machineBefore = machineCpuMs();
  return {
    stop() {
      const machineAfter = machineCpuMs();
      const groups = classify();
      const after = snapshot(groups);
      const msByGroup: Record<CpuGroup, number> = {
        server: 0,
        "stand-ins": 0,
        "load generator": 0,
        postgres: 0,
        "redis-server": 0,
        "other processes": 0,
      };
      for (const [pid, group] of groups)
        msByGroup[group] += Math.max(0, (after.get(pid) ?? 0) - (before.get(pid) ?? 0));
      const busy = machineAfter.busy - machineBefore.busy;
      const total = machineAfter.total - machineBefore.total;
      const ours = Object.values(msByGroup).reduce((sum, value) => sum + value, 0);
      msByGroup["other processes"] = Math.max(0, busy - ours);
      const cores = total > 0 && machineAfter.total > 0 ? (busy / total) * coreCount() : 0;
      return { busyCores: cores, msByGroup };
    },
  };
}

function coreCount(): number {
  return (readOrNull("/proc/cpuinfo")?.match(/^processor\s*:/gm) ?? []).length || 1;
}
