import { describe, expect, it } from "vitest";
import { resolveNamespace, resolvePublicUrl, type DeploymentEnv } from "./deployment";

const base: DeploymentEnv = { NODE_ENV: "production" };

describe("resolvePublicUrl", () => {
  it.each<[string, Partial<DeploymentEnv>, string | undefined]>([
    [
      "APP_URL wins everywhere",
      { APP_URL: "https://shop.example/", VERCEL_ENV: "production", VERCEL_PROJECT_PRODUCTION_URL: "x.vercel.app" },
      "https://shop.example",
    ],
    [
      "production uses the production domain",
      {
        VERCEL_ENV: "production",
        VERCEL_PROJECT_PRODUCTION_URL: "stampede.shop",
        VERCEL_URL: "stampede-abc.vercel.app",
      },
      "https://stampede.shop",
    ],
    [
      "a preview uses its branch URL",
      {
        VERCEL_ENV: "preview",
        VERCEL_BRANCH_URL: "stampede-git-feat-x.vercel.app",
        VERCEL_URL: "stampede-abc.vercel.app",
      },
      "https://stampede-git-feat-x.vercel.app",
    ],
    [
      "a preview without branch URL uses the deployment URL",
      { VERCEL_ENV: "preview", VERCEL_URL: "stampede-abc.vercel.app" },
      "https://stampede-abc.vercel.app",
    ],
    ["vercel dev uses its URL", { VERCEL_ENV: "development", VERCEL_URL: "localhost:3000" }, "https://localhost:3000"],
    ["nothing configured", {}, undefined],
  ])("%s", (_label, env, expected) => {
    expect(resolvePublicUrl({ ...base, ...env })).toBe(expected);
  });
});

describe("resolveNamespace", () => {
  it.each<[string, Partial<DeploymentEnv>, string]>([
    ["an explicit namespace wins", { STAMPEDE_NAMESPACE: "team-a", VERCEL_ENV: "production" }, "team-a"],
    ["production", { VERCEL_ENV: "production" }, "prod"],
    [
      "a preview per branch",
      { VERCEL_ENV: "preview", VERCEL_GIT_COMMIT_REF: "Feature/Checkout_v2" },
      "preview-feature-checkout-v2",
    ],
    ["a preview with no branch", { VERCEL_ENV: "preview" }, "preview"],
    ["local development", { NODE_ENV: "development" }, "dev"],
    ["a production build off Vercel", {}, "prod"],
  ])("%s", (_label, env, expected) => {
    expect(resolveNamespace({ ...base, ...env })).toBe(expected);
  });

  it("two previews sharing a database never share a namespace", () => {
    const a = resolveNamespace({ ...base, VERCEL_ENV: "preview", VERCEL_GIT_COMMIT_REF: "feat/a" });
    const b = resolveNamespace({ ...base, VERCEL_ENV: "preview", VERCEL_GIT_COMMIT_REF: "feat/b" });
    expect(a).not.toBe(b);
  });
});
