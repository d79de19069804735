import { describe, expect, it } from "vitest";
import { isDevLoginAllowed, type DevLoginEnv } from "./dev-login-policy";

const NODE_ENVS = ["development", "test", "production"] as const;
const VERCEL_ENVS = [undefined, "development", "preview", "production"] as const;
const FLAGS = [false, true] as const;
const APP_URLS = {
  none: undefined,
  localhost: "http://localhost:3100",
  loopback: "http://127.0.0.1:3000",
  public: "https://stampede.example.com",
  lookalikeHost: "http://localhost.evil.example",
  loopbackSubdomain: "http://127.0.0.1.nip.io:3000",
  credentialTrick: "http://localhost@evil.example",
  notAUrl: "localhost",
} as const;
type UrlKind = keyof typeof APP_URLS;
const LOCAL_URLS: ReadonlySet<UrlKind> = new Set(["localhost", "loopback"]);

interface Row {
  nodeEnv: DevLoginEnv["NODE_ENV"];
  vercelEnv: DevLoginEnv["VERCEL_ENV"];
  flag: boolean;
  url: UrlKind;
}

/** The policy as written in the product rules: the only combinations that may sign in without a password. */
function expected({ nodeEnv, vercelEnv, flag, url }: Row): boolean {
  if (vercelEnv === "production") return false;
  if (nodeEnv !== "production") return true;
  if (vercelEnv === "preview") return flag;
  if (vercelEnv === undefined) return flag && LOCAL_URLS.has(url);
  return false;
}

const everyCombination: Row[] = NODE_ENVS.flatMap((nodeEnv) =>
  VERCEL_ENVS.flatMap((vercelEnv) =>
    FLAGS.flatMap((flag) => (Object.keys(APP_URLS) as UrlKind[]).map((url) => ({ nodeEnv, vercelEnv, flag, url }))),
  ),
);

const toEnv = ({ nodeEnv, vercelEnv, flag, url }: Row): DevLoginEnv => ({
  NODE_ENV: nodeEnv,
  VERCEL_ENV: vercelEnv,
  AUTH_DEV_LOGIN: flag,
  APP_URL: APP_URLS[url],
});

describe("isDevLoginAllowed", () => {
  it.each([
    {
      name: "local development",
      row: { nodeEnv: "development", vercelEnv: undefined, flag: false, url: "none" },
      allowed: true,
    },
    { name: "vitest", row: { nodeEnv: "test", vercelEnv: undefined, flag: false, url: "none" }, allowed: true },
    {
      name: "vercel dev",
      row: { nodeEnv: "development", vercelEnv: "development", flag: false, url: "public" },
      allowed: true,
    },
    {
      name: "preview without opt-in",
      row: { nodeEnv: "production", vercelEnv: "preview", flag: false, url: "public" },
      allowed: false,
    },
    {
      name: "preview with opt-in",
      row: { nodeEnv: "production", vercelEnv: "preview", flag: true, url: "public" },
      allowed: true,
    },
    {
      name: "local production build for e2e",
      row: { nodeEnv: "production", vercelEnv: undefined, flag: true, url: "localhost" },
      allowed: true,
    },
    {
      name: "local production build on 127.0.0.1",
      row: { nodeEnv: "production", vercelEnv: undefined, flag: true, url: "loopback" },
      allowed: true,
    },
    {
      name: "local production build without opt-in",
      row: { nodeEnv: "production", vercelEnv: undefined, flag: false, url: "localhost" },
      allowed: false,
    },
    {
      name: "self-hosted production with opt-in",
      row: { nodeEnv: "production", vercelEnv: undefined, flag: true, url: "public" },
      allowed: false,
    },
    {
      name: "production build without APP_URL",
      row: { nodeEnv: "production", vercelEnv: undefined, flag: true, url: "none" },
      allowed: false,
    },
    {
      name: "host that only starts with localhost",
      row: { nodeEnv: "production", vercelEnv: undefined, flag: true, url: "lookalikeHost" },
      allowed: false,
    },
    {
      name: "host that only starts with 127.0.0.1",
      row: { nodeEnv: "production", vercelEnv: undefined, flag: true, url: "loopbackSubdomain" },
      allowed: false,
    },
    {
      name: "localhost as userinfo",
      row: { nodeEnv: "production", vercelEnv: undefined, flag: true, url: "credentialTrick" },
      allowed: false,
    },
    {
      name: "APP_URL that is not a URL",
      row: { nodeEnv: "production", vercelEnv: undefined, flag: true, url: "notAUrl" },
      allowed: false,
    },
    {
      name: "vercel production with opt-in",
      row: { nodeEnv: "production", vercelEnv: "production", flag: true, url: "public" },
      allowed: false,
    },
    {
      name: "vercel production on localhost",
      row: { nodeEnv: "production", vercelEnv: "production", flag: true, url: "localhost" },
      allowed: false,
    },
    {
      name: "vercel production even in development mode",
      row: { nodeEnv: "development", vercelEnv: "production", flag: true, url: "localhost" },
      allowed: false,
    },
    {
      name: "production build under vercel dev",
      row: { nodeEnv: "production", vercelEnv: "development", flag: true, url: "localhost" },
      allowed: false,
    },
  ] satisfies Array<{ name: string; row: Row; allowed: boolean }>)("$name → $allowed", ({ row, allowed }) => {
    expect(isDevLoginAllowed(toEnv(row))).toBe(allowed);
  });

  it(`agrees with the rules in all ${everyCombination.length} combinations`, () => {
    const disagreements = everyCombination.filter((row) => isDevLoginAllowed(toEnv(row)) !== expected(row));
    expect(disagreements).toEqual([]);
  });

  it("is never on for Vercel production", () => {
    const production = everyCombination.filter((row) => row.vercelEnv === "production");
    expect(production.length).toBe(NODE_ENVS.length * FLAGS.length * Object.keys(APP_URLS).length);
    expect(production.some((row) => isDevLoginAllowed(toEnv(row)))).toBe(false);
  });
});
