// The one composition point: the app's services, built once from its clients. The tRPC context,
// the QStash routes, scripts and tests all receive services from here; none of them assembles a
// domain's dependencies itself. A test builds the same services from its own clients.
import type { Client as QStashClient } from "@upstash/qstash";
import type { Redis } from "@upstash/redis";
import { createRevokedUsers } from "~/server/auth/revoked-users";
import type { DatabaseClient } from "~/server/db";
import type { Deployment } from "~/server/deployment/deployment";
import { createSaleResumer, type ResumeOptions } from "~/server/inventory/resume-sale";
import { SoldOutCache } from "~/server/inventory/sold-out-cache";
import type { Logger } from "~/server/logger";
import { createOrderService } from "~/server/orders/order-service";
import { orderPublishTarget } from "~/server/orders/qstash-destinations";
import { InFlightGate } from "~/server/purchase/in-flight-gate";
import { createPublishRetrier } from "~/server/purchase/publish-retry";
import {
  createPurchaseService,
  publishThroughQStash,
  redisReserveStep,
  type PurchaseService,
  type ReserveStep,
} from "~/server/purchase/reserve-purchase";
import { checkRateLimit } from "~/server/ratelimit";
import { createAdminService } from "~/server/sales/admin/admin-service";
import { createStorefrontService } from "~/server/sales/storefront-service";

export interface AppClients {
  db: DatabaseClient;
  redis: Redis;
  qstash: QStashClient;
  deployment: Deployment;
  logger: Logger;
}

/** Timings tests shorten; the app runs with the defaults. */
export interface ServiceTunings {
  resume?: Partial<ResumeOptions>;
  publishRetryDelaysMs?: readonly number[];
  /** Buy attempts one instance works on at once before it answers "busy" (see in-flight-gate). */
  maxInFlight?: number;
}

/**
 * Another way to take a unit, for the benchmark's baseline only: it replaces the reserve step, and
 * `publishes: false` says the step writes the order itself.
 */
export interface ReserveStepOverride {
  reserveStep: ReserveStep;
  publishes: boolean;
}

export function createServices(clients: AppClients, tunings: ServiceTunings = {}, override?: ReserveStepOverride) {
  const { db, redis, qstash, deployment, logger } = clients;
  const { namespace } = deployment;
  const revokedUsers = createRevokedUsers({ redis, namespace, logger });
  const resumer = createSaleResumer({ db, redis, qstash, namespace, logger, options: tunings.resume });
  // Resolved per publish: a deployment without a public URL can still serve everything else.
  const publishToQStash = publishThroughQStash(qstash, () => orderPublishTarget(deployment));
  const purchase: PurchaseService = createPurchaseService({
    soldOut: new SoldOutCache(),
    gate: new InFlightGate(tunings.maxInFlight),
    rateLimit: ({ userId, ip }) => checkRateLimit(redis, { namespace, policy: "reserve", userId, ip }),
    reserveStep: override?.reserveStep ?? redisReserveStep(redis, namespace),
    publish: override && !override.publishes ? undefined : publishToQStash,
    retryPublish: createPublishRetrier({ logger, delaysMs: tunings.publishRetryDelaysMs }),
    onMissingState: override ? undefined : (saleId) => resumer.onMissingState(saleId),
    logger,
  });
  return {
    clients,
    logger,
    purchase,
    resumer,
    revokedUsers,
    orders: createOrderService({ db, redis, namespace, logger, revokedUsers }),
    storefront: createStorefrontService({ db, redis, namespace, logger }),
    admin: createAdminService({ db, redis, namespace, logger }),
  };
}

export type Services = ReturnType<typeof createServices>;
