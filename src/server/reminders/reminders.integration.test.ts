// Sale reminders on the real stack: setting one schedules a QStash message for the opening (the
// local QStash holds it until then), its delivery through the signed route emails the shopper once
// through the mail transport, and a delivery for a sale that moved, ended or was paused sends
// nothing. The transport is a recording one behind the same Mailer interface the SMTP one fills.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deployment } from "~/server/deployment/deployment";
import { QSTASH_PATHS } from "~/server/orders/qstash-destinations";
import { createServices, type Services } from "~/server/services";
import { createQStashRoutes } from "~/server/webhooks/qstash-routes";
import { createArmedSale, createUsers, eventually } from "~/testing/fixtures";
import { harnessForFile, TEST_TUNINGS } from "~/testing/harness";
import { serveRoutes, type ServedRoutes } from "~/testing/serve-routes";
import { signLikeQStash } from "~/testing/sign-qstash";
import type { EmailMessage, Mailer } from "./mailer";
import type { ReminderMessage } from "./reminder-message";

const h = harnessForFile();

/** Records what would have been sent; `failNext` makes the next sends throw, as an SMTP outage would. */
function recordingMailer() {
  const sent: EmailMessage[] = [];
  let failures = 0;
  const mailer: Mailer & { sent: EmailMessage[]; failNext(times: number): void } = {
    sent,
    failNext(times) {
      failures = times;
    },
    async send(message) {
      if (failures > 0) {
        failures--;
        throw new Error("SMTP server unavailable");
      }
      sent.push(message);
    },
  };
  return mailer;
}

const mailer = recordingMailer();
let services: Services;
let served: ServedRoutes;
let publicUrl = "";

beforeAll(async () => {
  const deployment: Deployment = {
    namespace: h.namespace,
    get publicUrl() {
      return publicUrl;
    },
  };
  services = createServices({ ...h.clients, deployment, mailer }, TEST_TUNINGS);
  const routes = createQStashRoutes(services, h.receiver, () => publicUrl);
  served = await serveRoutes({ [QSTASH_PATHS.reminders]: routes.reminders });
  publicUrl = served.url;
});

afterAll(async () => {
  await served.close();
});

/** Delivers a message straight to the route, signed as QStash signs it (a redelivery, say). */
async function deliver(message: ReminderMessage): Promise<{ status: number; body: unknown }> {
  const url = `${publicUrl}${QSTASH_PATHS.reminders}`;
  const body = JSON.stringify(message);
  const signature = signLikeQStash({ key: h.stack.QSTASH_CURRENT_SIGNING_KEY, url, body });
  const response = await fetch(url, { method: "POST", body, headers: { "Upstash-Signature": signature } });
  return { status: response.status, body: await response.json() };
}

const sentTo = (email: string) => mailer.sent.filter((message) => message.to === email);

describe("a reminder by email", () => {
  it("is scheduled for the start, and the delivery at the start emails the shopper once", async () => {
    const [shopper] = await createUsers(h.db, 1);
    const startsAt = new Date(Date.now() + 3_000);
    const sale = await createArmedSale(h.deps, { startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) });

    const first = await services.reminders.set({ saleId: sale.id, userId: shopper!.id });
    expect(first).toEqual({ ok: true, email: true, opensAt: startsAt });
    // Again (another tab, a double click): the same row, no second message.
    expect(await services.reminders.set({ saleId: sale.id, userId: shopper!.id })).toEqual(first);
    const row = await h.db.saleReminder.findUniqueOrThrow({
      where: { saleId_userId: { saleId: sale.id, userId: shopper!.id } },
    });
    expect(row.messageId).toBeTruthy();
    expect(row.sentAt).toBeNull();

    // Nothing before the start: QStash holds the message until its not-before.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(Date.now()).toBeLessThan(startsAt.getTime());
    expect(sentTo(shopper!.email)).toEqual([]);

    await eventually(async () => sentTo(shopper!.email).length > 0, "the reminder email", 20_000);
    expect(Date.now()).toBeGreaterThanOrEqual(startsAt.getTime() - 1_000);
    const [email] = sentTo(shopper!.email);
    expect(email!.subject).toBe(`${sale.title} is on sale now`);
    expect(email!.text).toContain(`${publicUrl}/sales/${sale.slug}`);
    const sent = await h.db.saleReminder.findUniqueOrThrow({
      where: { saleId_userId: { saleId: sale.id, userId: shopper!.id } },
    });
    expect(sent.sentAt).not.toBeNull();

    // A redelivery of the same message sends nothing more.
    const again = await deliver({ v: 1, saleId: sale.id, userId: shopper!.id, opensAt: startsAt.getTime() });
    expect(again).toEqual({ status: 200, body: { result: "ALREADY_SENT" } });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sentTo(shopper!.email)).toHaveLength(1);
  });

  it("sends nothing for a sale that was moved, ended or paused since, and answers 200", async () => {
    const [shopper] = await createUsers(h.db, 1);
    const startsAt = new Date(Date.now() + 60_000);
    const cases = [
      { change: { startsAt: new Date(startsAt.getTime() + 600_000) } },
      { change: { state: "ENDED" as const } },
      { change: { state: "PAUSED" as const } },
    ];
    for (const { change } of cases) {
      const sale = await createArmedSale(h.deps, { startsAt });
      expect((await services.reminders.set({ saleId: sale.id, userId: shopper!.id })).ok).toBe(true);
      await h.db.sale.update({ where: { id: sale.id }, data: change });
      const answer = await deliver({ v: 1, saleId: sale.id, userId: shopper!.id, opensAt: startsAt.getTime() });
      expect(answer).toEqual({ status: 200, body: { result: "SALE_CHANGED" } });
    }
    expect(sentTo(shopper!.email)).toEqual([]);
  });

  it("a failed send answers 503 and leaves the reminder unsent, so QStash's retry sends it", async () => {
    const [shopper] = await createUsers(h.db, 1);
    const startsAt = new Date(Date.now() + 60_000);
    const sale = await createArmedSale(h.deps, { startsAt });
    await services.reminders.set({ saleId: sale.id, userId: shopper!.id });
    const message = { v: 1 as const, saleId: sale.id, userId: shopper!.id, opensAt: startsAt.getTime() };

    mailer.failNext(1);
    expect((await deliver(message)).status).toBe(503);
    const row = await h.db.saleReminder.findUniqueOrThrow({
      where: { saleId_userId: { saleId: sale.id, userId: shopper!.id } },
    });
    expect(row.sentAt).toBeNull();

    expect(await deliver(message)).toEqual({ status: 200, body: { result: "SENT" } });
    expect(sentTo(shopper!.email)).toHaveLength(1);
  });

  it("refuses a malformed message as non-retryable, and an unsigned one", async () => {
    const url = `${publicUrl}${QSTASH_PATHS.reminders}`;
    const body = JSON.stringify({ v: 1, saleId: "x" });
    const signature = signLikeQStash({ key: h.stack.QSTASH_CURRENT_SIGNING_KEY, url, body });
    expect((await fetch(url, { method: "POST", body, headers: { "Upstash-Signature": signature } })).status).toBe(489);
    expect((await fetch(url, { method: "POST", body })).status).toBe(401);
  });
});

describe("setting a reminder", () => {
  it("is refused for a sale that has opened, and for one that does not exist", async () => {
    const [shopper] = await createUsers(h.db, 1);
    const running = await createArmedSale(h.deps);
    expect(await services.reminders.set({ saleId: running.id, userId: shopper!.id })).toEqual({
      ok: false,
      reason: "NOT_UPCOMING",
    });
    expect(await services.reminders.set({ saleId: "no-such-sale", userId: shopper!.id })).toEqual({
      ok: false,
      reason: "UNKNOWN_SALE",
    });
  });

  it("without email configured, records the wish and schedules nothing", async () => {
    const [shopper] = await createUsers(h.db, 1);
    const startsAt = new Date(Date.now() + 60_000);
    const sale = await createArmedSale(h.deps, { startsAt });
    // The harness's own services are built without a mailer, as the app is without EMAIL_SERVER.
    expect(h.services.reminders.emailEnabled).toBe(false);
    expect(await h.services.reminders.set({ saleId: sale.id, userId: shopper!.id })).toEqual({
      ok: true,
      email: false,
      opensAt: startsAt,
    });
    expect(await h.services.reminders.status({ saleId: sale.id, userId: shopper!.id })).toMatchObject({
      email: false,
      sentAt: null,
    });
  });

  it("for a fair draw, reminds at the lobby's opening (the draw is at the start)", async () => {
    const [shopper] = await createUsers(h.db, 1);
    const startsAt = new Date(Date.now() + 3_600_000);
    const sale = await createArmedSale(h.deps, { startsAt, openingMode: "FAIR_DRAW", lobbyMinutes: 30 });
    const outcome = await services.reminders.set({ saleId: sale.id, userId: shopper!.id });
    expect(outcome).toEqual({ ok: true, email: true, opensAt: new Date(startsAt.getTime() - 30 * 60_000) });
  });
});
