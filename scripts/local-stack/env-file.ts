// First-run convenience: a clone with no env file gets `.env` from `.env.example`, with a fresh
// AUTH_SECRET (and METRICS_TOKEN), so `npm run dev` works without a manual step and later scripts see the same values.
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";
import { LOCAL_DEFAULTS } from "./service-urls";
import type { StackEnv } from "./stack";

export function ensureEnvFile(root: string, log: (line: string) => void): void {
  const hasEnv = [".env", ".env.local", ".env.development", ".env.development.local"].some((name) =>
    existsSync(path.join(root, name)),
  );
  if (hasEnv) return;
  const target = path.join(root, ".env");
  copyFileSync(path.join(root, ".env.example"), target);
  const secret = randomBytes(32).toString("base64url");
  const metricsToken = randomBytes(24).toString("hex");
  writeFileSync(
    target,
    readFileSync(target, "utf8")
      .replace(/^AUTH_SECRET=.*$/m, `AUTH_SECRET=${secret}`)
      .replace(/^METRICS_TOKEN=.*$/m, `METRICS_TOKEN=${metricsToken}`),
  );
  log("created .env from .env.example with a fresh AUTH_SECRET and METRICS_TOKEN (edit it to use hosted services)");
}

/** Loads .env files the way Next does, so scripts and the app read identical values. */
export function loadProjectEnv(root: string, mode: "development" | "production" | "test" = "development"): void {
  nextEnv.loadEnvConfig(root, mode === "development", { info: () => undefined, error: console.error });
}

/** The service settings from the environment, with the local stack's defaults for any unset. */
export function stackEnvFromProcess(): StackEnv {
  const read = (name: keyof typeof LOCAL_DEFAULTS) => process.env[name] || LOCAL_DEFAULTS[name];
  return {
    DATABASE_URL: read("DATABASE_URL"),
    UPSTASH_REDIS_REST_URL: read("UPSTASH_REDIS_REST_URL"),
    UPSTASH_REDIS_REST_TOKEN: read("UPSTASH_REDIS_REST_TOKEN"),
    QSTASH_URL: read("QSTASH_URL"),
    QSTASH_TOKEN: read("QSTASH_TOKEN"),
    QSTASH_CURRENT_SIGNING_KEY: read("QSTASH_CURRENT_SIGNING_KEY"),
    QSTASH_NEXT_SIGNING_KEY: read("QSTASH_NEXT_SIGNING_KEY"),
  };
}
