// The build passes with exactly the documented variables, and fails naming any required one that
// is missing. Each case loads next.config.mjs in a fresh process, as `next build` does, with an
// environment built only from .env.example and the table in docs/deploying.md (no extras).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type Column = "Production" | "Preview";
interface DocumentedVariable {
  name: string;
  Production: string;
  Preview: string;
}

const EXAMPLE = readFileSync(".env.example", "utf8");
const DOCS = readFileSync("docs/deploying.md", "utf8");

/** Values .env.example sets, and every name it documents (commented-out ones included). */
const exampleValues = new Map(
  [...EXAMPLE.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => [match[1]!, match[2]!.trim()] as const),
);
const exampleNames = new Set([...EXAMPLE.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!));

function documentedVariables(): DocumentedVariable[] {
  const section = DOCS.slice(DOCS.indexOf("## 2. Variables per environment"), DOCS.indexOf("### Build-only variables"));
  const rows = [...section.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|([^|]+)\|([^|]+)\|/gm)];
  return rows.map((row) => ({ name: row[1]!, Production: row[2]!.trim(), Preview: row[3]!.trim() }));
}
const documented = documentedVariables();

/** What Vercel sets on a deployment of each kind (sample values). */
const vercelSets: Record<Column, Record<string, string>> = {
  Production: {
    VERCEL_ENV: "production",
    VERCEL_URL: "stampede-7f3k2.vercel.app",
    VERCEL_BRANCH_URL: "stampede-git-main.vercel.app",
    VERCEL_PROJECT_PRODUCTION_URL: "stampede.example",
    VERCEL_GIT_COMMIT_REF: "main",
    VERCEL_AUTOMATION_BYPASS_SECRET: "automation-bypass-secret",
  },
  Preview: {
    VERCEL_ENV: "preview",
    VERCEL_URL: "stampede-9q1x4.vercel.app",
    VERCEL_BRANCH_URL: "stampede-git-feat-checkout.vercel.app",
    VERCEL_PROJECT_PRODUCTION_URL: "stampede.example",
    VERCEL_GIT_COMMIT_REF: "feat/checkout",
    VERCEL_AUTOMATION_BYPASS_SECRET: "automation-bypass-secret",
  },
};

/** A deployment with only what the docs mark required (values from .env.example) plus Vercel's own. */
function deploymentEnv(column: Column): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of documented) {
    if (variable[column] === "required") env[variable.name] = exampleValues.get(variable.name) ?? "";
    if (variable[column] === "Vercel") env[variable.name] = vercelSets[column][variable.name] ?? "";
  }
  return env;
}

const LOAD_CONFIG = `
await import("./next.config.mjs");
const { deployment } = await import("./src/server/deployment/index.ts");
console.log(JSON.stringify({ namespace: deployment.namespace, publicUrl: deployment.publicUrl }));`;

/** Loads the Next config (which validates src/env.ts) with exactly `variables`, as `next build` would. */
function loadNextConfig(variables: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", LOAD_CONFIG], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...variables },
    encoding: "utf8",
    cwd: process.cwd(),
  });
  const deployment =
    result.status === 0 ? (JSON.parse(result.stdout.trim()) as { namespace: string; publicUrl?: string }) : null;
  return { ...result, deployment };
}

describe("the documented variables", () => {
  it("the docs table lists every variable of .env.example, and only those or Vercel's", () => {
    const names = new Set(documented.map((variable) => variable.name));
    expect(documented.length).toBeGreaterThan(15);
    expect([...exampleNames].filter((name) => !names.has(name))).toEqual([]);
    const unknown = documented.filter((v) => !exampleNames.has(v.name) && v.Production !== "Vercel").map((v) => v.name);
    expect(unknown).toEqual([]);
    const vocabulary = new Set(["required", "recommended", "optional", "Vercel", "—"]);
    expect(documented.filter((v) => !vocabulary.has(v.Production) || !vocabulary.has(v.Preview))).toEqual([]);
  });

  it("exactly the variables of .env.example pass the build's validation", () => {
    const result = loadNextConfig(Object.fromEntries(exampleValues));
    expect(result.stderr).toBe("");
    expect(result.deployment).toEqual({ namespace: "prod", publicUrl: "http://localhost:3000" });
  });

  it.each<[Column, { namespace: string; publicUrl: string }]>([
    ["Production", { namespace: "prod", publicUrl: "https://stampede.example" }],
    ["Preview", { namespace: "preview-feat-checkout", publicUrl: "https://stampede-git-feat-checkout.vercel.app" }],
  ])("a %s deployment with only the required variables builds, and finds its URL and namespace", (column, expected) => {
    const result = loadNextConfig(deploymentEnv(column));
    expect(result.stderr).toBe("");
    expect(result.deployment).toEqual(expected);
  });

  const required = documented.filter((variable) => variable.Production === "required").map((variable) => variable.name);
  it("marks the service credentials and the session secret required", () => {
    expect(required).toEqual(
      expect.arrayContaining([
        "DATABASE_URL",
        "UPSTASH_REDIS_REST_URL",
        "QSTASH_TOKEN",
        "QSTASH_NEXT_SIGNING_KEY",
        "AUTH_SECRET",
      ]),
    );
  });

  describe("a required variable left out fails the build, naming it", () => {
    it.each(required)("%s", (name) => {
      const { [name]: _left, ...rest } = deploymentEnv("Production");
      const result = loadNextConfig(rest);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain("Invalid environment variables");
      expect(result.stderr).toMatch(new RegExp(`^  - ${name}: `, "m"));
    });
  });
});
