// Reads a V8 .cpuprofile (written by `node --cpu-prof`) and says where the time went: self time by
// function and by package, so a hot path's cost can be named before anything is changed.
// Standalone: npx tsx scripts/bench/cpu-profile.ts <file.cpuprofile> [top=25]
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

/** Where a script lives, coarsely: an npm package, the app's own bundle, Node itself, or V8's buckets. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) {
    const name = match[1]!;
    // Next bundles its compiled dependencies; name the one that actually ran.
    const compiled = /next\/dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    return compiled ? `next (compiled ${compiled[1]})` : name;
  }
  if (url.includes("/.next/server/chunks/") || url.includes("/.next/server/app/")) return "app bundle (.next/server)";
  return url.replace(/^file:\/\//, "");
}

function selfTimes(profile: CpuProfile, keyOf: (node: ProfileNode) => string): SelfTime[] {
  const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const msPerHit = totalHits ? (profile.endTime - profile.startTime) / 1000 / totalHits : 0;
  const byKey = new Map<string, number>();
  for (const node of profile.nodes) {
    if (!node.hitCount) continue;
    const key = keyOf(node);
    byKey.set(key, (byKey.get(key) ?? 0) + node.hitCount);
  }
  return [...byKey.entries()]
    .map(([name, hits]) => ({ name, ms: hits * msPerHit, share: totalHits ? hits / totalHits : 0 }))
    .sort((a, b) => b.ms - a.ms);
}

export function selfTimeByPackage(profile: CpuProfile): SelfTime[] {
  return selfTimes(profile, (node) => packageOf(node.callFrame.url, node.callFrame.functionName));
}

export function selfTimeByFunction(profile: CpuProfile): SelfTime[] {
  return selfTimes(profile, ({ callFrame }) => {
    const where = callFrame.url
      ? `${packageOf(callFrame.url, callFrame.functionName)}:${callFrame.lineNumber + 1}`
      : "";
    return `${callFrame.functionName || "(anonymous)"} ${where}`.trim();
  });
}

export function summarizeProfile(profile: CpuProfile, top = 25): string {
  const format = (rows: SelfTime[]) =>
    rows
      .slice(0, top)
      .map((row) => `  ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.ms.toFixed(0).padStart(7)} ms  ${row.name}`)
      .join("\n");
  return [
    `profile: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`,
    "self time by package:",
    format(selfTimeByPackage(profile)),
    "self time by function:",
    format(selfTimeByFunction(profile)),
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error("usage: npx tsx scripts/bench/cpu-profile.ts <file.cpuprofile> [top]");
  console.log(summarizeProfile(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, Number(top ?? 25)));
}
