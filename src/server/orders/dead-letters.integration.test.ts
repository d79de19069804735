// QStash's dead letters through the admin's eyes, on the real local QStash: an order message for a
// shopper who does not exist is answered 489 (never retryable) and lands in the DLQ; the admin
// lists it for its sale, sends it again (it fails again and comes back under a new dlqId), and
// deletes it. Every action is audited; a dlqId that is gone is NOT_FOUND with a message.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newAdmin, errorOf } from "~/server/api/routers/admin/admin-testing";
import { publishOrderMessage } from "~/server/purchase/publish-order";
import { createArmedSale, eventually, uniqueId } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import type { OrderMessage } from "./order-message";
import { orderPublishTarget } from "./qstash-destinations";

const h = harnessForFile();

/** Publishes, through QStash, the order message of a shopper who has no account. */
async function publishGhostOrder(saleId: string): Promise<OrderMessage> {
  const message: OrderMessage = {
    v: 1,
    saleId,
    userId: uniqueId("ghost_"),
    reservationId: `rsv_${randomBytes(16).toString("hex")}`,
    reservedAt: Date.now(),
  };
  await publishOrderMessage(h.qstash, orderPublishTarget(h.clients.deployment), message);
  return message;
}

describe("dead letters", () => {
  it("lists a failed delivery for its sale, retries it (it fails again under a new id), deletes it; all audited", async () => {
    const sale = await createArmedSale(h.deps);
    const other = await createArmedSale(h.deps);
    const session = await newAdmin(h.db);
    const admin = h.caller(session).admin.monitor;

    const message = await publishGhostOrder(sale.id);
    await publishGhostOrder(other.id);

    const listed = async (saleId: string) => admin.deadLetters({ saleId });
    await eventually(async () => (await listed(sale.id)).length === 1, "the failed delivery in the DLQ");
    const [letter] = await listed(sale.id);
    expect(letter).toMatchObject({
      destination: "orders",
      saleId: sale.id,
      userId: message.userId,
      responseStatus: 489,
    });
    expect(letter!.lastAnswer).toContain(`User ${message.userId} does not exist.`);
    expect(letter!.deadAt).toBeGreaterThan(Date.now() - 60_000);
    // The other sale's dead letter is not this sale's.
    await eventually(async () => (await listed(other.id)).length === 1, "the other sale's dead letter");
    expect((await listed(sale.id)).map((row) => row.saleId)).toEqual([sale.id]);

    // Retry: QStash delivers it again now; it fails again and returns under a new dlqId.
    const retried = await admin.retryDeadLetter({ dlqId: letter!.dlqId });
    expect(retried.dlqId).toBe(letter!.dlqId);
    expect(retried.messageId).not.toBe(letter!.messageId);
    await eventually(async () => {
      const rows = await listed(sale.id);
      return rows.length === 1 && rows[0]!.dlqId !== letter!.dlqId;
    }, "the retried message back in the DLQ under a new id");
    const [again] = await listed(sale.id);
    expect(again).toMatchObject({ messageId: retried.messageId, userId: message.userId, responseStatus: 489 });

    // The old id is gone: retrying or deleting it says so.
    const gone = await errorOf(admin.retryDeadLetter({ dlqId: letter!.dlqId }));
    expect(gone.code).toBe("NOT_FOUND");
    expect(gone.message).toMatch(/no longer in QStash's queue/);

    await expect(admin.deleteDeadLetter({ dlqId: again!.dlqId })).resolves.toEqual({ dlqId: again!.dlqId });
    expect(await listed(sale.id)).toEqual([]);
    expect((await errorOf(admin.deleteDeadLetter({ dlqId: again!.dlqId }))).code).toBe("NOT_FOUND");

    const audit = await h.db.auditLog.findMany({
      where: { entityId: sale.id, action: { startsWith: "delivery." } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([
      ["delivery.retry", session.user.id],
      ["delivery.delete", session.user.id],
    ]);
    expect(audit[0]!.before).toMatchObject({ dlqId: letter!.dlqId, destination: "orders", responseStatus: 489 });
    expect(audit[0]!.after).toEqual({ messageId: retried.messageId });
    expect(audit[1]!.before).toMatchObject({ dlqId: again!.dlqId, messageId: retried.messageId });

    // Tidy the other sale's letter through the service itself.
    const [otherLetter] = await listed(other.id);
    await expect(h.services.deadLetters.delete(otherLetter!.dlqId, session.user.id)).resolves.toMatchObject({
      ok: true,
    });
  });

  it("refuses a malformed dlqId at the boundary", async () => {
    const admin = h.caller(await newAdmin(h.db)).admin.monitor;
    expect((await errorOf(admin.retryDeadLetter({ dlqId: "../../v2/dlq" }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(admin.deleteDeadLetter({ dlqId: "" }))).code).toBe("BAD_REQUEST");
  });
});
