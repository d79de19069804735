// Everything an integration test needs on the real local stack: clients, a private namespace,
// the QStash callbacks served over HTTP, and tRPC callers for any session.
import { inject } from "vitest";
import { createCaller } from "~/server/api/root";
import { createInnerContext } from "~/server/api/trpc";
import type { AppSession } from "~/server/auth/session";
import { createPrismaClient, type DatabaseClient } from "~/server/db";
import { FAILURE_CALLBACK_PATH, ORDER_CALLBACK_PATH, RECONCILE_PATH } from "~/server/purchase/publish-target";
import { createQStashClient, createQStashReceiver } from "~/server/qstash";
import { createRedisClient } from "~/server/redis";
import { createFailureCallbackHandler } from "~/server/webhooks/failure-callback";
import { createOrderCallbackHandler } from "~/server/webhooks/order-callback";
import { createReconcileHandler } from "~/server/webhooks/reconcile-callback";
import { uniqueId } from "./fixtures";
import { serveRoutes } from "./serve-routes";

export interface HarnessOptions {
  /** Picks the database each order delivery uses (to simulate outages); defaults to the real one. */
  orderDatabase?: (attempt: number) => DatabaseClient;
}

export async function createHarness(options: HarnessOptions = {}) {
  const stack = inject("stack");
  const db = createPrismaClient(stack.DATABASE_URL);
  const redis = createRedisClient(stack.UPSTASH_REDIS_REST_URL, stack.UPSTASH_REDIS_REST_TOKEN);
  const qstash = createQStashClient(stack.QSTASH_URL, stack.QSTASH_TOKEN);
  const receiver = createQStashReceiver(stack.QSTASH_CURRENT_SIGNING_KEY, stack.QSTASH_NEXT_SIGNING_KEY);
  const namespace = `${stack.STAMPEDE_NAMESPACE}-${uniqueId("")}`;
  const events: Array<{ event: string; fields: Record<string, unknown> }> = [];
  const log = (event: string, fields: Record<string, unknown>) => events.push({ event, fields });

  let orderDeliveries = 0;
  let publicUrl = "";
  const routes = await serveRoutes({
    [ORDER_CALLBACK_PATH]: createOrderCallbackHandler(() => ({
      db: options.orderDatabase?.(++orderDeliveries) ?? db,
      redis,
      receiver,
      namespace,
      expectedUrl: `${publicUrl}${ORDER_CALLBACK_PATH}`,
      log,
    })),
    [FAILURE_CALLBACK_PATH]: createFailureCallbackHandler(() => ({
      db,
      receiver,
      expectedUrl: `${publicUrl}${FAILURE_CALLBACK_PATH}`,
      log,
    })),
    [RECONCILE_PATH]: createReconcileHandler(() => ({
      db,
      redis,
      namespace,
      receiver,
      expectedUrl: `${publicUrl}${RECONCILE_PATH}`,
      log: (_level, event, fields) => log(event, fields),
    })),
  });
  publicUrl = routes.url;

  const context = (session: AppSession | null, clientIp: string | null = null) =>
    createInnerContext({ session, db, redis, qstash, deployment: { namespace, publicUrl }, clientIp });

  return {
    stack,
    db,
    redis,
    qstash,
    receiver,
    namespace,
    publicUrl,
    events,
    deps: { db, redis, namespace },
    caller: (session: AppSession | null, clientIp: string | null = null) => createCaller(context(session, clientIp)),
    context,
    async close() {
      await routes.close();
      await db.$disconnect();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
