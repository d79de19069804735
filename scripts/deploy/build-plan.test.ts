// The build's order and its migration decision, with every step replaced by a recording fake.
import { describe, expect, it } from "vitest";
import { BuildStepError, runVercelBuild, type BuildOptions, type BuildSteps } from "./build-plan";
import { isEngineDownloadFailure } from "./prisma-engine";

const DOWNLOAD_FAILED =
  "Error: request to https://binaries.prisma.sh/all_commits/0edf323efd1d98336f3f0a68684b56f689b900d3/rhel-openssl-3.0.x/schema-engine.gz.sha256 failed, reason: getaddrinfo ENOTFOUND binaries.prisma.sh";
const MIGRATION_FAILED =
  "Error: P3009\n\nmigrate found failed migrations in the target database, new migrations will not be applied.\nThe `20250101000000_orders` migration started at 2025-01-01 failed";

function fakeSteps(overrides: Partial<BuildSteps> = {}) {
  const calls: string[] = [];
  const ok = (name: string) => async () => {
    calls.push(name);
    return { code: 0, output: "" };
  };
  const steps: BuildSteps = {
    validateEnv: async () => void calls.push("env"),
    schemaEngineInstalled: () => (calls.push("engine?"), false),
    probeEngineDownload: async () => (calls.push("probe"), { ok: true }),
    prismaMigrateDeploy: ok("prisma migrate deploy"),
    isEngineDownloadFailure: (output) => isEngineDownloadFailure(output),
    applyMigrations: async () => (calls.push("applier"), ["20250101000000_init"]),
    prismaGenerate: ok("prisma generate"),
    nextBuild: ok("next build"),
    syncSchedules: async () => (calls.push("schedules"), "stampede-reconcile-prod created"),
    ...overrides,
  };
  return { steps, calls };
}

const lines: string[] = [];
const options = (extra: Partial<BuildOptions> = {}): BuildOptions => ({
  skipMigrations: false,
  syncSchedules: false,
  log: (line) => lines.push(line),
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<BuildStepError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof BuildStepError)) throw new Error(`expected a BuildStepError, got ${String(error)}`);
  return error;
}

describe("runVercelBuild: migration tool", () => {
  it("uses prisma migrate deploy without probing when the schema engine is installed", async () => {
    const { steps, calls } = fakeSteps({ schemaEngineInstalled: () => true });
    const report = await runVercelBuild(steps, options());
    expect(report.migrations).toMatchObject({ tool: "prisma-migrate-deploy", reason: "schema engine installed" });
    expect(calls).toEqual(["env", "prisma migrate deploy", "prisma generate", "next build"]);
  });

  it("uses prisma migrate deploy when the engine can be downloaded", async () => {
    const { steps, calls } = fakeSteps();
    const report = await runVercelBuild(steps, options());
    expect(report.migrations.tool).toBe("prisma-migrate-deploy");
    expect(calls).toEqual(["env", "engine?", "probe", "prisma migrate deploy", "prisma generate", "next build"]);
  });

  it("uses the project's applier, without starting Prisma, when the download host cannot be reached", async () => {
    const { steps, calls } = fakeSteps({
      probeEngineDownload: async () => ({ ok: false, reason: "binaries.prisma.sh unreachable (ENOTFOUND)" }),
    });
    const report = await runVercelBuild(steps, options());
    expect(report.migrations).toEqual({
      tool: "stampede-applier",
      reason: "Prisma's schema engine cannot be downloaded: binaries.prisma.sh unreachable (ENOTFOUND)",
      applied: ["20250101000000_init"],
    });
    expect(calls).not.toContain("prisma migrate deploy");
    expect(calls).toEqual(["env", "engine?", "applier", "prisma generate", "next build"]);
  });

  it("falls back to the applier when prisma migrate deploy fails to download its engine after all", async () => {
    const { steps, calls } = fakeSteps({ prismaMigrateDeploy: async () => ({ code: 1, output: DOWNLOAD_FAILED }) });
    const report = await runVercelBuild(steps, options());
    expect(report.migrations).toMatchObject({
      tool: "stampede-applier",
      reason: expect.stringContaining("could not download"),
    });
    expect(calls).toEqual(["env", "engine?", "probe", "applier", "prisma generate", "next build"]);
  });

  it("stops the build when a migration fails in Prisma, and does not retry it with the applier", async () => {
    const { steps, calls } = fakeSteps({ prismaMigrateDeploy: async () => ({ code: 1, output: MIGRATION_FAILED }) });
    const error = await failure(runVercelBuild(steps, options()));
    expect(error.step).toBe("migrate");
    expect(error.message).toContain("prisma migrate deploy failed (exit 1)");
    expect(calls).not.toContain("applier");
    expect(calls).not.toContain("next build");
  });

  it("stops the build when the applier fails, with its message", async () => {
    const { steps, calls } = fakeSteps({
      probeEngineDownload: async () => ({ ok: false, reason: "offline" }),
      applyMigrations: async () => {
        throw new Error("Timed out after 10000 ms waiting for the migration lock");
      },
    });
    const error = await failure(runVercelBuild(steps, options()));
    expect(error).toMatchObject({
      step: "migrate",
      message: expect.stringContaining("waiting for the migration lock"),
    });
    expect(calls).not.toContain("prisma generate");
  });

  it("runs no migration tool with --skip-migrations", async () => {
    const { steps, calls } = fakeSteps();
    const report = await runVercelBuild(steps, options({ skipMigrations: true }));
    expect(report.migrations.tool).toBe("skipped");
    expect(calls).toEqual(["env", "prisma generate", "next build"]);
  });
});

describe("runVercelBuild: order and failures", () => {
  it("validates the env before anything else and reports the readable list", async () => {
    const list = "Invalid environment variables (see .env.example and README.md):\n  - QSTASH_TOKEN: Invalid input";
    const { steps, calls } = fakeSteps({
      validateEnv: async () => {
        throw new Error(list);
      },
    });
    const error = await failure(runVercelBuild(steps, options()));
    expect(error.step).toBe("env");
    expect(error.message).toBe(list);
    expect(calls).toEqual([]);
  });

  it.each([
    ["prismaGenerate", "generate", "prisma generate failed (exit 1)"],
    ["nextBuild", "next-build", "next build failed (exit 1)"],
  ] as const)("a failing %s fails its step", async (name, step, message) => {
    const { steps, calls } = fakeSteps({ [name]: async () => ({ code: 1, output: "boom" }) });
    const error = await failure(runVercelBuild(steps, options({ syncSchedules: true })));
    expect(error).toMatchObject({ step, message: expect.stringContaining(message) });
    expect(calls).not.toContain("schedules");
    if (name === "prismaGenerate") expect(calls).not.toContain("next build");
  });

  it("syncs the schedule only when asked, after next build", async () => {
    const off = fakeSteps();
    expect((await runVercelBuild(off.steps, options())).schedule).toBeUndefined();
    expect(off.calls).not.toContain("schedules");

    const on = fakeSteps();
    const report = await runVercelBuild(on.steps, options({ syncSchedules: true }));
    expect(report.schedule).toBe("stampede-reconcile-prod created");
    expect(on.calls.slice(-2)).toEqual(["next build", "schedules"]);
  });

  it("fails the schedules step when QStash refuses", async () => {
    const { steps } = fakeSteps({
      syncSchedules: async () => {
        throw new Error("Unauthorized");
      },
    });
    const error = await failure(runVercelBuild(steps, options({ syncSchedules: true })));
    expect(error).toMatchObject({ step: "schedules", message: "QStash schedule sync failed: Unauthorized" });
  });
});

describe("isEngineDownloadFailure", () => {
  it.each([
    ["the CLI's download error", DOWNLOAD_FAILED, true],
    ["a failed migration", MIGRATION_FAILED, false],
    ["an unreachable database", "Error: P1001: Can't reach database server at `db.example:5432`", false],
    ["a syntax error in a migration", 'Database error code: 42601\nERROR: syntax error at or near "TABL"', false],
  ])("%s → %s", (_label, output, expected) => {
    expect(isEngineDownloadFailure(output, "https://binaries.prisma.sh")).toBe(expected);
  });

  it("recognises a download from a configured mirror", () => {
    const output =
      "Error: request to https://mirror.example/prisma/all_commits/abc/rhel/schema-engine.gz failed, reason: ETIMEDOUT";
    expect(isEngineDownloadFailure(output, "https://mirror.example/prisma")).toBe(true);
    expect(isEngineDownloadFailure(output, "https://binaries.prisma.sh")).toBe(false);
  });
});
