// A fair draw's start message follows the admin's saves: the admin domain knows nothing of QStash,
// so the composition point hands it this wrapper (see ~/server/services).
import type { Logger } from "~/server/logger";
import type { AdminService } from "~/server/sales/admin/admin-service";
import type { FairDrawService } from "./lobby-service";

/**
 * The admin service, with one addition: after a sale is created, saved or changes state, a fair
 * draw that is published and not drawn gets its start message (not-before = the start; one per
 * sale and start, so saving again adds none). Best effort: status polls, reserves and the
 * reconciler also run a draw that is due.
 */
export function schedulingDraws(admin: AdminService, lobby: FairDrawService, logger: Logger): AdminService {
  const schedule = async (saleId: string) => {
    try {
      await lobby.scheduleDraw(saleId);
    } catch (error) {
      logger.warn("draw.schedule_failed", {
        saleId,
        message: error instanceof Error ? error.message.split("\n")[0] : String(error),
      });
    }
  };
  return {
    ...admin,
    async create(actorId, values) {
      const result = await admin.create(actorId, values);
      if (result.ok) await schedule(result.value.id);
      return result;
    },
    async update(actorId, id, values) {
      const result = await admin.update(actorId, id, values);
      if (result.ok) await schedule(id);
      return result;
    },
    async changeState(actorId, id, change) {
      const result = await admin.changeState(actorId, id, change);
      if (result.ok) await schedule(id);
      return result;
    },
  };
}
