// The one place tRPC is built: context, error formatting and the procedure builders.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Client as QStashClient } from "@upstash/qstash";
import type { Redis } from "@upstash/redis";
import { env } from "~/env";
import { readSession } from "~/server/auth/read-session";
import type { AppSession } from "~/server/auth/session";
import { purchaseStrategyFrom, type PurchaseStrategy } from "~/server/bench-switch";
import { benchSwitchAllowed } from "~/server/bench-switch-env";
import { db, type DatabaseClient } from "~/server/db";
import { namespace, publicUrl } from "~/server/deployment";
import { qstash } from "~/server/qstash";
import { checkRateLimit, type RateLimitPolicyName } from "~/server/ratelimit";
import { redis } from "~/server/redis";

export interface InnerContext {
  session: AppSession | null;
  db: DatabaseClient;
  redis: Redis;
  qstash: QStashClient;
  /** Where this deployment is reachable and which slice of shared state is its own. */
  deployment: { namespace: string; publicUrl: string | undefined };
  /** Best-effort client address, used as the second rate-limit key. */
  clientIp: string | null;
  /** The reservation path purchase.reserve takes; only the bench switch ever picks "postgres". */
  purchaseStrategy?: PurchaseStrategy;
}

/** Pure context: tests and scripts build it with their own clients and session. */
export function createInnerContext(input: InnerContext): InnerContext {
  return input;
}

/** Request-bound context for the HTTP handler and React Server Components. */
export async function createTRPCContext(opts: { headers: Headers }): Promise<InnerContext> {
  return createInnerContext({
    session: await readSession(opts.headers),
    db,
    redis,
    qstash,
    deployment: { namespace, publicUrl },
    clientIp: clientIpFrom(opts.headers),
    purchaseStrategy: purchaseStrategyFrom(opts.headers, benchSwitchAllowed),
  });
}

function clientIpFrom(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}

/** Carries the wait a rate-limited caller must observe to the error formatter and HTTP headers. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`rate limited for ${retryAfterSeconds} s`);
    this.name = "RateLimitedError";
  }
}

/** A domain reason (e.g. "PAUSED") for clients to branch on; the message stays for people. */
export class RefusalReason extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "RefusalReason";
  }
}

const t = initTRPC.context<InnerContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const isInternal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // Internal details never reach a shopper in production; the server log has them.
      message:
        isInternal && env.NODE_ENV === "production"
          ? "Something went wrong on our side. Please try again."
          : shape.message,
      data: {
        ...shape.data,
        stack: env.NODE_ENV === "production" ? undefined : shape.data.stack,
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
        retryAfterSeconds: error.cause instanceof RateLimitedError ? error.cause.retryAfterSeconds : undefined,
        reason: error.cause instanceof RefusalReason ? error.cause.reason : undefined,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;
export const middleware = t.middleware;

export const publicProcedure = t.procedure;

export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in to continue." });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

/** Applies a policy from the rate-limit table to the signed-in caller (and their address). */
export function rateLimited(policy: RateLimitPolicyName) {
  return t.middleware(async ({ ctx, next }) => {
    if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in to continue." });
    const verdict = await checkRateLimit(ctx.redis, {
      namespace: ctx.deployment.namespace,
      policy,
      userId: ctx.session.user.id,
      ip: ctx.clientIp,
    });
    if (verdict.allowed) return next();
    if ("limiterUnavailable" in verdict) {
      throw new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: "We cannot take this request right now. Please try again in a moment.",
      });
    }
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `Too many attempts. Please wait ${verdict.retryAfterSeconds} s and try again.`,
      cause: new RateLimitedError(verdict.retryAfterSeconds),
    });
  });
}

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.session.user.role !== "ADMIN") {
    throw new TRPCError({ code: "FORBIDDEN", message: "This area is for administrators only." });
  }
  return next();
});
