// The environment is validated in a fresh process, exactly as `next build` and the scripts load it.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const validEnv = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://u:p@db.example:5432/stampede",
  UPSTASH_REDIS_REST_URL: "https://eu1-x.upstash.io",
  UPSTASH_REDIS_REST_TOKEN: "token",
  QSTASH_TOKEN: "token",
  QSTASH_CURRENT_SIGNING_KEY: "sig_current",
  QSTASH_NEXT_SIGNING_KEY: "sig_next",
  AUTH_SECRET: "x".repeat(32),
};

function loadEnv(
  overrides: Record<string, string | undefined>,
  script = 'await import("./src/env.ts"); console.log("ok")',
) {
  const env: NodeJS.ProcessEnv = { NODE_ENV: "production", PATH: process.env.PATH ?? "" };
  for (const [name, value] of Object.entries({ ...validEnv, ...overrides })) if (value !== undefined) env[name] = value;
  return spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
    env,
    encoding: "utf8",
    cwd: process.cwd(),
  });
}

describe("env validation", () => {
  it("accepts a complete production environment", () => {
    const result = loadEnv({});
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("ok");
  });

  it("reads the client-address settings as a proxy count and a flag", () => {
    const result = loadEnv(
      { TRUSTED_PROXY_HOPS: "2", STAMPEDE_PEER_HEADER: "1" },
      "const { env } = await import('./src/env.ts'); console.log(JSON.stringify([env.TRUSTED_PROXY_HOPS, env.STAMPEDE_PEER_HEADER]))",
    );
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual([2, true]);
    const unset = loadEnv(
      { TRUSTED_PROXY_HOPS: "" },
      "const { env } = await import('./src/env.ts'); console.log(JSON.stringify([env.TRUSTED_PROXY_HOPS ?? null, env.STAMPEDE_PEER_HEADER]))",
    );
    expect(JSON.parse(unset.stdout)).toEqual([null, false]);
  });

  it.each([
    ["a missing variable", { QSTASH_TOKEN: undefined }, "QSTASH_TOKEN"],
    ["a malformed URL", { DATABASE_URL: "mysql://db.example/x" }, "DATABASE_URL: must be a postgres:// URL"],
    ["a short secret", { AUTH_SECRET: "short" }, "AUTH_SECRET: must be at least 32 characters"],
    ["a signing key of the wrong kind", { QSTASH_NEXT_SIGNING_KEY: "next" }, "QSTASH_NEXT_SIGNING_KEY"],
    ["zero trusted proxies", { TRUSTED_PROXY_HOPS: "0" }, "TRUSTED_PROXY_HOPS: a whole number of proxies"],
    ["a trusted-proxy count that is not a number", { TRUSTED_PROXY_HOPS: "all" }, "TRUSTED_PROXY_HOPS"],
    ["a peer-header switch that is not a flag", { STAMPEDE_PEER_HEADER: "yes" }, "STAMPEDE_PEER_HEADER"],
  ])("fails fast on %s, naming it", (_label, overrides, expected) => {
    const result = loadEnv(overrides);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("Invalid environment variables");
    expect(result.stderr).toContain(expected);
  });
});
