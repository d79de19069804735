import { expect, test } from "@playwright/test";

test("home page lists the seeded sales by phase", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Flash sales" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Live now" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Coming up" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Recently ended" })).toBeVisible();
  await expect(page.getByTestId("sale-card")).toHaveCount(3);
});

test("health endpoint reports every service up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const report = (await response.json()) as { ok: boolean; services: Record<string, { up: boolean }> };
  expect(report.ok).toBe(true);
  expect(Object.keys(report.services).sort()).toEqual(["postgres", "qstash", "redis"]);
});

test("pages and routes send the security headers, and the page still runs its scripts under the CSP", async ({
  page,
  request,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/");
  for (const headers of [response!.headers(), (await request.get("/api/health")).headers()]) {
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBeTruthy();
    expect(headers["permissions-policy"]).toBeTruthy();
  }
  // Chromium reports every inline script or style the policy blocks on the console.
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});
