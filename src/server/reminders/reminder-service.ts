// Reminders of an upcoming sale: a shopper asks once (SaleReminder row); when email is configured a
// QStash message is scheduled for the opening moment and its delivery emails them, once. Without
// email the row still records the wish and the page offers the calendar file instead.
import type { Client as QStashClient } from "@upstash/qstash";
import { lobbyOpensAt } from "~/lib/sale";
import type { DatabaseClient } from "~/server/db";
import type { Logger } from "~/server/logger";
import type { ReminderPublishTarget } from "~/server/orders/qstash-destinations";
import type { Mailer } from "./mailer";
import { reminderEmail } from "./reminder-email";
import { publishReminder, type ReminderMessage } from "./reminder-message";

export interface ReminderDeps {
  db: DatabaseClient;
  qstash: QStashClient;
  logger: Logger;
  /** Null where email is not configured. */
  mailer: Mailer | null;
  target: () => ReminderPublishTarget;
  now?: () => Date;
}

export type SetReminderOutcome =
  { ok: true; email: boolean; opensAt: Date } | { ok: false; reason: "UNKNOWN_SALE" | "NOT_UPCOMING" };

export type ReminderDelivery =
  | "SENT"
  | "ALREADY_SENT"
  | "NO_REMINDER"
  /** Cancelled, ended, paused or moved since the reminder was set: nothing to remind of. */
  | "SALE_CHANGED"
  | "EMAIL_DISABLED";

const reminderSaleSelect = {
  id: true,
  slug: true,
  title: true,
  state: true,
  startsAt: true,
  openingMode: true,
  lobbyMinutes: true,
} as const;

/** The moment a reminder is for: the start, or a fair draw's lobby opening (the draw is at the start). */
function opensAtOf(sale: { openingMode: "FIRST_COME" | "FAIR_DRAW"; startsAt: Date; lobbyMinutes: number }): Date {
  return lobbyOpensAt(sale) ?? sale.startsAt;
}

export function createReminderService(deps: ReminderDeps) {
  const now = deps.now ?? (() => new Date());

  return {
    /** Whether a reminder can come by email here (the page offers only the calendar file otherwise). */
    emailEnabled: deps.mailer !== null,

    /** Records the reminder and schedules its email; setting it again changes nothing. */
    async set({ saleId, userId }: { saleId: string; userId: string }): Promise<SetReminderOutcome> {
      const sale = await deps.db.sale.findUnique({ where: { id: saleId }, select: reminderSaleSelect });
      if (!sale || sale.state === "DRAFT" || sale.state === "ARCHIVED") return { ok: false, reason: "UNKNOWN_SALE" };
      const opensAt = opensAtOf(sale);
      if (sale.state !== "PUBLISHED" || opensAt <= now()) return { ok: false, reason: "NOT_UPCOMING" };

      await deps.db.saleReminder.upsert({
        where: { saleId_userId: { saleId, userId } },
        create: { saleId, userId },
        update: {},
      });
      if (!deps.mailer) return { ok: true, email: false, opensAt };

      // QStash keeps one message per deduplication id (sale, shopper, opening second), so a second
      // call — a double click, another tab — publishes nothing new.
      const messageId = await publishReminder(deps.qstash, deps.target(), {
        v: 1,
        saleId,
        userId,
        opensAt: opensAt.getTime(),
      });
      await deps.db.saleReminder.update({ where: { saleId_userId: { saleId, userId } }, data: { messageId } });
      deps.logger.info("reminder.scheduled", { saleId, messageId, opensAt: opensAt.toISOString() });
      return { ok: true, email: true, opensAt };
    },

    /** This shopper's reminder for the sale, if they set one. */
    async status({ saleId, userId }: { saleId: string; userId: string }) {
      const row = await deps.db.saleReminder.findUnique({
        where: { saleId_userId: { saleId, userId } },
        select: { createdAt: true, sentAt: true, messageId: true },
      });
      return row ? { setAt: row.createdAt, sentAt: row.sentAt, email: row.messageId !== null } : null;
    },

    /**
     * The scheduled delivery: email the shopper once. The row is claimed (sentAt set) before sending,
     * so two deliveries at once send one email; a failed send gives the claim back and throws, so
     * QStash retries.
     */
    async deliver(message: ReminderMessage): Promise<ReminderDelivery> {
      const { saleId, userId } = message;
      if (!deps.mailer) return "EMAIL_DISABLED";
      const reminder = await deps.db.saleReminder.findUnique({
        where: { saleId_userId: { saleId, userId } },
        select: { sentAt: true, user: { select: { email: true } }, sale: { select: reminderSaleSelect } },
      });
      if (!reminder) return "NO_REMINDER";
      if (reminder.sentAt) return "ALREADY_SENT";
      const { sale } = reminder;
      if (sale.state !== "PUBLISHED" || opensAtOf(sale).getTime() !== message.opensAt) return "SALE_CHANGED";

      const sentAt = now();
      const claimed = await deps.db.saleReminder.updateMany({
        where: { saleId, userId, sentAt: null },
        data: { sentAt },
      });
      if (claimed.count === 0) return "ALREADY_SENT";
      try {
        const url = `${deps.target().siteUrl}/sales/${encodeURIComponent(sale.slug)}`;
        await deps.mailer.send(
          reminderEmail({
            to: reminder.user.email,
            title: sale.title,
            url,
            fairDraw: sale.openingMode === "FAIR_DRAW",
          }),
        );
      } catch (error) {
        await deps.db.saleReminder.updateMany({ where: { saleId, userId, sentAt }, data: { sentAt: null } });
        throw error;
      }
      deps.logger.info("reminder.sent", { saleId });
      return "SENT";
    },
  };
}

export type ReminderService = ReturnType<typeof createReminderService>;
