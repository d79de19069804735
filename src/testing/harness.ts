// Everything an integration test needs on the real local stack: clients, a private namespace,
// services built from them exactly as the app builds its own, the QStash routes served over HTTP,
// and tRPC callers for any session.
import { afterAll, beforeAll, inject } from "vitest";
import { createCaller } from "~/server/api/root";
import { createInnerContext } from "~/server/api/trpc";
import type { AppSession } from "~/server/auth/session";
import { createPrismaClient, type DatabaseClient } from "~/server/db";
import type { Deployment } from "~/server/deployment/deployment";
import { createLogger, type LogFields } from "~/server/logger";
import { QSTASH_PATHS } from "~/server/orders/qstash-destinations";
import { createQStashClient, createQStashReceiver } from "~/server/qstash";
import { createRedisClient } from "~/server/redis";
import { createServices, type AppClients, type Services, type ServiceTunings } from "~/server/services";
import { createQStashRoutes } from "~/server/webhooks/qstash-routes";
import { testChallengeVerifier } from "./challenges";
import { uniqueId } from "./fixtures";
import { serveRoutes } from "./serve-routes";
import { qstashRouteTable, testPaymentProvider } from "./webhook-routes";

export { qstashRouteTable, TEST_PAYMENTS_SECRET, testPaymentProvider } from "./webhook-routes";

export { TEST_CHALLENGE_HMAC_KEY, testChallengeVerifier } from "./challenges";

/** Shorter pauses than production's, so recovery paths finish within a test. */
export const TEST_TUNINGS: ServiceTunings = {
  resume: { graceMs: 100, pollMs: 50, maxWaitMs: 10_000 },
  publishRetryDelaysMs: [100, 300, 1_000],
  // In-process storms call the service thousands of times at once; the gate has its own tests.
  maxInFlight: 100_000,
};

export interface HarnessOptions {
  /** Picks the database each order delivery uses (to simulate outages); defaults to the real one. */
  orderDatabase?: (attempt: number) => DatabaseClient;
  /** Replaces the deployment's settings (e.g. a protection bypass secret). */
  deployment?: Partial<Deployment>;
}

export async function createHarness(options: HarnessOptions = {}) {
  const stack = inject("stack");
  const db = createPrismaClient(stack.DATABASE_URL);
  const redis = createRedisClient(stack.UPSTASH_REDIS_REST_URL, stack.UPSTASH_REDIS_REST_TOKEN);
  const qstash = createQStashClient(stack.QSTASH_URL, stack.QSTASH_TOKEN);
  const receiver = createQStashReceiver(stack.QSTASH_CURRENT_SIGNING_KEY, stack.QSTASH_NEXT_SIGNING_KEY);
  const namespace = `${stack.STAMPEDE_NAMESPACE}-${uniqueId("")}`;
  const events: Array<{ event: string; fields: LogFields }> = [];
  const logger = createLogger({
    level: "debug",
    sink: (_level, line) => {
      const { event, level: _l, time: _t, ...fields } = JSON.parse(line) as { event: string } & LogFields;
      events.push({ event, fields });
    },
  });

  let publicUrl = "";
  const deployment: Deployment = {
    namespace,
    get publicUrl() {
      return publicUrl;
    },
    ...options.deployment,
  };
  const challenges = testChallengeVerifier();
  const base = { db, redis, qstash, deployment, logger, challenges };
  const clients: AppClients = { ...base, payments: testPaymentProvider(base) };
  const services = createServices(clients, TEST_TUNINGS);

  const table = qstashRouteTable(services, receiver, () => publicUrl);
  let orderDeliveries = 0;
  const orderDatabase = options.orderDatabase;
  if (orderDatabase) {
    // Each delivery is served by services whose database is the one the test picks for that attempt.
    table[QSTASH_PATHS.orders] = (request) =>
      createQStashRoutes(
        createServices({ ...clients, db: orderDatabase(++orderDeliveries) }, TEST_TUNINGS),
        receiver,
        () => publicUrl,
      ).orders(request);
  }
  const routes = await serveRoutes(table);
  publicUrl = routes.url;

  const context = (session: AppSession | null, clientIp: string | null = null, using: Services = services) =>
    createInnerContext({ session, services: using, clientIp });

  return {
    stack,
    db,
    redis,
    qstash,
    receiver,
    namespace,
    publicUrl,
    events,
    clients,
    services,
    deps: { db, redis, namespace },
    caller: (session: AppSession | null, clientIp: string | null = null, using: Services = services) =>
      createCaller(context(session, clientIp, using)),
    context,
    /** Services like the harness's own, with some clients replaced (a proxy, a broken database…). */
    servicesWith: (replaced: Partial<AppClients>) => createServices({ ...clients, ...replaced }, TEST_TUNINGS),
    async close() {
      await services.resumer.settled();
      await routes.close();
      await db.$disconnect();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/**
 * One harness for a test file: created before its tests, closed after them. Returns a stand-in
 * that forwards to the harness, so tests read `h.db`, `h.caller(…)` as usual.
 */
export function harnessForFile(options?: HarnessOptions): Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await createHarness(options);
  });
  afterAll(async () => {
    await harness?.close();
  });
  return new Proxy({} as Harness, {
    get(_target, property) {
      if (!harness) throw new Error("The test harness is not ready: use it inside a test or hook.");
      return harness[property as keyof Harness];
    },
  });
}
