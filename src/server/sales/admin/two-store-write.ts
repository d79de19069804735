// Applies one admin change to both stores in the order that keeps shoppers safe:
//
//   1. tighten  — Redis first for anything that narrows what shoppers may take (less stock, an
//                 earlier end, a later start, pause, end). Redis refuses stock below what is already
//                 reserved, atomically, so the check and the change cannot be split by a reservation.
//   2. persist  — the Postgres transaction: the change and its audit row together.
//   3. loosen   — Redis last for anything that widens it (more stock, a later end, resume, publish).
//
// So at every instant Redis is at least as strict as what Postgres records: if a step fails, shoppers
// have at worst been offered less than intended, never more. On failure the earlier steps are undone
// (Redis back to its old values; Postgres reverted with its own audit row), and the caller learns
// whether the two stores are back in step. Undoing a tighten always succeeds in Redis: the old total
// was above the new one, and reservations only ever took from the new one.
import type { AdminRefusal, AdminResult } from "./result";

export class SaleWriteFailed extends Error {
  constructor(
    readonly saleId: string,
    readonly step: "tighten" | "persist" | "loosen",
    /** True when every completed step was undone: nothing changed. */
    readonly undone: boolean,
    options: { cause: unknown },
  ) {
    super(`sale ${saleId}: ${step} failed${undone ? "; earlier steps undone" : "; stores out of step"}`, options);
    this.name = "SaleWriteFailed";
  }
}

export interface TwoStoreWrite<T> {
  saleId: string;
  tighten?: () => Promise<AdminRefusal | null>;
  undoTighten?: () => Promise<void>;
  persist: () => Promise<AdminResult<T>>;
  undoPersist?: () => Promise<void>;
  loosen?: () => Promise<void>;
  log?: (level: "warn" | "error", event: string, fields: Record<string, unknown>) => void;
}

export async function writeBothStores<T>(write: TwoStoreWrite<T>): Promise<AdminResult<T>> {
  const undo = async (steps: Array<(() => Promise<void>) | undefined>, failedStep: string): Promise<boolean> => {
    for (const step of steps) {
      if (!step) continue;
      try {
        await step();
      } catch (error) {
        write.log?.("error", "admin.sale.stores_out_of_step", {
          saleId: write.saleId,
          failedStep,
          undoError: messageOf(error),
        });
        return false;
      }
    }
    return true;
  };

  if (write.tighten) {
    let refusal: AdminRefusal | null;
    try {
      refusal = await write.tighten();
    } catch (error) {
      throw new SaleWriteFailed(write.saleId, "tighten", true, { cause: error });
    }
    if (refusal) return refusal;
  }

  let result: AdminResult<T>;
  try {
    result = await write.persist();
  } catch (error) {
    const undone = await undo([write.undoTighten], "persist");
    throw new SaleWriteFailed(write.saleId, "persist", undone, { cause: error });
  }
  if (!result.ok) {
    await undo([write.undoTighten], "persist-refused");
    return result;
  }

  if (write.loosen) {
    try {
      await write.loosen();
    } catch (error) {
      const undone = await undo([write.undoPersist, write.undoTighten], "loosen");
      throw new SaleWriteFailed(write.saleId, "loosen", undone, { cause: error });
    }
  }
  return result;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
