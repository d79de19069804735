import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests (*.test.ts) and integration tests (*.integration.test.ts) run in one
// invocation; the global setup starts the real local stack once for the run.
export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./scripts/test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
