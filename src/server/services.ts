// The one composition point: the app's services, built once from its clients. The tRPC context,
// the QStash routes, scripts and tests all receive services from here; none of them assembles a
// domain's dependencies itself. A test builds the same services from its own clients.
import type { Client as QStashClient } from "@upstash/qstash";
import type { Redis } from "@upstash/redis";
import { createAdmissionGate, type ChallengeVerifier } from "~/server/admission";
import { createRevokedUsers } from "~/server/auth/revoked-users";
import { createCheckoutService } from "~/server/checkout/checkout-service";
import { createHoldFollowUp } from "~/server/checkout/follow-up";
import type { DatabaseClient } from "~/server/db";
import type { Deployment } from "~/server/deployment/deployment";
import { followingDraws } from "~/server/fair-draw/draw-aware-reserve";
import { createLobbyService } from "~/server/fair-draw/lobby-service";
import { schedulingDraws } from "~/server/fair-draw/schedule-on-save";
import { createSaleResumer, type ResumeOptions } from "~/server/inventory/resume-sale";
import { SoldOutCache } from "~/server/inventory/sold-out-cache";
import type { Logger } from "~/server/logger";
import { createMetricsService } from "~/server/metrics";
import { createDeadLetters } from "~/server/orders/dead-letters";
import { createOrderService } from "~/server/orders/order-service";
import { drawPublishTarget, orderPublishTarget, reminderPublishTarget } from "~/server/orders/qstash-destinations";
import type { PaymentProvider } from "~/server/payments/provider";
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
import type { Mailer } from "~/server/reminders/mailer";
import { createReminderService } from "~/server/reminders/reminder-service";
import { createAdminService } from "~/server/sales/admin/admin-service";
import { createMonitorService } from "~/server/sales/admin/monitor-service";
import { createStorefrontService } from "~/server/sales/storefront-service";

export interface AppClients {
  db: DatabaseClient;
  redis: Redis;
  qstash: QStashClient;
  deployment: Deployment;
  logger: Logger;
  /** Who takes the money for holds (the built-in test provider or Stripe; see ~/server/payments). */
  payments: PaymentProvider;
  /** Verifies challenge solutions (ALTCHA proof of work, or Turnstile; see ~/server/admission). */
  challenges: ChallengeVerifier;
  /** Sends email (sale reminders); null or absent where email is not configured. */
  mailer?: Mailer | null;
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
  const { db, redis, qstash, deployment, logger, payments, challenges } = clients;
  const { namespace } = deployment;
  // Counted by the Lua scripts and by the app (buffered per instance, see ~/server/metrics).
  const metrics = createMetricsService({ db, redis, namespace, logger });
  const revokedUsers = createRevokedUsers({ redis, namespace, logger });
  const resumer = createSaleResumer({ db, redis, qstash, namespace, logger, options: tunings.resume });
  const onMissingState = (saleId: string) => resumer.onMissingState(saleId);
  // Resolved per publish: a deployment without a public URL can still serve everything else.
  const publishTarget = () => orderPublishTarget(deployment);
  const publishToQStash = publishThroughQStash(qstash, publishTarget, metrics.recorder);
  const followUp = createHoldFollowUp({ qstash, target: publishTarget, logger });
  const deliveryDeps = { db, redis, namespace, logger, revokedUsers, followUp, metrics: metrics.recorder };
  const admission = createAdmissionGate({ db, redis, namespace, logger, verifier: challenges });
  const lobby = createLobbyService({
    ...deliveryDeps,
    qstash,
    drawTarget: () => drawPublishTarget(deployment),
    followUp,
    admission,
    rateLimit: ({ userId, ip }) => checkRateLimit(redis, { namespace, policy: "lobbyEnter", userId, ip }),
    onMissingState,
  });
  const purchase: PurchaseService = createPurchaseService({
    soldOut: new SoldOutCache(),
    gate: new InFlightGate(tunings.maxInFlight),
    rateLimit: ({ userId, ip }) => checkRateLimit(redis, { namespace, policy: "reserve", userId, ip }),
    // A fair draw due at the start runs inside the reserve step; its follow-up is the lobby's.
    reserveStep: override?.reserveStep ?? followingDraws(redisReserveStep(redis, namespace), lobby.afterDraw),
    publish: override && !override.publishes ? undefined : publishToQStash,
    retryPublish: createPublishRetrier({ logger, delaysMs: tunings.publishRetryDelaysMs }),
    followUp: override && !override.publishes ? undefined : followUp,
    onMissingState: override ? undefined : onMissingState,
    admission,
    metrics: metrics.recorder,
    logger,
  });
  const admin = createAdminService({ db, redis, namespace, logger });
  return {
    clients,
    logger,
    purchase,
    resumer,
    revokedUsers,
    admission,
    lobby,
    orders: createOrderService(deliveryDeps),
    checkout: createCheckoutService({
      ...deliveryDeps,
      payments,
      publicUrl: () => deployment.publicUrl,
      drawIfDue: (saleId) => lobby.drawIfDue(saleId),
    }),
    storefront: createStorefrontService({ db, redis, namespace, logger }),
    reminders: createReminderService({
      db,
      qstash,
      logger,
      mailer: clients.mailer ?? null,
      target: () => reminderPublishTarget(deployment),
    }),
    admin: schedulingDraws(admin, lobby, logger),
    /** The live monitor's figures and its ±units stock control (admin only, at the router). */
    monitor: createMonitorService({ db, redis, namespace, logger }),
    /** QStash's dead letters: list, retry, delete (audited). */
    deadLetters: createDeadLetters({ qstash, db, logger }),
    /** Metrics: the app's recorder, the monitor's snapshots, the Prometheus text (see ~/server/metrics). */
    metrics,
  };
}

export type Services = ReturnType<typeof createServices>;
