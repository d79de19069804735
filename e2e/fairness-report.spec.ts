// The fairness report in a real browser against the production build: a fair-draw sale whose lobby
// had four shoppers from their own networks and devices and a bot of four accounts on one network
// and one device; the draw runs at the start (set off by an entrant's open page), and an admin reads
// the report: the draw's checks, where the units went, the bot's device flagged, the refusals.
// Photographed at 360 and 1280 px and checked with axe.
import { enterLobby } from "~/server/inventory/enter-lobby";
import { admissionPolicy } from "~/server/ratelimit";
import { signInWithCookie } from "./helpers/auth";
import { expect, test } from "./helpers/fixtures";
import { snapAndCheck } from "./helpers/viewports";

const HONEST = 4;
const BOT_ACCOUNTS = 4;

test("an admin reads a drawn sale's fairness report, with the bot's device flagged", async ({
  browser,
  baseURL,
  shop,
  stack,
}, testInfo) => {
  test.setTimeout(90_000);
  const sale = await shop.createSale({ openingMode: "FAIR_DRAW", totalStock: 2, startsInMs: 6_000, lobbyMinutes: 10 });
  const shoppers = await Promise.all(Array.from({ length: HONEST + BOT_ACCOUNTS }, () => shop.createShopper()));
  // Entries as the lobby service makes them, with the origin each request would carry.
  const answers = [];
  for (const [index, shopper] of shoppers.entries()) {
    const bot = index >= HONEST;
    answers.push(
      await enterLobby(stack.redis, {
        namespace: stack.namespace,
        saleId: sale.id,
        userId: shopper.id,
        admission: {
          challengeId: null,
          challengeExpiresAt: 0,
          addressBlock: bot ? "203.0.113.0/24" : `198.51.${index}.0/24`,
          deviceId: bot ? "bot-device" : `device-${index}`,
          accountCreatedAt: Date.now() - 86_400_000,
          perBlock: admissionPolicy.entriesPerBlock,
          perDevice: admissionPolicy.entriesPerDevice,
        },
      }),
    );
  }
  const refused = answers.filter((answer) => !answer.ok);
  expect(refused).toHaveLength(BOT_ACCOUNTS - admissionPolicy.entriesPerDevice);

  // At the start, an entrant's open page asks for its status, which runs the draw.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, sale.startsAt.getTime() - Date.now() + 300)));
  const entrant = await browser.newContext();
  await signInWithCookie(entrant, baseURL!, shoppers[0]!);
  const entrantPage = await entrant.newPage();
  await entrantPage.goto(`/sales/${sale.slug}`);
  await expect(entrantPage.getByTestId("buy")).toHaveAttribute("data-status", /held|waitlisted/, { timeout: 30_000 });
  await entrant.close();

  const admin = await stack.db.user.create({ data: { email: `admin-${Date.now()}@stampede.test`, role: "ADMIN" } });
  const context = await browser.newContext();
  await signInWithCookie(context, baseURL!, { id: admin.id, email: admin.email, role: "ADMIN" });
  const page = await context.newPage();
  await page.goto(`/admin/sales/${sale.id}/fairness`);
  await expect(page.getByRole("heading", { name: "Fairness report" })).toBeVisible();
  await expect(
    page.getByText(/Sorting the \d+ tokens by sha1\(seed\|token\) gives exactly the recorded positions/),
  ).toBeVisible();
  await expect(page.getByText("bot-device").first()).toBeVisible();
  await expect(page.getByText("Looks automated").first()).toBeVisible();
  expect(await snapAndCheck(page, testInfo, "fairness-report")).toEqual({ "360": [], "1280": [] });
  await context.close();
  await stack.db.user.delete({ where: { id: admin.id } });
});
