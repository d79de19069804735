// Checkout in a real browser against the production build and the built-in test payment provider:
// a winner pays and the order is paid; a declined card, then a good one; and a hold that runs out
// goes to the next shopper in line, whose open page shows the offer without a reload.
import type { Page } from "@playwright/test";
import { armSaleInRedis } from "~/server/inventory/arm-sale";
import { signInWithCookie } from "./helpers/auth";
import { expect, test } from "./helpers/fixtures";
import { snap } from "./helpers/screens";
import type { E2eStack } from "./helpers/stack";

const SUCCESS_CARD = "4242 4242 4242 4242";
const DECLINED_CARD = "4000 0000 0000 0002";

/** Sales whose payment records go before the shop fixture removes their orders. */
const paidSales: string[] = [];

test.afterEach(async ({ stack }) => {
  // Checkout pages and payments are records of an order, kept by the database against deletion.
  const where = { order: { saleId: { in: paidSales.splice(0) } } };
  await stack.db.payment.deleteMany({ where });
  await stack.db.checkoutSession.deleteMany({ where });
});

/** Gives a sale its own checkout settings, in Postgres and in the Redis state the scripts read. */
async function setCheckout(
  stack: E2eStack,
  saleId: string,
  settings: { holdSeconds: number; offerSeconds: number; waitlistEnabled: boolean },
): Promise<void> {
  const sale = await stack.db.sale.update({ where: { id: saleId }, data: settings });
  await armSaleInRedis(stack.redis, stack.namespace, sale, []);
}

async function storedStatus(stack: E2eStack, saleId: string, userId: string): Promise<string | null> {
  const order = await stack.db.order.findUnique({ where: { saleId_userId: { saleId, userId } } });
  return order?.status ?? null;
}

/** On the test provider's page: types the card and pays. */
async function payOnTestCheckout(page: Page, card: string): Promise<void> {
  await expect(page).toHaveURL(/\/checkout\/test\//, { timeout: 30_000 });
  await page.getByLabel("Card number").fill(card);
  await page.getByRole("button", { name: "Pay $42.00" }).click();
}

async function reserve(page: Page, slug: string): Promise<string> {
  await page.goto(`/sales/${slug}`);
  const buy = page.getByTestId("buy");
  await expect(buy).toHaveAttribute("data-status", "ready");
  await buy.getByRole("button", { name: "Buy now · $42.00" }).click();
  await expect(buy).toHaveAttribute("data-status", "held", { timeout: 15_000 });
  const orderNumber = (await page.getByTestId("order-number").textContent()) ?? "";
  expect(orderNumber).toMatch(/^SP-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  return orderNumber;
}

test.describe("paying for a hold", () => {
  test("a winner's unit is held with a timer, they pay with a test card, and the order is paid", async ({
    page,
    context,
    baseURL,
    shop,
    stack,
  }, testInfo) => {
    test.setTimeout(90_000);
    const shopper = await shop.createShopper();
    const sale = await shop.createSale({ totalStock: 3 });
    paidSales.push(sale.id);
    await signInWithCookie(context, baseURL!, shopper);

    const orderNumber = await reserve(page, sale.slug);
    const checkout = page.getByTestId("checkout");
    await expect(checkout).toHaveAttribute("data-kind", "RESERVATION");
    await expect(checkout.getByRole("heading")).toHaveText("Held for you. Pay within");
    await expect(page.getByTestId("hold-countdown")).toContainText(/10:00|09:[0-5]\d/);
    await expect(page.getByTestId("amount")).toHaveText("$42.00");
    await expect(page.getByTestId("announcer")).toHaveText(
      "Reserved! It's held for you for 10 minutes. Pay to make it yours.",
    );
    // Postgres learns of the hold from the order callback, moments after the shopper.
    await expect.poll(() => storedStatus(stack, sale.id, shopper.id), { timeout: 15_000 }).toBe("HELD");
    await snap(page, testInfo, "checkout-1-held");

    await page.getByRole("button", { name: "Pay now · $42.00" }).click();
    await payOnTestCheckout(page, SUCCESS_CARD);

    // Back on the sale page; the provider's return marker is dropped once read.
    await expect(page).toHaveURL(new RegExp(`/sales/${sale.slug}$`), { timeout: 15_000 });
    const buy = page.getByTestId("buy");
    await expect(buy).toHaveAttribute("data-status", "paid", { timeout: 15_000 });
    await expect(page.getByRole("heading", { name: "Paid — it's yours!" })).toBeVisible();
    await expect(page.getByTestId("order-number")).toHaveText(orderNumber);
    await expect.poll(() => storedStatus(stack, sale.id, shopper.id), { timeout: 15_000 }).toBe("PAID");
    await snap(page, testInfo, "checkout-2-paid");

    await page.getByTestId("outcome").getByRole("link", { name: "My orders" }).click();
    await expect(page).toHaveURL(/\/orders$/, { timeout: 15_000 });
    const row = page.getByTestId("order").filter({ hasText: sale.title });
    await expect(row).toHaveAttribute("data-status", "PAID");
    await expect(row).toContainText("Paid");
    await expect(row.getByTestId("order-number")).toHaveText(orderNumber);
    await snap(page, testInfo, "checkout-3-my-orders");
  });

  test("a declined card is reported on the sale page with the hold still running, and a retry pays", async ({
    page,
    context,
    baseURL,
    shop,
    stack,
  }, testInfo) => {
    test.setTimeout(90_000);
    const shopper = await shop.createShopper();
    const sale = await shop.createSale({ totalStock: 3 });
    paidSales.push(sale.id);
    await signInWithCookie(context, baseURL!, shopper);
    const orderNumber = await reserve(page, sale.slug);

    await page.getByRole("button", { name: "Pay now · $42.00" }).click();
    await payOnTestCheckout(page, DECLINED_CARD);
    await expect(page.locator("#card-error")).toContainText("declined");
    await page.getByRole("link", { name: "Cancel and return" }).click();

    const buy = page.getByTestId("buy");
    await expect(buy).toHaveAttribute("data-status", "held", { timeout: 15_000 });
    await expect(page.getByTestId("checkout-notice")).toContainText("Your card was declined — try again", {
      timeout: 10_000,
    });
    await expect(page.getByTestId("hold-countdown")).toContainText(/0\d:[0-5]\d/);
    await snap(page, testInfo, "checkout-4-declined");

    await page.getByRole("button", { name: "Try again · $42.00" }).click();
    await payOnTestCheckout(page, SUCCESS_CARD);
    await expect(buy).toHaveAttribute("data-status", "paid", { timeout: 15_000 });
    await expect(page.getByTestId("order-number")).toHaveText(orderNumber);
    await expect.poll(() => storedStatus(stack, sale.id, shopper.id), { timeout: 15_000 }).toBe("PAID");
  });
});

test.describe("the waitlist", () => {
  test("a hold that runs out is offered to the next shopper in line, on their open page, and they pay", async ({
    browser,
    baseURL,
    shop,
    stack,
  }, testInfo) => {
    test.setTimeout(120_000);
    const [holder, waiter] = [await shop.createShopper(), await shop.createShopper()];
    const sale = await shop.createSale({ totalStock: 1 });
    paidSales.push(sale.id);
    await setCheckout(stack, sale.id, { holdSeconds: 20, offerSeconds: 120, waitlistEnabled: true });

    const holderContext = await browser.newContext();
    await signInWithCookie(holderContext, baseURL!, holder);
    const holderPage = await holderContext.newPage();
    await reserve(holderPage, sale.slug);

    const waiterContext = await browser.newContext();
    await signInWithCookie(waiterContext, baseURL!, waiter);
    const waiterPage = await waiterContext.newPage();
    await waiterPage.goto(`/sales/${sale.slug}`);
    const waiterBuy = waiterPage.getByTestId("buy");
    await expect(waiterBuy).toHaveAttribute("data-status", "soldOut");
    await waiterBuy.getByRole("button", { name: "Join the waitlist" }).click();
    await expect(waiterBuy).toHaveAttribute("data-status", "waitlisted", { timeout: 15_000 });
    await expect(waiterPage.getByTestId("waitlist-position")).toHaveText(
      /^You're next in line — a unit reaching you is (likely|possible|unlikely)\.$/,
    );
    await expect(waiterPage.getByTestId("waitlist-waiting")).toHaveText("1");
    await snap(waiterPage, testInfo, "checkout-5-waitlisted");
    // Proof that what follows reaches this very page, not a reloaded one.
    await waiterPage.evaluate(() => {
      (window as unknown as { samePage: boolean }).samePage = true;
    });

    // The holder does not pay: their hold runs out and the unit is offered to the waiter.
    await expect(waiterBuy).toHaveAttribute("data-status", "held", { timeout: 45_000 });
    const offer = waiterPage.getByTestId("checkout");
    await expect(offer).toHaveAttribute("data-kind", "OFFER");
    await expect(offer.getByRole("heading")).toHaveText("A unit is yours if you pay within");
    await expect(waiterPage.getByTestId("hold-countdown")).toContainText(/0[12]:[0-5]\d/);
    await expect(waiterPage.getByTestId("urgent-announcer")).toHaveText(
      /^Good news: a unit came free\. It's yours if you pay within/,
    );
    expect(await waiterPage.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
    await snap(waiterPage, testInfo, "checkout-6-offer");

    const holderBuy = holderPage.getByTestId("buy");
    await expect(holderBuy).toHaveAttribute("data-status", "expired", { timeout: 15_000 });
    await expect(holderPage.getByRole("heading", { name: "Your hold ran out" })).toBeVisible();
    await snap(holderPage, testInfo, "checkout-7-expired");

    await waiterPage.getByRole("button", { name: "Pay now · $42.00" }).click();
    await payOnTestCheckout(waiterPage, SUCCESS_CARD);
    await expect(waiterBuy).toHaveAttribute("data-status", "paid", { timeout: 15_000 });
    await expect.poll(() => storedStatus(stack, sale.id, waiter.id), { timeout: 15_000 }).toBe("PAID");
    await expect.poll(() => storedStatus(stack, sale.id, holder.id), { timeout: 15_000 }).toBe("EXPIRED");
    await holderContext.close();
    await waiterContext.close();
  });
});
