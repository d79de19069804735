import { describe, expect, it } from "vitest";
import { packageOf, profileByPackage, type CpuProfile } from "./cpu-profile";

describe("packageOf", () => {
  it("names packages, app files, Node and V8's own buckets", () => {
    expect(packageOf("file:///app/node_modules/@upstash/redis/chunk.mjs")).toBe("@upstash/redis");
    expect(packageOf("/app/node_modules/.pnpm/x/node_modules/superjson/dist/index.js")).toBe("superjson");
    expect(packageOf("file:///app/node_modules/next/dist/compiled/compression/index.js")).toBe(
      "next (compiled compression)",
    );
    expect(packageOf("../../../src/server/orders/persist-order.ts")).toBe("src/server/orders/persist-order.ts");
    expect(packageOf("node:internal/streams/writable")).toBe("node internals");
    expect(packageOf("", "(garbage collector)")).toBe("(garbage collector)");
    expect(packageOf("", "writev")).toBe("(native)");
  });
});

describe("profileByPackage", () => {
  it("splits self time and counts inclusive time once per package on a stack", () => {
    const frame = (id: number, url: string, hitCount: number, children: number[] = []) => ({
      id,
      callFrame: { functionName: `f${id}`, url, lineNumber: 0, columnNumber: 0 },
      hitCount,
      children,
    });
    const profile: CpuProfile = {
      startTime: 0,
      endTime: 10_000_000,
      nodes: [
        frame(1, "", 0, [2]),
        frame(2, "file:///a/node_modules/next/dist/server/base-server.js", 2, [3]),
        frame(3, "file:///a/node_modules/next/dist/server/next-server.js", 3, [4]),
        frame(4, "node:net", 5),
      ],
    };
    const { self, inclusive } = profileByPackage(profile);
    expect(Object.fromEntries(self.map((row) => [row.name, row.ms]))).toEqual({ "node internals": 5_000, next: 5_000 });
    expect(inclusive.find((row) => row.name === "next")).toMatchObject({ ms: 10_000, share: 1 });
  });
});
