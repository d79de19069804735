// Shared by the admin integration tests: a valid editor form, fresh admins, and the per-field
// errors a caller would see (the same z.flattenError the tRPC error formatter applies).
import { TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import type { SaleFormState } from "~/lib/sale-form/form-state";
import { utcToZonedLocalInput } from "~/lib/sale-form/zoned-time";
import type { AppSession } from "~/server/auth/session";
import type { DatabaseClient } from "~/server/db";
import { createUsers, sessionFor, uniqueId } from "~/testing/fixtures";

const MINUTE = 60_000;

/** A form that passes every check: starts `startInMinutes` from now (UTC), runs two hours. */
export function validForm(overrides: Partial<SaleFormState> = {}, startInMinutes = 60): SaleFormState {
  const start = new Date(Date.now() + startInMinutes * MINUTE);
  return {
    title: "Limited trainers",
    slug: uniqueId("limited-trainers-"),
    description: "Two hundred pairs, one per person.",
    imageUrl: "/products/sneaker.svg",
    price: "129.99",
    currency: "USD",
    totalStock: "200",
    startsAt: utcToZonedLocalInput(start, "UTC"),
    endsAt: utcToZonedLocalInput(new Date(start.getTime() + 120 * MINUTE), "UTC"),
    timezone: "UTC",
    holdMinutes: "10",
    offerMinutes: "5",
    waitlistEnabled: false,
    openingMode: "FIRST_COME",
    lobbyMinutes: "10",
    challengeCost: "0",
    minAccountAgeDays: "0",
    ...overrides,
  };
}

export async function newAdmin(db: DatabaseClient): Promise<AppSession> {
  const [admin] = await createUsers(db, 1, "ADMIN");
  return sessionFor(admin!);
}

export async function newShopper(db: DatabaseClient): Promise<AppSession> {
  const [shopper] = await createUsers(db, 1);
  return sessionFor(shopper!);
}

export async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

export function fieldErrorsOf(error: TRPCError): Record<string, string[] | undefined> {
  return error.cause instanceof ZodError ? z.flattenError(error.cause).fieldErrors : {};
}
