// Reads a V8 .cpuprofile (written by `node --cpu-prof`) and says where the server's time went: by
// package and by app source file, self time and inclusive time (a frame's callees included). Frames
// in Next's bundled chunks are mapped back through the build's source maps, so "the app bundle"
// reads as src/server/ratelimit.ts, @upstash/redis, @trpc/server…
// `npm run bench -- --profile <dir>` prints this summary for the newest profile in <dir>.
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

export interface TimeShare {
  name: string;
  ms: number;
  share: number;
}

/** Where code lives, coarsely: an npm package, an app file (src/…), Node itself, or V8's buckets. */
export function packageOf(source: string, functionName = ""): string {
  if (!source) return functionName.startsWith("(") ? functionName : "(native)";
  if (source.startsWith("node:")) return "node internals";
  const path = decodeURIComponent(source.replace(/^file:\/\//, ""));
  const compiled = /next\/dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (compiled) return `next (compiled ${compiled[1]})`;
  const modules = path.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const [scopeOrName = "", name = ""] = path.slice(modules + "node_modules/".length).split("/");
    return scopeOrName.startsWith("@") ? `${scopeOrName}/${name}` : scopeOrName;
  }
  const app = /(?:^|\/)(src\/.+)$/.exec(path);
  if (app) return app[1]!;
  if (path.includes("/.next/server/")) return "app bundle (unmapped)";
  if (path.startsWith("turbopack:") || path.includes("[turbopack]")) return "turbopack runtime";
  return path;
}

/** Maps bundled frames to their original source through the chunk's `.map` file, when there is one. */
function createFrameResolver() {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (url: string) => {
    if (!maps.has(url)) {
      const file = url.startsWith("file://") ? fileURLToPath(url) : url;
      const mapFile = `${file}.map`;
      let map: SourceMap | null = null;
      if (url.includes("/.next/") && existsSync(mapFile)) {
        try {
          map = new SourceMap(JSON.parse(readFileSync(mapFile, "utf8")) as ConstructorParameters<typeof SourceMap>[0]);
        } catch {
          map = null;
        }
      }
      maps.set(url, map);
    }
    return maps.get(url) ?? null;
  };
  return (frame: CallFrame): string => {
    const map = frame.url ? mapFor(frame.url) : null;
    if (!map) return frame.url;
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string };
    return entry.originalSource ?? frame.url;
  };
}

/** Self and inclusive time per key; inclusive counts a sample once per key on its stack. */
function timeShares(profile: CpuProfile, keyOf: (node: ProfileNode) => string) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const msPerHit = totalHits ? (profile.endTime - profile.startTime) / 1000 / totalHits : 0;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + hits);
    const seen = new Set<string>();
    for (let current: ProfileNode | undefined = node; current; current = byId.get(parentOf.get(current.id) ?? -1)) {
      const ancestorKey = keyOf(current);
      if (seen.has(ancestorKey)) continue;
      seen.add(ancestorKey);
      inclusive.set(ancestorKey, (inclusive.get(ancestorKey) ?? 0) + hits);
    }
  }
  const sorted = (counts: Map<string, number>): TimeShare[] =>
    [...counts.entries()]
      .map(([name, hits]) => ({ name, ms: hits * msPerHit, share: totalHits ? hits / totalHits : 0 }))
      .sort((a, b) => b.ms - a.ms);
  return { self: sorted(self), inclusive: sorted(inclusive) };
}

export function profileByPackage(profile: CpuProfile) {
  const resolve = createFrameResolver();
  return timeShares(profile, (node) => packageOf(resolve(node.callFrame), node.callFrame.functionName));
}

export function summarizeProfile(profile: CpuProfile, top = 25): string {
  const { self, inclusive } = profileByPackage(profile);
  const format = (rows: TimeShare[]) =>
    rows
      .filter((row) => row.name !== "(root)")
      .slice(0, top)
      .map((row) => `  ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.ms.toFixed(0).padStart(7)} ms  ${row.name}`)
      .join("\n");
  return [
    `profile: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s of the server's main thread`,
    "self time (where the CPU was) by package / app file:",
    format(self),
    "inclusive time (that code and everything it called) by package / app file:",
    format(inclusive),
  ].join("\n");
}
