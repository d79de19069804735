// The `purchase.decision` log line: sale, outcome, latency and the shopper's id — nothing that
// identifies a person (email, name, address). The purchase service is built with a scripted reserve
// step and an open limiter, so this runs without any service.
import { TRPCError } from "@trpc/server";
import { beforeEach, describe, expect, it } from "vitest";
import { createChallengeVerifier } from "~/server/admission";
import { createCaller } from "~/server/api/root";
import { createInnerContext } from "~/server/api/trpc";
import { createPrismaClient } from "~/server/db";
import { SoldOutCache } from "~/server/inventory/sold-out-cache";
import { createLogger } from "~/server/logger";
import type { ReserveOutcome } from "~/server/inventory/reserve-unit";
import { createPurchaseService } from "~/server/purchase/reserve-purchase";
import { createQStashClient } from "~/server/qstash";
import { createRedisClient } from "~/server/redis";
import { createServices } from "~/server/services";
import { testPaymentProvider } from "~/testing/webhook-routes";

const shopper = {
  id: "usr_decision_log",
  email: "alice.shopper@example.com",
  name: "Alice Shopper",
  role: "SHOPPER" as const,
};
const clientIp = "203.0.113.77";
const unreachable = "http://127.0.0.1:9"; // never contacted: the reserve step and the limiter are scripted

let lines: Array<{ level: string; line: string }> = [];
let nextOutcome: ReserveOutcome = { ok: false, reason: "SOLD_OUT" };
const logger = createLogger({ level: "info", sink: (level, line) => lines.push({ level, line }) });
const clients = {
  db: createPrismaClient("postgresql://nobody:none@127.0.0.1:9/none"),
  redis: createRedisClient(unreachable, "token"),
  qstash: createQStashClient(unreachable, "token"),
  deployment: { namespace: `unit-${Date.now()}`, publicUrl: "https://shop.example" },
  logger,
  challenges: createChallengeVerifier({ kind: "altcha", hmacKey: "unit-test-key" }),
};
const services = createServices({ ...clients, payments: testPaymentProvider(clients) });
const purchase = createPurchaseService({
  soldOut: new SoldOutCache(),
  rateLimit: () => Promise.resolve({ allowed: true, degraded: false }),
  reserveStep: () => Promise.resolve(nextOutcome),
  publish: () => Promise.resolve(),
  logger,
});
const caller = createCaller(
  createInnerContext({
    session: { user: shopper, expires: new Date(Date.now() + 3_600_000).toISOString() },
    services: { ...services, purchase },
    clientIp,
  }),
);

beforeEach(() => {
  lines = [];
});

function decisionLines() {
  return lines.filter(({ line }) => (JSON.parse(line) as { event: string }).event === "purchase.decision");
}

describe("purchase.decision log line", () => {
  it.each<[string, ReserveOutcome, string]>([
    [
      "a reservation",
      {
        ok: true,
        status: "RESERVED",
        reservationId: `rsv_${"a".repeat(32)}`,
        reservedAt: new Date(),
        stockLeft: 9,
        hold: { state: "H", expiresAt: Date.now() + 600_000, kind: "RESERVATION" },
      },
      "RESERVED",
    ],
    ["a refusal", { ok: false, reason: "SOLD_OUT" }, "SOLD_OUT"],
  ])("records %s with sale, outcome, latency and the user id only", async (_label, outcome, expected) => {
    nextOutcome = outcome;
    const saleId = `sale_${expected.toLowerCase()}`;
    const answer = await caller.purchase.reserve({ saleId }).catch((error: unknown) => error);
    if (outcome.ok) expect(answer).toMatchObject({ status: "RESERVED", hold: { state: "H" } });
    else expect(answer).toBeInstanceOf(TRPCError);

    const decisions = decisionLines();
    expect(decisions).toHaveLength(1);
    const { level, line } = decisions[0]!;
    const fields = JSON.parse(line) as Record<string, unknown>;
    expect(level).toBe("info");
    expect(Object.keys(fields).sort()).toEqual(["event", "latencyMs", "level", "outcome", "saleId", "time", "userId"]);
    expect(fields).toMatchObject({ level: "info", saleId, userId: shopper.id, outcome: expected });
    expect(fields.latencyMs).toEqual(expect.any(Number));
    expect(fields.latencyMs as number).toBeGreaterThanOrEqual(0);
    for (const personal of [shopper.email, shopper.name, "alice", clientIp]) {
      expect(line.toLowerCase()).not.toContain(personal.toLowerCase());
    }
  });
});
