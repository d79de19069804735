// Every place a shopper's journey can end, in Chromium at 1280 and 360 px: each state screenshotted
// (test-results/screens/journey-*) and checked with axe for serious or critical findings. Upcoming
// (remind me, before and after), running (Buy in the first screen of a 360×740 phone), a win (held,
// then paid), sold out (no countdown, the next drop), ended early (the real end time), home,
// contact, a policy and My orders.
import type { Page, TestInfo } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { armSaleInRedis } from "~/server/inventory/arm-sale";
import { signInWithCookie } from "./helpers/auth";
import { expect, test } from "./helpers/fixtures";
import type { E2eStack } from "./helpers/stack";
import { snapAndCheck } from "./helpers/viewports";

/** Sales whose payment records go before the shop fixture removes their orders. */
const paidSales: string[] = [];

test.afterEach(async ({ stack }) => {
  const where = { order: { saleId: { in: paidSales.splice(0) } } };
  await stack.db.payment.deleteMany({ where });
  await stack.db.checkoutSession.deleteMany({ where });
});

/** Screenshots at both widths and fails on any serious or critical axe finding. */
async function journeyState(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const findings = await snapAndCheck(page, testInfo, `journey-${name}`);
  expect(findings, `axe findings on ${name}`).toEqual({ "360": [], "1280": [] });
}

/** The header is one line: the logo and the account area side by side, no taller than one row. */
async function expectOneLineHeader(page: Page): Promise<void> {
  const header = await page.locator(".site-header").boundingBox();
  const brand = await page.locator(".site-header .brand").boundingBox();
  const menu = await page.getByRole("navigation", { name: "Account" }).boundingBox();
  expect(header!.height, "header height").toBeLessThanOrEqual(64);
  expect(
    Math.abs(brand!.y + brand!.height / 2 - (menu!.y + menu!.height / 2)),
    "logo and menu on one line",
  ).toBeLessThan(8);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "sideways scrolling").toBeLessThanOrEqual(0);
}

async function endEarly(stack: E2eStack, saleId: string, endedAt: Date): Promise<void> {
  const sale = await stack.db.sale.update({ where: { id: saleId }, data: { state: "ENDED", endedAt } });
  await armSaleInRedis(stack.redis, stack.namespace, sale, []);
}

test.describe("upcoming", () => {
  test("remind me: a calendar file for anyone, then the page says what happens next", async ({
    page,
    context,
    baseURL,
    shop,
    request,
  }, testInfo) => {
    const shopper = await shop.createShopper();
    const sale = await shop.createSale({ startsInMs: 2 * 3_600_000, title: "Upcoming, with; reminder" });
    await signInWithCookie(context, baseURL!, shopper);
    await page.goto(`/sales/${sale.slug}`);
    await expect(page.getByTestId("buy")).toHaveAttribute("data-status", "notStarted");
    const remind = page.getByTestId("remind-me");
    await expect(remind.getByRole("heading", { name: "Remind me" })).toBeVisible();
    await expect(page.getByTestId("stock")).toHaveText("5 units");
    await journeyState(page, testInfo, "upcoming");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("remind-calendar").click()]);
    expect(download.suggestedFilename()).toBe(`${sale.slug}.ics`);
    const ics = await readFile((await download.path())!, "utf8");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain(`UID:sale-${sale.id}@`);
    expect(ics).toContain("SUMMARY:Upcoming\\, with\\; reminder: sale opens");
    await expect(page.getByTestId("remind-status")).toContainText("add the sale to your calendar");
    await journeyState(page, testInfo, "upcoming-reminded");

    // No sign-in needed for the file; its times are the sale's, in UTC.
    const anonymous = await request.get(`/sales/${sale.slug}/calendar.ics`, { headers: { cookie: "" } });
    expect(anonymous.status()).toBe(200);
    expect(anonymous.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    const utc = (date: Date) =>
      date
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "");
    const body = await anonymous.text();
    expect(body).toContain(`DTSTART:${utc(sale.startsAt)}`);
    expect(body).toContain(`DTEND:${utc(sale.endsAt)}`);
    expect(body).toContain(`URL:${baseURL}/sales/${sale.slug}`);
    expect((await request.get(`/sales/no-such-${sale.slug}/calendar.ics`)).status()).toBe(404);
  });
});

test.describe("running and winning", () => {
  test("Buy is on the first screen of a phone; a win shows the order number, what happens next and My orders", async ({
    page,
    context,
    baseURL,
    shop,
  }, testInfo) => {
    test.setTimeout(120_000);
    const shopper = await shop.createShopper();
    const sale = await shop.createSale({ totalStock: 1, title: "Running drop with a long enough name to wrap" });
    paidSales.push(sale.id);
    await signInWithCookie(context, baseURL!, shopper);

    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/sales/${sale.slug}`);
    const buy = page.getByTestId("buy");
    await expect(buy).toHaveAttribute("data-status", "ready");
    const button = buy.getByRole("button", { name: "Buy now · $42.00" });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const box = await button.boundingBox();
    expect(box, "the Buy button is laid out").not.toBeNull();
    expect(box!.y, "Buy starts on the first screen").toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height, "Buy ends on the first screen").toBeLessThanOrEqual(740);
    await expectOneLineHeader(page);
    await expect(page.getByTestId("countdown")).toBeVisible();
    await expect(page.getByTestId("stock")).toHaveText("1 of 1 left");
    await journeyState(page, testInfo, "running");

    await button.click();
    await expect(buy).toHaveAttribute("data-status", "held", { timeout: 30_000 });
    const checkout = page.getByTestId("checkout");
    await expect(checkout.getByRole("heading")).toHaveText("Held for you. Pay within");
    const orderNumber = (await page.getByTestId("order-number").textContent()) ?? "";
    expect(orderNumber).toMatch(/^SP-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await expect(checkout.getByRole("link", { name: "My orders" })).toBeVisible();
    await journeyState(page, testInfo, "win-held");

    await page.getByRole("button", { name: "Pay now · $42.00" }).click();
    await expect(page).toHaveURL(/\/checkout\/test\//, { timeout: 30_000 });
    await page.getByLabel("Card number").fill("4242 4242 4242 4242");
    await page.getByRole("button", { name: "Pay $42.00" }).click();
    await expect(buy).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
    const outcome = page.getByTestId("outcome");
    await expect(outcome.getByRole("heading")).toHaveText("Paid — it's yours!");
    await expect(outcome).toContainText("What happens next");
    await expect(page.getByTestId("order-number")).toHaveText(orderNumber);
    await journeyState(page, testInfo, "win-paid");

    await outcome.getByRole("link", { name: "My orders" }).click();
    await expect(page).toHaveURL(/\/orders$/, { timeout: 15_000 });
    await expect(page.getByTestId("order").filter({ hasText: sale.title })).toContainText(orderNumber);
    await journeyState(page, testInfo, "my-orders");
  });
});

test.describe("missing out", () => {
  test("sold out: the headline, no countdown, and the next drop to be notified of", async ({
    page,
    context,
    baseURL,
    shop,
  }, testInfo) => {
    const shopper = await shop.createShopper();
    // The next drop: sooner than any other scheduled sale, so it is the one pointed to.
    const next = await shop.createSale({ startsInMs: 2 * 60_000, title: "The next drop" });
    const sale = await shop.createSale({ totalStock: 2, taken: 2 });
    await signInWithCookie(context, baseURL!, shopper);
    await page.goto(`/sales/${sale.slug}`);

    const card = page.getByTestId("sold-out-card");
    await expect(card.getByRole("heading", { level: 2 })).toHaveText("Sold out");
    await expect(page.getByTestId("countdown")).toHaveCount(0);
    await expect(page.getByTestId("sale-panel")).not.toContainText(/ends in/i);
    await expect(page.getByTestId("stock")).toHaveText("Sold out · all 2 units claimed");
    await expect(card.getByTestId("next-drop-link")).toHaveText(next.title);
    await expect(card.getByTestId("next-drop-link")).toHaveAttribute("href", `/sales/${next.slug}`);
    await expect(card.getByTestId("remind-me").getByRole("heading", { name: "Notify me" })).toBeVisible();
    await expect(card.getByTestId("remind-calendar")).toHaveAttribute("href", `/sales/${next.slug}/calendar.ics`);
    await journeyState(page, testInfo, "sold-out");
  });

  test("ended early: the time it really ended, and other drops", async ({ page, shop, stack }, testInfo) => {
    const sale = await shop.createSale({ totalStock: 4, taken: 3 });
    const endedAt = new Date(Date.now() - 5 * 60_000);
    await endEarly(stack, sale.id, endedAt);
    await page.goto(`/sales/${sale.slug}`);

    const card = page.getByTestId("ended-card");
    await expect(card.getByRole("heading", { level: 2 })).toHaveText("This sale has ended");
    const endedLine = page.getByTestId("ended-at");
    await expect(endedLine).toContainText("ended it early");
    await expect(endedLine.locator("time").first()).toHaveAttribute("datetime", endedAt.toISOString());
    await expect(endedLine.locator("time").nth(1)).toHaveAttribute("datetime", sale.endsAt.toISOString());
    // The bar counts what the caption counts: units sold.
    const stock = page.getByTestId("stock");
    await expect(stock).toHaveText("3 of 4 units sold");
    await expect(stock).toHaveAttribute("data-measure", "sold");
    await expect(card.getByRole("link", { name: "All drops" })).toHaveAttribute("href", "/");
    await journeyState(page, testInfo, "ended-early");
  });
});

test.describe("around the shop", () => {
  test("home: a grid on desktop, a colour per status, and a one-line header on a phone", async ({
    page,
    context,
    baseURL,
    shop,
  }, testInfo) => {
    const paused = await shop.createSale({ state: "PAUSED", title: "Paused drop" });
    const soldOut = await shop.createSale({ totalStock: 1, taken: 1, title: "Sold-out drop" });
    await page.goto("/");
    const badge = (title: string) =>
      page.getByTestId("sale-card").filter({ hasText: title }).locator("[data-status]").first();
    await expect(badge(paused.title)).toHaveText("Paused");
    await expect(badge(soldOut.title)).toHaveText("Sold out");
    const colour = (title: string) => badge(title).evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(await colour(paused.title)).not.toBe(await colour(soldOut.title));
    await expect(page.getByRole("navigation", { name: "Footer" }).getByRole("link", { name: "Contact" })).toBeVisible();

    // Sections with few cards share a row on a wide screen.
    await page.setViewportSize({ width: 1280, height: 800 });
    const sections = page.locator("section[data-size]");
    const sizes = await sections.evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-size")));
    const tops = await sections.evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().top));
    const onRows = new Set(tops.map((top) => Math.round(top))).size;
    if (sizes.filter((size) => size === "1").length >= 2) expect(onRows).toBeLessThan(sizes.length);
    await journeyState(page, testInfo, "home");

    await page.setViewportSize({ width: 360, height: 740 });
    await expectOneLineHeader(page);
    const shopper = await shop.createShopper();
    await signInWithCookie(context, baseURL!, shopper);
    await page.reload();
    await expectOneLineHeader(page);
    await page.getByText("Account", { exact: true }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Account" })).toContainText(shopper.email);
  });

  test("contact and policy pages, reached from the footer", async ({ page }, testInfo) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Footer" }).getByRole("link", { name: "Contact" }).click();
    await expect(page).toHaveURL(/\/contact$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contact");
    await journeyState(page, testInfo, "contact");

    for (const [name, heading] of [
      ["terms", "Terms of sale"],
      ["returns", "Returns & refunds"],
      ["privacy", "Privacy"],
    ] as const) {
      await page.goto(`/policies/${name}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    }
    await page.goto("/policies/returns");
    await expect(page.getByRole("main")).toContainText("refund the payment in full");
    await journeyState(page, testInfo, "policy-returns");
  });
});
