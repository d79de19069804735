// The live monitor, watched in the browser while things happen: a storm of shoppers reserving
// (through tRPC over HTTP, as browsers would) makes the stock fall and reservations per second rise
// without a reload; a delivery that can never succeed (an order for a shopper who does not exist,
// published through the stack's QStash) shows up among the dead letters and is retried, audited;
// "+10 units" raises the stock. Screenshots and axe at 360 and 1280 px.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { Page } from "@playwright/test";
import { Client } from "@upstash/qstash";
import { z } from "zod";
import { signInWithCookie } from "./helpers/auth";
import { expect, test } from "./helpers/fixtures";
import { uniqueSuffix } from "./helpers/shop";
import { stackFileFor } from "./helpers/stack";
import { snapAndCheck } from "./helpers/viewports";
import { loadProjectEnv } from "../scripts/local-stack/env-file";
import { mintSessionToken } from "~/server/auth/session-token";
import { publishOrderMessage } from "~/server/purchase/publish-order";
import { QSTASH_PATHS } from "~/server/orders/qstash-destinations";

const STOCK = 200;
const SHOPPERS = 60;

/** The stack's QStash, as the app under test uses it (its URL and token from the stack file). */
function stackQStash(baseURL: string) {
  const file = z
    .object({
      appUrl: z.string(),
      namespace: z.string(),
      env: z.object({ QSTASH_URL: z.string(), QSTASH_TOKEN: z.string() }),
    })
    .parse(JSON.parse(readFileSync(stackFileFor(baseURL), "utf8")));
  const client = new Client({
    baseUrl: file.env.QSTASH_URL,
    token: file.env.QSTASH_TOKEN,
    retry: false,
    enableTelemetry: false,
    devMode: false,
  });
  return { client, appUrl: file.appUrl, namespace: file.namespace };
}

/**
 * Reserves as one shopper over IPv4 from a loopback address of its own choosing: the sale admits
 * five entries per /24, so a storm from one address would be turned away as one household.
 */
function reserveFrom(baseURL: string, from: string, cookie: string, saleId: string): Promise<string | number> {
  const { port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/trpc/purchase.reserve",
        method: "POST",
        localAddress: from,
        agent: false,
        headers: { "content-type": "application/json", cookie },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve(
            response.statusCode === 200
              ? 200
              : `${response.statusCode} ${Buffer.concat(chunks).toString().slice(0, 200)}`,
          ),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(JSON.stringify({ json: { saleId } }));
  });
}

/** Four shoppers to a /24, none sharing an address. */
const addressOf = (index: number) => `127.0.${40 + Math.floor(index / 4)}.${1 + (index % 4)}`;

const figure = (page: Page, testId: string) => page.getByTestId(testId).getAttribute("data-value").then(Number);

test("an admin watches a storm, retries a dead letter and adds stock on the live monitor", async ({
  page,
  context,
  baseURL,
  shop,
  stack,
}, testInfo) => {
  test.setTimeout(120_000);
  const sale = await shop.createSale({ totalStock: STOCK, title: `Monitor drop ${uniqueSuffix()}` });
  const adminEmail = `monitor-admin-${uniqueSuffix()}@stampede.test`;
  shop.forgetEmailAfterwards(adminEmail);
  const admin = await stack.db.user.create({ data: { email: adminEmail, role: "ADMIN" } });
  await signInWithCookie(context, baseURL!, {
    id: admin.id,
    email: adminEmail,
    role: "ADMIN",
    createdAt: admin.createdAt,
  });

  const suffix = uniqueSuffix();
  const emails = Array.from({ length: SHOPPERS }, (_, index) => `monitor-${suffix}-${index}@stampede.test`);
  for (const email of emails) shop.forgetEmailAfterwards(email);
  await stack.db.user.createMany({ data: emails.map((email) => ({ email, role: "SHOPPER" as const })) });
  const shoppers = await stack.db.user.findMany({
    where: { email: { in: emails } },
    select: { id: true, email: true, createdAt: true },
  });
  loadProjectEnv(process.cwd(), "production");
  const secret = process.env.AUTH_SECRET!;
  const cookies = await Promise.all(
    shoppers.map(async (shopper) => {
      const token = await mintSessionToken({ ...shopper, role: "SHOPPER" }, secret);
      return `${token.cookieName}=${token.value}`;
    }),
  );

  // The admin opens the monitor: full stock, nothing reserved yet.
  await page.goto(`/admin/sales/${sale.id}/monitor`);
  await expect(page.getByRole("heading", { level: 1, name: "Live monitor" })).toBeVisible();
  await expect(page.getByTestId("monitor-stock")).toHaveAttribute("data-value", String(STOCK));
  await expect(page.getByTestId("monitor-reservations-peak")).toHaveAttribute("data-value", "0");
  await expect(page.getByTestId("dead-letters-empty")).toBeVisible();
  await page.evaluate(() => Object.assign(window, { monitorNotReloaded: true }));

  // The storm: every shopper once, in waves over about three seconds.
  const storm = (async () => {
    const statuses: Array<number | string> = [];
    for (let wave = 0; wave < 6; wave++) {
      const batch = cookies.slice(wave * 10, wave * 10 + 10);
      statuses.push(
        ...(await Promise.all(
          batch.map((cookie, index) => reserveFrom(baseURL!, addressOf(wave * 10 + index), cookie, sale.id)),
        )),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return statuses;
  })();

  // Without a reload, the stock falls and the reservations per second rise.
  await expect.poll(() => figure(page, "monitor-reservations-peak"), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => figure(page, "monitor-stock"), { timeout: 15_000 }).toBeLessThan(STOCK);
  const statuses = await storm;
  expect(statuses.filter((status) => status !== 200)).toEqual([]);
  await expect(page.getByTestId("monitor-stock")).toHaveAttribute("data-value", String(STOCK - SHOPPERS), {
    timeout: 10_000,
  });
  await expect.poll(() => figure(page, "monitor-reservations-window"), { timeout: 10_000 }).toBe(SHOPPERS);
  expect(await page.evaluate(() => (window as { monitorNotReloaded?: boolean }).monitorNotReloaded)).toBe(true);

  // A delivery that can never succeed: an order for a shopper with no account → 489 → the DLQ.
  const qstash = stackQStash(baseURL!);
  const ghost = `ghost_${randomBytes(6).toString("hex")}`;
  await publishOrderMessage(
    qstash.client,
    {
      namespace: qstash.namespace,
      orderCallbackUrl: `${qstash.appUrl}${QSTASH_PATHS.orders}`,
      failureCallbackUrl: `${qstash.appUrl}${QSTASH_PATHS.failures}`,
      holdExpiryUrl: `${qstash.appUrl}${QSTASH_PATHS.holds}`,
    },
    {
      v: 1,
      saleId: sale.id,
      userId: ghost,
      reservationId: `rsv_${randomBytes(16).toString("hex")}`,
      reservedAt: Date.now(),
    },
  );
  const rows = page.getByTestId("dead-letter-row");
  await expect(rows).toHaveCount(1, { timeout: 20_000 });
  await expect(rows.first()).toContainText(ghost);
  await expect(rows.first()).toContainText("489");
  const firstId = (await rows.first().getAttribute("data-dlq-id"))!;
  await expect(page.getByTestId("monitor-dead-lettered")).not.toHaveAttribute("data-value", "0", { timeout: 10_000 });

  // The dead letters at both widths, checked by axe.
  const withLetter = await snapAndCheck(page, testInfo, "monitor-dead-letter");
  expect(withLetter).toEqual({ "360": [], "1280": [] });

  // Retry: sent again now; it fails again and comes back under a new id.
  await rows
    .first()
    .getByRole("button", { name: /^Retry/ })
    .click();
  await expect(page.getByTestId("dead-letter-notice")).toContainText("Sent again as message");
  await expect(page.locator(`[data-dlq-id="${firstId}"]`)).toHaveCount(0, { timeout: 10_000 });
  await expect(rows).toHaveCount(1, { timeout: 20_000 });
  expect(await rows.first().getAttribute("data-dlq-id")).not.toBe(firstId);
  const audit = await stack.db.auditLog.findFirst({ where: { entityId: sale.id, action: "delivery.retry" } });
  expect(audit).toMatchObject({
    actorId: admin.id,
    before: expect.objectContaining({ dlqId: firstId, userId: ghost }),
  });

  // +10 units: the total and the stock left rise at once.
  await page.getByRole("button", { name: "+10 units" }).click();
  await expect(page.getByTestId("stock-result")).toHaveText(
    `Stock is now ${STOCK + 10} units (was ${STOCK}). ${STOCK + 10 - SHOPPERS} left to sell.`,
  );
  await expect(page.getByTestId("monitor-total-stock")).toHaveAttribute("data-value", String(STOCK + 10));
  await expect(page.getByTestId("monitor-stock")).toHaveAttribute("data-value", String(STOCK + 10 - SHOPPERS), {
    timeout: 10_000,
  });
  expect(await stack.db.auditLog.count({ where: { entityId: sale.id, action: "sale.stock_adjust" } })).toBe(1);

  // At 360 px nothing widens the page: wide tables scroll inside their own box.
  await page.setViewportSize({ width: 360, height: 780 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const monitor = await snapAndCheck(page, testInfo, "monitor");
  expect(monitor).toEqual({ "360": [], "1280": [] });

  // Delete, behind its confirmation: the table empties.
  await rows
    .first()
    .getByRole("button", { name: /^Delete/ })
    .click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete dead letter" }).click();
  await expect(page.getByTestId("dead-letters-empty")).toBeVisible({ timeout: 10_000 });

  // The editor's header is live too: one more reservation shows without a reload.
  await page.goto(`/admin/sales/${sale.id}`);
  const stockBefore = Number(await page.getByTestId("live-stock").getAttribute("data-stock-left"));
  const extra = await shop.createShopper();
  const token = await mintSessionToken({ ...extra, role: "SHOPPER" }, secret);
  const reserved = await reserveFrom(baseURL!, addressOf(SHOPPERS), `${token.cookieName}=${token.value}`, sale.id);
  expect(reserved).toBe(200);
  await expect(page.getByTestId("live-stock")).toHaveAttribute("data-stock-left", String(stockBefore - 1), {
    timeout: 10_000,
  });
  await expect(page.getByRole("link", { name: "Live monitor" })).toHaveAttribute(
    "href",
    `/admin/sales/${sale.id}/monitor`,
  );
});
