// `prisma generate`, also where the Prisma engine download host is unreachable (behind
// `npm run db:generate`, postinstall and the Vercel build: scripts/db-generate.ts).
// The CLI fetches its schema-engine binary before every command, generate included, although
// generate never runs it. When no engine is installed or cached (and none is configured), point
// PRISMA_SCHEMA_ENGINE_BINARY at a placeholder so generation works offline. With network access
// or a cached engine nothing is overridden, so migrate/studio keep their real engine.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const require = createRequire(import.meta.url);
const prismaDir = path.dirname(require.resolve("prisma/package.json"));

function enginesPackageDir(): string | null {
  try {
    return path.dirname(require.resolve("@prisma/engines/package.json", { paths: [prismaDir] }));
  } catch {
    return null;
  }
}

/** Where @prisma/fetch-engine caches downloads: ~/.cache/prisma (or XDG_CACHE_HOME, APPDATA on Windows). */
function engineCacheDir(): string {
  if (process.platform === "win32" && process.env.APPDATA) return path.join(process.env.APPDATA, "Prisma");
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "prisma");
}

function schemaEngineAvailable(): boolean {
  const enginesDir = enginesPackageDir();
  if (enginesDir && readdirSync(enginesDir).some((name) => name.startsWith("schema-engine-"))) return true;
  try {
    const versionPackage = require.resolve("@prisma/engines-version/package.json", {
      paths: [enginesDir ?? prismaDir],
    });
    const { prisma } = JSON.parse(readFileSync(versionPackage, "utf8")) as { prisma?: { enginesVersion?: string } };
    const versionDir = path.join(engineCacheDir(), "master", prisma?.enginesVersion ?? "-");
    // The CLI only trusts a cached engine that has its checksum file beside it.
    const cached = (target: string) =>
      ["schema-engine", "schema-engine.sha256"].every((f) => existsSync(path.join(versionDir, target, f)));
    return existsSync(versionDir) && readdirSync(versionDir).some(cached);
  } catch {
    return false;
  }
}

function placeholderEngine(): string {
  const dir = path.join(repoRoot, "node_modules", ".cache", "stampede");
  const file = path.join(dir, "schema-engine-placeholder");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // Executable and loud, in case anything ever tries to run it instead of just checking it exists.
    writeFileSync(
      file,
      '#!/bin/sh\necho "Placeholder schema engine (offline prisma generate); unset PRISMA_SCHEMA_ENGINE_BINARY." >&2\nexit 1\n',
    );
    chmodSync(file, 0o755);
  }
  return file;
}

/** Runs `prisma generate` with `args` appended; returns its exit status. */
export function prismaGenerate(args: string[], log: (line: string) => void): number {
  const env = { ...process.env };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !schemaEngineAvailable()) {
    env.PRISMA_SCHEMA_ENGINE_BINARY = placeholderEngine();
    log("no schema engine installed or cached; generating with a placeholder engine path.");
  }

  const startedAt = performance.now();
  const result = spawnSync(process.execPath, [path.join(prismaDir, "build", "index.js"), "generate", ...args], {
    cwd: repoRoot,
    env,
    stdio: "inherit",
  });
  if (result.error) throw result.error;
  if (result.status === 0) log(`done in ${Math.round(performance.now() - startedAt)} ms`);
  return result.status ?? 1;
}
