import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = 3100;
const baseURL = `http://localhost:${port}`;
/** A second `next start` of the same build on the same stack (e2e/metrics.spec.ts: two instances). */
const secondPort = 3101;
// Debian's Chromium when present (Playwright cannot download its own browser everywhere);
// otherwise Playwright's bundled browser.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => existsSync(candidate));

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 60_000,
  use: {
    baseURL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: systemChromium
          ? {
              executablePath: systemChromium,
              args: [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
              ],
            }
          : {},
      },
    },
  ],
  webServer: {
    // The second instance is healthy before the first starts, so waiting for the first waits for both.
    command: `npx tsx scripts/serve-production.ts --port ${port} --second-port ${secondPort}`,
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    // Let the server stop its local stack (Postgres, Redis, QStash) instead of being killed outright.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
