// Whether `prisma migrate deploy` can run here. The Prisma CLI needs its native schema engine,
// which it downloads on first use from binaries.prisma.sh (or PRISMA_ENGINES_MIRROR). On Vercel
// that works; on a machine without that host it fails, sometimes only after long retries — so we
// look for an installed engine first and otherwise ask the download host, with a short timeout.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);

/** Environment variables as read here; plain objects in tests, process.env in the build. */
export type EnvVars = Readonly<Record<string, string | undefined>>;

export const DEFAULT_ENGINES_MIRROR = "https://binaries.prisma.sh";
export const ENGINE_PROBE_TIMEOUT_MS = 5_000;

export function enginesMirror(env: EnvVars = process.env): string {
  return (env.PRISMA_ENGINES_MIRROR || DEFAULT_ENGINES_MIRROR).replace(/\/+$/, "");
}

function prismaPackageDir(): string {
  return path.dirname(require.resolve("prisma/package.json"));
}

function enginesVersion(): string | null {
  try {
    const enginesDir = path.dirname(require.resolve("@prisma/engines/package.json", { paths: [prismaPackageDir()] }));
    const file = require.resolve("@prisma/engines-version/package.json", { paths: [enginesDir] });
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { prisma?: { enginesVersion?: string } };
    return pkg.prisma?.enginesVersion ?? null;
  } catch {
    return null;
  }
}

/** Where the CLI caches downloaded engines: ~/.cache/prisma (XDG_CACHE_HOME, APPDATA on Windows). */
function engineCacheDir(env: EnvVars): string {
  if (process.platform === "win32" && env.APPDATA) return path.join(env.APPDATA, "Prisma");
  return path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "prisma");
}

/** True when a schema engine is configured, shipped in @prisma/engines, or already in the CLI's cache. */
export function schemaEngineInstalled(env: EnvVars = process.env): boolean {
  const configured = env.PRISMA_SCHEMA_ENGINE_BINARY;
  // The offline `prisma generate` placeholder exists but cannot migrate anything.
  if (configured) return existsSync(configured) && !configured.includes("schema-engine-placeholder");
  try {
    const enginesDir = path.dirname(require.resolve("@prisma/engines/package.json", { paths: [prismaPackageDir()] }));
    if (readdirSync(enginesDir).some((name) => name.startsWith("schema-engine-"))) return true;
  } catch {
    // No @prisma/engines package: fall through to the cache.
  }
  const version = enginesVersion();
  if (!version) return false;
  const versionDir = path.join(engineCacheDir(env), "master", version);
  if (!existsSync(versionDir)) return false;
  // The CLI only trusts a cached engine that has its checksum file beside it.
  return readdirSync(versionDir).some((target) =>
    ["schema-engine", "schema-engine.sha256"].every((file) => existsSync(path.join(versionDir, target, file))),
  );
}

export type EngineProbe = { ok: true } | { ok: false; reason: string };

/**
 * Asks the engine download host for anything at all: any HTTP answer means the CLI can reach it.
 * A DNS failure, a refused connection or silence past `timeoutMs` means it cannot.
 */
export async function probeEngineDownload(
  mirror = enginesMirror(),
  timeoutMs = ENGINE_PROBE_TIMEOUT_MS,
): Promise<EngineProbe> {
  const version = enginesVersion() ?? "latest";
  const url = `${mirror}/all_commits/${version}/`;
  try {
    const response = await fetch(url, { method: "HEAD", signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    await response.body?.cancel();
    return { ok: true };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why =
      error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")
        ? `no answer within ${timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)));
    return { ok: false, reason: `${new URL(mirror).host} unreachable (${why})` };
  }
}

/**
 * Tells an engine download failure apart from a real migration failure in `prisma migrate deploy`
 * output. Only the former may fall back to the built-in applier; a failed migration must stop the build.
 */
export function isEngineDownloadFailure(output: string, mirror = enginesMirror()): boolean {
  const host = new URL(mirror).host.replace(/\./g, "\\.");
  return (
    new RegExp(`request to https?://${host}/\\S+ failed`, "i").test(output) ||
    /could not (?:download|fetch) (?:the )?(?:schema[- ])?engine/i.test(output) ||
    /schema[- ]engine\S* (?:binary )?(?:not found|is missing)/i.test(output)
  );
}
