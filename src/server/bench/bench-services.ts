// The benchmark's two stand-ins for the product's purchase path, handed to the tRPC context in
// its place when the bench switch is on and a request asks for one (see ./switch.ts):
// - the Postgres-only baseline replaces only the reserve step (one transaction per attempt,
//   which writes the order itself, so nothing is published);
// - the no-op ceiling replaces the whole decision: same route, session, input validation and
//   transformer as purchase.reserve, and no work at all.
import type { PurchaseOutcome, PurchaseService } from "~/server/purchase/reserve-purchase";
import { createServices, type Services } from "~/server/services";
import { reserveWithPostgres } from "./postgres-only";
import type { PurchaseStrategy } from "./switch";

/** What the ceiling answers: shaped like a fresh reservation so the reply costs what a real one does. */
const NOOP_RESERVATION: PurchaseOutcome = {
  ok: true,
  status: "RESERVED",
  reservationId: `rsv_${"0".repeat(32)}`,
  reservedAt: new Date(0),
  stockLeft: 1,
  hold: { state: "H", expiresAt: 600_000, kind: "RESERVATION" },
};

const noopPurchase: PurchaseService = {
  reserve: () => Promise.resolve(NOOP_RESERVATION),
  joinWaitlist: () => Promise.resolve(NOOP_RESERVATION),
};

export function createBenchServices(services: Services): Record<PurchaseStrategy, Services> {
  const { db } = services.clients;
  return {
    redis: services,
    postgres: createServices(
      services.clients,
      {},
      {
        reserveStep: (input) => reserveWithPostgres(db, input),
        publishes: false,
      },
    ),
    noop: { ...services, purchase: noopPurchase },
  };
}
