// This process's services, built once from the clients env describes: what the tRPC context and
// the QStash route files use. Everything else (tests, scripts) builds its own with createServices.
import { env } from "~/env";
import { challengeConfigFromEnv, createChallengeVerifier } from "~/server/admission";
import { createBenchServices } from "~/server/bench/bench-services";
import { isBenchSwitchAllowed, purchaseStrategyFrom } from "~/server/bench/switch";
import { db } from "~/server/db";
import { deployment } from "~/server/deployment";
import { logger } from "~/server/logger";
import { createPaymentProvider, paymentConfigFromEnv } from "~/server/payments";
import { createQStashReceiver, qstash } from "~/server/qstash";
import { redis } from "~/server/redis";
import { mailerFromConfig } from "~/server/reminders/mailer";
import { createServices, type Services } from "~/server/services";
import { createQStashRoutes } from "~/server/webhooks/qstash-routes";

const payments = createPaymentProvider(paymentConfigFromEnv(env), { redis, qstash, deployment, logger });

const challenges = createChallengeVerifier(challengeConfigFromEnv(env), { logger });

// The sign-in link's SMTP settings; without them reminders offer the calendar file only.
const mailer = mailerFromConfig({ server: env.EMAIL_SERVER, from: env.EMAIL_FROM });

export const services: Services = createServices({
  db,
  redis,
  qstash,
  deployment,
  logger,
  payments,
  challenges,
  mailer,
});

// Decided once: a running server's environment does not change.
const benchServices = isBenchSwitchAllowed(env) ? createBenchServices(services) : null;

/** The services a request is served with: the product's, unless the bench switch picks a stand-in. */
export function servicesFor(headers: Headers): Services {
  return benchServices ? benchServices[purchaseStrategyFrom(headers, true)] : services;
}

export const qstashRoutes = createQStashRoutes(services, createQStashReceiver(), () => deployment.publicUrl);
