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
