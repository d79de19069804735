// The admin's orders page and editor in a real browser against the production build: orders found
// by part of an email or by the order number however it is typed, times to the second, the CSV with
// the price as read beside its minor units; the editor's time-zone list led by the browser's zone,
// a euro price typed with a decimal comma, and the preview's badge following the sale's real
// status. Photographed at 360 and 1280 px and checked with axe.
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { orderNumberOf } from "~/lib/checkout";
import { signInWithCookie } from "./helpers/auth";
import { expect, test } from "./helpers/fixtures";
import type { E2eStack } from "./helpers/stack";
import { snapAndCheck } from "./helpers/viewports";

async function signInAsAdmin(page: Page, baseURL: string, stack: E2eStack) {
  const admin = await stack.db.user.create({
    data: { email: `admin-${randomUUID().slice(0, 8)}@stampede.test`, role: "ADMIN" },
  });
  await signInWithCookie(page.context(), baseURL, { id: admin.id, email: admin.email, role: "ADMIN" });
  return { remove: () => stack.db.user.delete({ where: { id: admin.id } }) };
}

test("an admin finds orders by email or number, reads times to the second, and downloads the CSV", async ({
  page,
  baseURL,
  shop,
  stack,
}, testInfo) => {
  const sale = await shop.createSale({ totalStock: 5 });
  const shoppers = await Promise.all([shop.createShopper(), shop.createShopper(), shop.createShopper()]);
  const reservationIds = shoppers.map(() => `rsv_${randomUUID().replaceAll("-", "")}`);
  await stack.db.order.createMany({
    data: shoppers.map((shopper, index) => ({
      saleId: sale.id,
      userId: shopper.id,
      reservationId: reservationIds[index]!,
      status: "PAID" as const,
      priceMinor: 4_200,
      currency: "USD",
      reservedAt: new Date(Date.UTC(2030, 0, 1, 12, 0, 7 + index, 450)),
    })),
  });
  const admin = await signInAsAdmin(page, baseURL!, stack);

  await page.goto(`/admin/sales/${sale.id}/orders`);
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  const rows = page.getByTestId("order-row");
  await expect(rows).toHaveCount(3);
  // Times to the second, written the one way the app writes moments.
  await expect(rows.first()).toContainText("1 Jan 2030, 12:00:07 UTC");
  await expect(rows.first()).toContainText(orderNumberOf(reservationIds[0]!));

  const search = page.getByRole("searchbox", { name: "Find an order" });
  // Part of an email, in another case.
  const wanted = shoppers[1]!.email;
  await search.fill(wanted.slice(0, 16).toUpperCase());
  await search.press("Enter");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(wanted);
  await expect(page).toHaveURL(/[?&]q=/);

  // The order number as a shopper reads it out: lower case, no prefix, spaces for dashes.
  const number = orderNumberOf(reservationIds[2]!);
  for (const typed of [number, number.slice(3).toLowerCase().replace("-", " "), number.replaceAll("-", "")]) {
    await search.fill(typed);
    await search.press("Enter");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(number);
    await expect(rows.first()).toContainText(shoppers[2]!.email);
  }
  await expect(rows.first()).toContainText("1 Jan 2030, 12:00:09 UTC");
  expect(await snapAndCheck(page, testInfo, "admin-orders-search")).toEqual({ "360": [], "1280": [] });

  // The CSV of the same selection: the order number, the price as read and in minor units, ISO times.
  const csvHref = await page.getByRole("link", { name: /Download CSV/ }).getAttribute("href");
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  const [header, ...lines] = (await csv.text()).trimEnd().split("\r\n");
  expect(header).toBe(
    "order_id,email,reserved_at_utc,status,price_minor,currency,order_number,status_label,hold_expires_at_utc,hold_kind,price",
  );
  expect(lines).toHaveLength(1);
  expect(lines[0]!.split(",").slice(1)).toEqual([
    shoppers[2]!.email,
    "2030-01-01T12:00:09Z",
    "PAID",
    "4200",
    "USD",
    number,
    "Paid",
    "",
    "RESERVATION",
    "$42.00",
  ]);
  const everything = await page.request.get(`/admin/sales/${sale.id}/orders.csv`);
  expect((await everything.text()).trimEnd().split("\r\n")).toHaveLength(4);

  // Nothing matches: said plainly, with the way back to every order.
  await search.fill("nobody-at-all@example.test");
  await search.press("Enter");
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId("orders-empty")).toContainText("No orders matching “nobody-at-all@example.test”");
  await page.getByRole("link", { name: "Show every order" }).click();
  await expect(rows).toHaveCount(3);

  // A search the server refuses is said beside the box, not a server error.
  await page.goto(`/admin/sales/${sale.id}/orders?q=${"x".repeat(300)}`);
  await expect(page.locator("#orders-search-error")).toHaveText(
    "Search with at most 254 characters: an email address or an order number.",
  );
  await expect(page.getByRole("searchbox", { name: "Find an order" })).toHaveAttribute("aria-invalid", "true");
  await admin.remove();
});

test.describe("in the admin's own time zone", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("the zone list starts with the browser's zone, and a euro price takes a decimal comma", async ({
    page,
    baseURL,
    stack,
  }, testInfo) => {
    const admin = await signInAsAdmin(page, baseURL!, stack);
    await page.goto("/admin/sales/new");
    const zone = page.getByLabel("Time zone");
    // A new sale starts in the browser's zone, the first in the list; common zones follow, then all.
    await expect(zone).toHaveValue("Asia/Tokyo");
    await expect(zone.locator("option").first()).toHaveAttribute("value", "Asia/Tokyo");
    expect(
      await zone.locator("optgroup").evaluateAll((groups) => groups.map((group) => group.getAttribute("label"))),
    ).toEqual(["Your time zone", "Common time zones", "All time zones"]);
    await expect(zone.locator('optgroup[label="Common time zones"] option').first()).toHaveAttribute("value", "UTC");
    await expect(zone.locator('optgroup[label="Common time zones"] option[value="Europe/London"]')).toHaveCount(1);
    await expect(zone.locator('option[value="Asia/Tokyo"]')).toHaveCount(1);

    const title = `Comma drop ${randomUUID().slice(0, 8)}`;
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Currency").selectOption("EUR");
    await expect(page.getByText("The amount, like 129,99 (or 129.99).")).toBeVisible();
    await page.getByLabel("Price").fill("12,5");
    await page.getByRole("button", { name: "Now", exact: true }).click();
    const preview = page.getByTestId("sale-preview");
    await expect(preview).toContainText("€12.50");
    // A draft is a preview, never "Live now", even when its start has come.
    await expect(page.getByTestId("preview-status")).toHaveText("Draft preview");
    await expect(preview.getByText("Live now")).toBeHidden();
    expect(await snapAndCheck(page, testInfo, "admin-editor-new")).toEqual({ "360": [], "1280": [] });

    // The same comma in dollars is refused, saying how to write it.
    await page.getByLabel("Currency").selectOption("USD");
    await page.getByRole("button", { name: "Create draft" }).click();
    await expect(page.locator("#sale-price-error")).toHaveText("USD prices use a decimal point: write 12.5.");
    await page.getByLabel("Currency").selectOption("EUR");
    await page.getByLabel("Price").fill("1.234,50");
    await page.getByRole("button", { name: "Create draft" }).click();
    await expect(page).toHaveURL(/\/admin\/sales\/[^/?]+\?created=1$/, { timeout: 15_000 });
    const saleId = new URL(page.url()).pathname.split("/").at(-1)!;
    const stored = await stack.db.sale.findUniqueOrThrow({ where: { id: saleId } });
    expect([stored.priceMinor, stored.currency]).toEqual([123_450, "EUR"]);
    await expect(page.getByTestId("preview-status")).toHaveText("Draft preview");
    await stack.db.sale.delete({ where: { id: saleId } });
    await admin.remove();
  });
});

test("the editor's preview badge follows the sale's real status", async ({ page, baseURL, shop, stack }, testInfo) => {
  const admin = await signInAsAdmin(page, baseURL!, stack);
  const badge = page.getByTestId("preview-status");

  const paused = await shop.createSale({ state: "PAUSED" });
  await page.goto(`/admin/sales/${paused.id}`);
  await expect(badge).toHaveText("Paused");
  await expect(badge).toHaveAttribute("data-status", "paused");
  await expect(page.getByTestId("sale-preview").getByText("Live now")).toHaveCount(0);

  const live = await shop.createSale();
  await page.goto(`/admin/sales/${live.id}`);
  await expect(badge).toHaveText("Live now");

  // Ended early: the preview shows when it really ended, not the end it had planned.
  const ended = await shop.createSale({ durationMs: 7_200_000 });
  const endedAt = new Date(Date.now() - 5 * 60_000);
  await stack.db.sale.update({ where: { id: ended.id }, data: { state: "ENDED", endedAt } });
  await page.goto(`/admin/sales/${ended.id}`);
  await expect(badge).toHaveText("Ended");
  const preview = page.getByTestId("sale-preview");
  await expect(preview.locator(`time[datetime="${endedAt.toISOString()}"]`)).toHaveCount(1);
  await expect(preview.locator(`time[datetime="${ended.endsAt.toISOString()}"]`)).toHaveCount(0);
  expect(await snapAndCheck(page, testInfo, "admin-editor-ended")).toEqual({ "360": [], "1280": [] });
  await admin.remove();
});
