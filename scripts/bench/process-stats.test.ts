import { describe, expect, it } from "vitest";
import { cpuTicksFromStat, parentPidFromStat, processTree, rssBytesFromStatus, treeRssBytes } from "./process-stats";

describe("/proc parsing", () => {
  // A command name may contain spaces and parentheses; fields are counted after the last ")".
  const stat = "4242 (next-server (v16) x) S 4200 4242 4200 0 -1 4194560 1 2 3 4 150 25 0 0 20 0 11 0";

  it("reads the parent pid and CPU ticks from /proc/<pid>/stat", () => {
    expect(parentPidFromStat(stat)).toBe(4200);
    expect(cpuTicksFromStat(stat)).toBe(175);
    expect(parentPidFromStat("garbage")).toBeNull();
  });

  it("reads VmRSS from /proc/<pid>/status", () => {
    expect(rssBytesFromStatus("Name:\tnode\nVmRSS:\t  204800 kB\nThreads:\t11\n")).toBe(204_800 * 1024);
    expect(rssBytesFromStatus("Name:\tkthreadd\n")).toBe(0);
  });

  it("finds this process and measures its memory", () => {
    expect(processTree(process.pid)[0]).toBe(process.pid);
    expect(treeRssBytes([process.pid])).toBeGreaterThan(10 * 2 ** 20);
  });
});
