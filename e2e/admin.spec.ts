// The admin area in a real browser against the production build: sign in with the development
// sign-in, create a sale that is live now, publish it, find it on the storefront, then remove it.
import { expect, test, type Page } from "@playwright/test";

const ADMIN_EMAIL = "admin@stampede.local";

async function signIn(page: Page, email: string, callbackPath: string) {
  await page.goto(callbackPath);
  // Anonymous visitors are sent to sign in, and come back afterwards.
  await expect(page).toHaveURL(
    (url) => url.pathname === "/signin" && url.searchParams.get("callbackUrl") === callbackPath,
  );
  await page.locator("#dev-login-email").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL((url) => url.pathname === callbackPath, { timeout: 15_000 });
}

test("an admin creates a sale that is live now, publishes it, and shoppers see it", async ({ page }) => {
  await signIn(page, ADMIN_EMAIL, "/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Sales" })).toBeVisible();

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "New sale" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New sale" })).toBeVisible();
  const title = `Admin e2e drop ${Date.now().toString(36)}`;
  await page.getByLabel("Title").fill(title);
  // The slug follows the title until edited.
  await expect(page.getByLabel("Slug")).toHaveValue(/^admin-e2e-drop-[a-z0-9]+$/);
  await page.getByLabel("Description").fill("Made by the admin end-to-end test.");
  await page.getByLabel("Image (optional)").fill("/products/watch.svg");
  await page.getByLabel("Price").fill("49.5");
  await page.getByLabel("Total stock").fill("25");
  await page.getByRole("button", { name: "Now", exact: true }).click();
  await expect(page.getByTestId("sale-preview")).toContainText(title);
  await expect(page.getByTestId("sale-preview")).toContainText("$49.50");

  // A bad field is refused beside the field, and the form keeps everything else.
  await page.getByLabel("Total stock").fill("0");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByLabel("Total stock")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Offer at least 1 unit.")).toBeVisible();
  await page.getByLabel("Total stock").fill("25");

  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/admin\/sales\/[^/?]+\?created=1$/, { timeout: 15_000 });
  const saleUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.locator("[data-status]").first()).toHaveText("Draft");

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.locator("[data-status]").first()).toHaveText("Live", { timeout: 15_000 });
  await expect(page.getByText("25 of 25 left").first()).toBeVisible();
  // Once live, the price is locked and says why.
  await expect(page.getByLabel("Price")).toBeDisabled();
  await expect(page.getByText(/price cannot change once the sale is live/)).toBeVisible();

  // The orders page and its CSV export answer for the new sale (no orders yet: just the header).
  const csv = await page.request.get(`${saleUrl}/orders.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(await csv.text()).toBe(
    "order_id,email,reserved_at_utc,status,price_minor,currency,order_number,status_label,hold_expires_at_utc,hold_kind,price\r\n",
  );

  await page.goto("/");
  const card = page.getByTestId("sale-card").filter({ hasText: title });
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute("data-phase", "live");

  // Leave the storefront as it was: delete the sale (it has no orders), confirming first.
  await page.goto(saleUrl);
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this sale?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete sale" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/admin", { timeout: 15_000 });
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  await page.goto("/");
  await expect(page.getByTestId("sale-card").filter({ hasText: title })).toHaveCount(0);
});

test("a shopper gets 'Admins only' and no admin data, pages and CSV alike", async ({ page }) => {
  await signIn(page, `shopper-${Date.now().toString(36)}@example.test`, "/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Admins only" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
  await expect(page.getByTestId("admin-sale-row")).toHaveCount(0);

  const direct = await page.goto("/admin/sales/new");
  expect(direct?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Admins only" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveCount(0);

  const csv = await page.request.get("/admin/sales/any-sale/orders.csv");
  expect(csv.status()).toBe(403);
});

test("the editor works at 360 px wide", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, ADMIN_EMAIL, "/admin/sales/new");
  await expect(page.getByLabel("Title")).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  // Keyboard: the title is reachable and the form submits from the keyboard.
  await page.getByLabel("Title").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toBeFocused();
});

test.describe("in the admin's own time zone", () => {
  test.use({ timezoneId: "America/New_York" });

  test("times are entered locally, shown in UTC, and server errors land beside their field", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL, "/admin/sales/new");
    await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
    await page.getByLabel("Starts").fill("2031-07-01T10:00");
    await page.getByLabel("Ends").fill("2031-07-01T12:30");
    await expect(page.getByText("= 1 Jul 2031, 14:00 UTC")).toBeVisible();
    await expect(page.getByText("= 1 Jul 2031, 16:30 UTC")).toBeVisible();

    // A slug the seed already uses passes every check in the browser; only the server knows.
    await page.getByLabel("Title").fill("Second headphones");
    await page.getByLabel("Slug").fill("nimbus-headphones");
    await page.getByLabel("Price").fill("10");
    await page.getByRole("button", { name: "Create draft" }).click();
    await expect(page.getByLabel("Slug")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#sale-slug-error")).toHaveText(
      "Another sale already uses this slug. Pick a different one.",
    );
    await expect(page.getByLabel("Slug")).toBeFocused();
  });
});
