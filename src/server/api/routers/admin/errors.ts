// Turns the admin domain's refusals and half-done writes into tRPC errors. A refusal that belongs
// to one editor field carries a ZodError for that field as its cause, so the error formatter's
// `zodError.fieldErrors` puts the message beside the field, exactly like a schema failure.
import { TRPCError } from "@trpc/server";
import { ZodRealError, type ZodError } from "zod";
import type { SaleField } from "~/lib/sale-form/schema";
import type { AdminRefusal, AdminResult } from "~/server/sales/admin/result";
import { SaleWriteFailed } from "~/server/sales/admin/two-store-write";

export function fieldError(field: SaleField, message: string): ZodError {
  // ZodRealError is the Error subclass zod's own parse throws; tRPC keeps Error causes as they are.
  return new ZodRealError([{ code: "custom", path: [field], message, input: undefined }]);
}

export function refusalToError(refusal: AdminRefusal): TRPCError {
  return new TRPCError({
    code: refusal.code,
    message: refusal.message,
    cause: refusal.field ? fieldError(refusal.field, refusal.message) : undefined,
  });
}

export function unwrap<T>(result: AdminResult<T>): T {
  if (!result.ok) throw refusalToError(result);
  return result.value;
}

/** Runs a domain write, mapping a write that failed part-way to an error the admin can act on. */
export async function runWrite<T>(saleId: string, write: () => Promise<AdminResult<T>>): Promise<T> {
  try {
    return unwrap(await write());
  } catch (error) {
    if (!(error instanceof SaleWriteFailed)) throw error;
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: error.undone
        ? "We could not save the change, and nothing was changed. Please try again in a moment."
        : `The change was only partly saved. Press the button again, or run \`npm run sale:rearm -- ${saleId}\` to line live stock up with the database.`,
      cause: error,
    });
  }
}
