// The storefront in a real browser against the production build: countdown on server time,
// buying through to a hold on the unit (checkout.spec.ts pays for it), one per shopper across tabs, sold out, and a browser
// whose clock is ten minutes fast.
import type { Page } from "@playwright/test";
import { orderNumberOf } from "~/lib/checkout";
import { signInThroughUi, signInWithCookie } from "./helpers/auth";
import { expect, test } from "./helpers/fixtures";
import { snap } from "./helpers/screens";
import { uniqueSuffix } from "./helpers/shop";

/** Records every value the buy box's data-status takes, in order, from inside the page. */
async function recordStatusTrail(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const box = document.querySelector("[data-testid=buy]");
    const trail: string[] = [box?.getAttribute("data-status") ?? "?"];
    (window as unknown as { statusTrail: string[] }).statusTrail = trail;
    new MutationObserver(() => {
      const status = box?.getAttribute("data-status") ?? "?";
      if (trail.at(-1) !== status) trail.push(status);
    }).observe(box!, { attributes: true, attributeFilter: ["data-status"] });
  });
  return () => page.evaluate(() => (window as unknown as { statusTrail: string[] }).statusTrail);
}

test.describe("buying", () => {
  test("a shopper signs in, waits for the start, buys, and holds the unit to pay for; a second tab cannot buy again", async ({
    page,
    context,
    shop,
    stack,
  }, testInfo) => {
    test.setTimeout(90_000);
    const email = `buyer-${uniqueSuffix()}@stampede.test`;
    shop.forgetEmailAfterwards(email);
    await signInThroughUi(page, email);

    const sale = await shop.createSale({ startsInMs: 9_000, totalStock: 5, title: `Countdown drop ${uniqueSuffix()}` });
    await page.goto(`/sales/${sale.slug}`);
    const buy = page.getByTestId("buy");
    const button = buy.getByRole("button");
    await expect(buy).toHaveAttribute("data-status", "notStarted");
    await expect(button).toBeDisabled();
    await expect(button).toHaveText(/Opens in 00:0\d/);
    await expect(page.getByTestId("stock")).toContainText("5 units");
    await snap(page, testInfo, "storefront-1-countdown");

    await expect(buy).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
    expect(Date.now(), "the button opened before the sale's start").toBeGreaterThanOrEqual(
      sale.startsAt.getTime() - 100,
    );
    await expect(button).toHaveText("Buy now · $42.00");
    await snap(page, testInfo, "storefront-2-ready");

    const trail = await recordStatusTrail(page);
    await button.click();
    // A second click while in flight must not send a second reservation.
    await button.click({ force: true, noWaitAfter: true }).catch(() => undefined);
    // A win is a hold: the checkout panel, with the order number the shopper will quote.
    await expect(buy).toHaveAttribute("data-status", "held", { timeout: 30_000 });
    expect(await trail()).toEqual(["ready", "reserving", "reserved", "held"]);
    await expect(page.getByTestId("checkout")).toBeVisible();
    await expect(page.getByTestId("announcer")).toContainText("Reserved! It's held for you");

    await expect.poll(() => stack.db.order.count({ where: { saleId: sale.id } }), { timeout: 15_000 }).toBe(1);
    const orders = await stack.db.order.findMany({
      where: { saleId: sale.id },
      select: { id: true, reservationId: true, status: true, user: { select: { email: true } } },
    });
    expect(orders[0]?.user.email).toBe(email);
    expect(orders[0]?.status).toBe("HELD");
    const orderNumber = orderNumberOf(orders[0]!.reservationId);
    await expect(page.getByTestId("order-number")).toHaveText(orderNumber);
    expect(await shop.stockLeft(sale.id)).toBe(4);
    await snap(page, testInfo, "storefront-3-held");

    const secondTab = await context.newPage();
    await secondTab.goto(`/sales/${sale.slug}`);
    const secondBuy = secondTab.getByTestId("buy");
    await expect(secondBuy).toHaveAttribute("data-status", "held");
    await expect(secondTab.getByTestId("order-number")).toHaveText(orderNumber);
    await snap(secondTab, testInfo, "storefront-4-second-tab");
    expect(await shop.stockLeft(sale.id)).toBe(4);

    await secondTab.goto("/orders");
    const row = secondTab.getByTestId("order").filter({ hasText: sale.title });
    await expect(row).toContainText("Awaiting payment");
    await snap(secondTab, testInfo, "storefront-5-my-orders");
  });

  test("a tab opened before the purchase learns about it and refuses to buy twice", async ({
    browser,
    baseURL,
    shop,
  }) => {
    const shopper = await shop.createShopper();
    const sale = await shop.createSale({ totalStock: 3 });
    const context = await browser.newContext();
    await signInWithCookie(context, baseURL!, shopper);
    const [first, second] = [await context.newPage(), await context.newPage()];
    await first.goto(`/sales/${sale.slug}`);
    await second.goto(`/sales/${sale.slug}`);
    await expect(second.getByTestId("buy")).toHaveAttribute("data-status", "ready");

    await first.getByTestId("buy").getByRole("button").click();
    await expect(first.getByTestId("buy")).toHaveAttribute("data-status", "held", { timeout: 30_000 });

    // The stale tab learns of the hold (its status poll) or, clicking first, is answered with the
    // unit already held: either way it shows the same hold and takes no second unit.
    const staleBuy = second.getByTestId("buy").getByRole("button", { name: /Buy now/ });
    await staleBuy.click({ timeout: 2_000 }).catch(() => undefined);
    await expect(second.getByTestId("buy")).toHaveAttribute("data-status", "held", { timeout: 15_000 });
    await expect(second.getByTestId("order-number")).toHaveText(
      (await first.getByTestId("order-number").textContent()) ?? "",
    );
    expect(await shop.stockLeft(sale.id)).toBe(2);
    await context.close();
  });
});

test.describe("sold out", () => {
  test("a sold-out sale says so and cannot be bought", async ({ page, context, baseURL, shop }, testInfo) => {
    const shopper = await shop.createShopper();
    const sale = await shop.createSale({ totalStock: 2, taken: 2 });
    await signInWithCookie(context, baseURL!, shopper);
    await page.goto(`/sales/${sale.slug}`);
    const buy = page.getByTestId("buy");
    await expect(buy).toHaveAttribute("data-status", "soldOut");
    // Sold out is the headline: no buy button and no countdown, somewhere else to go instead.
    await expect(buy.getByRole("heading", { name: "Sold out" })).toBeVisible();
    await expect(buy.getByRole("button", { name: /buy/i })).toHaveCount(0);
    await expect(page.getByTestId("countdown")).toHaveCount(0);
    await expect(page.getByTestId("stock")).toContainText("Sold out");
    await snap(page, testInfo, "storefront-6-sold-out");
  });

  test("live stock turns the button to sold out without a reload", async ({ page, context, baseURL, shop }) => {
    const shopper = await shop.createShopper();
    const sale = await shop.createSale({ totalStock: 2, taken: 1 });
    await signInWithCookie(context, baseURL!, shopper);
    await page.goto(`/sales/${sale.slug}`);
    await expect(page.getByTestId("buy")).toHaveAttribute("data-status", "ready");
    await expect(page.getByTestId("stock")).toContainText("1 of 2 left");

    await shop.setStockLeft(sale.id, 0);
    // Polled at least every 2 s, through a 500 ms server cache.
    await expect(page.getByTestId("buy")).toHaveAttribute("data-status", "soldOut", { timeout: 5_000 });
    await expect(page.getByTestId("announcer")).toHaveText("Sold out.");
  });
});

test.describe("interruptions", () => {
  test("an admin's pause reaches the open page, and so does the resume", async ({
    page,
    context,
    baseURL,
    shop,
  }, testInfo) => {
    const shopper = await shop.createShopper();
    const sale = await shop.createSale();
    await signInWithCookie(context, baseURL!, shopper);
    await page.goto(`/sales/${sale.slug}`);
    const buy = page.getByTestId("buy");
    await expect(buy).toHaveAttribute("data-status", "ready");

    await shop.setLiveState(sale.id, "PAUSED");
    await expect(buy).toHaveAttribute("data-status", "paused", { timeout: 5_000 });
    await expect(buy.getByRole("button")).toBeDisabled();
    await expect(page.getByTestId("announcer")).toHaveText("The sale is paused.");
    await snap(page, testInfo, "storefront-13-paused");

    await shop.setLiveState(sale.id, "PUBLISHED");
    await expect(buy).toHaveAttribute("data-status", "ready", { timeout: 5_000 });
  });

  test("a rate-limited shopper sees a retry timer count down, then the button comes back", async ({
    page,
    context,
    baseURL,
    shop,
  }, testInfo) => {
    test.setTimeout(60_000);
    const shopper = await shop.createShopper();
    const sale = await shop.createSale();
    await signInWithCookie(context, baseURL!, shopper);
    await page.goto(`/sales/${sale.slug}`);
    const buy = page.getByTestId("buy");
    await expect(buy).toHaveAttribute("data-status", "ready");

    await shop.exhaustReserveLimit(shopper.id);
    await buy.getByRole("button").click();
    await expect(buy).toHaveAttribute("data-status", "rateLimited");
    const button = buy.getByRole("button");
    await expect(button).toBeDisabled();
    const secondsShown = async () => Number(/Try again in (\d+) s/.exec((await button.textContent()) ?? "")?.[1]);
    const first = await secondsShown();
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(10);
    await snap(page, testInfo, "storefront-14-rate-limited");
    if (first >= 2) await expect.poll(secondsShown, { timeout: 3_000 }).toBeLessThan(first);

    await expect(buy).toHaveAttribute("data-status", "ready", { timeout: 15_000 });
    expect(await shop.stockLeft(sale.id)).toBe(5);
  });
});

test.describe("server time", () => {
  test("with the browser clock ten minutes fast, the button still opens only at the server's start", async ({
    page,
    context,
    baseURL,
    shop,
  }, testInfo) => {
    test.setTimeout(60_000);
    const shopper = await shop.createShopper();
    await signInWithCookie(context, baseURL!, shopper);
    const sale = await shop.createSale({ startsInMs: 10_000 });
    const skewMs = 10 * 60_000;
    await page.clock.install({ time: Date.now() + skewMs });

    await page.goto(`/sales/${sale.slug}`);
    const browserAhead = (await page.evaluate(() => Date.now())) - Date.now();
    expect(browserAhead).toBeGreaterThan(skewMs - 30_000);
    const buy = page.getByTestId("buy");
    await expect(buy).toHaveAttribute("data-status", "notStarted");
    await expect(page.getByTestId("countdown")).toContainText(/00:(0\d|10)/);
    await snap(page, testInfo, "storefront-7-skewed-clock-countdown");

    // Watch the button until just before the start: it must stay shut all along.
    while (Date.now() < sale.startsAt.getTime() - 250) {
      expect(await buy.getAttribute("data-status"), `open ${sale.startsAt.getTime() - Date.now()} ms early`).toBe(
        "notStarted",
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await expect(buy).toHaveAttribute("data-status", "ready", { timeout: 5_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(sale.startsAt.getTime() - 100);
    await snap(page, testInfo, "storefront-8-skewed-clock-open");
  });
});

test.describe("visitors and edges", () => {
  test("a visitor is asked to sign in and comes back to the sale", async ({ page, shop }) => {
    const sale = await shop.createSale();
    await page.goto(`/sales/${sale.slug}`);
    const signIn = page.getByTestId("buy").getByRole("link", { name: "Sign in to buy" });
    await expect(signIn).toHaveAttribute("href", `/signin?callbackUrl=${encodeURIComponent(`/sales/${sale.slug}`)}`);
    const email = `visitor-${uniqueSuffix()}@stampede.test`;
    shop.forgetEmailAfterwards(email);
    await signIn.click();
    await page.locator("#dev-login-email").fill(email);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(new RegExp(`/sales/${sale.slug}$`));
    await expect(page.getByTestId("buy")).toHaveAttribute("data-status", "ready");
  });

  test("My orders sends visitors to sign in, and shows an empty state to a new shopper", async ({
    page,
    context,
    baseURL,
    shop,
  }, testInfo) => {
    await page.goto("/orders");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Forders$/);
    const shopper = await shop.createShopper();
    await signInWithCookie(context, baseURL!, shopper);
    await page.goto("/orders");
    await expect(page.getByRole("heading", { name: "No orders yet" })).toBeVisible();
    await snap(page, testInfo, "storefront-9-orders-empty");
  });

  test("an unknown sale shows a designed not-found page", async ({ page }, testInfo) => {
    const response = await page.goto(`/sales/no-such-sale-${uniqueSuffix()}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find that sale" })).toBeVisible();
    await snap(page, testInfo, "storefront-10-not-found");
  });

  test("the stock endpoint is cacheable by the CDN for a second", async ({ request, shop }) => {
    const sale = await shop.createSale({ totalStock: 7, taken: 2 });
    const response = await request.get(`/api/stock/${sale.id}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("public, max-age=0, s-maxage=1, stale-while-revalidate=1");
    expect(await response.json()).toMatchObject({ saleId: sale.id, stockLeft: 5, total: 7, state: "PUBLISHED" });
    expect((await request.get(`/api/stock/nope-${uniqueSuffix()}`)).status()).toBe(404);
  });

  test("pages fit a 360 px phone without sideways scrolling", async ({ page, shop }, testInfo) => {
    const sale = await shop.createSale({ startsInMs: 3_600_000 });
    await page.setViewportSize({ width: 360, height: 780 });
    for (const [name, path] of [
      ["storefront-11-home-360", "/"],
      ["storefront-12-sale-360", `/sales/${sale.slug}`],
    ] as const) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      await snap(page, testInfo, name);
    }
  });
});
