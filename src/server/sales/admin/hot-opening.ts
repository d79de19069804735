// A sale's opening settings as Redis applies them: the mode, the lobby's length, the draw's seed
// and commitment, whether a challenge is asked, the minimum account age. Sent with every save of a
// published sale, like the checkout settings: once the draw ran Redis keeps the mode, seed and
// commitment it drew with, and the editor refuses those changes before they get here anyway.
import type { DatabaseClient } from "~/server/db";
import type { HotChange } from "~/server/inventory/hot-state";
import type { AdminSaleRecord } from "./sale-record";

type OpeningColumns = Pick<AdminSaleRecord, "openingMode" | "lobbyMinutes" | "challengeCost" | "minAccountAgeDays">;

export async function openingOf(db: DatabaseClient, saleId: string, sale: OpeningColumns): Promise<HotChange> {
  // The seed is read only here, where Redis needs it to run the draw; no admin view carries it.
  const secret =
    sale.openingMode === "FAIR_DRAW"
      ? await db.sale.findUnique({ where: { id: saleId }, select: { drawSeed: true, drawCommitment: true } })
      : null;
  return {
    openingMode: sale.openingMode,
    lobbyMinutes: sale.lobbyMinutes,
    ...(secret?.drawSeed && secret.drawCommitment
      ? { draw: { seed: secret.drawSeed, commitment: secret.drawCommitment } }
      : {}),
    challengeCost: sale.challengeCost,
    minAccountAgeDays: sale.minAccountAgeDays,
  };
}
