// The one place tRPC is built: context, error formatting and the procedure builders.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { env } from "~/env";
import type { Origin } from "~/server/admission";
import { isAdmin } from "~/server/auth/roles";
import { addressBlockOf } from "~/server/client-address";
import type { AppSession } from "~/server/auth/session";
import { checkRateLimit, type RateLimitPolicyName } from "~/server/ratelimit";
import type { Services } from "~/server/services";

export interface InnerContext {
  session: AppSession | null;
  /** Everything procedures act through, built once per process (see ~/server/services). */
  services: Services;
  /** The caller's address from a trusted source (~/server/client-address): IPv4 or an IPv6 /64; null when none is trusted. */
  clientIp: string | null;
  /** The address block and signed device the caller's entries count against (a sale's allowances). */
  origin: Origin;
  /** A Set-Cookie value storing a freshly issued device id, sent with the response; null when none was issued. */
  deviceCookie: string | null;
}

/** Pure context: tests and scripts build it from their own services and session. */
export function createInnerContext(input: {
  session: AppSession | null;
  services: Services;
  clientIp?: string | null;
  /** Defaults to the client address's block and no device. */
  origin?: Origin;
  deviceCookie?: string | null;
}): InnerContext {
  const clientIp = input.clientIp ?? null;
  return {
    session: input.session,
    services: input.services,
    clientIp,
    origin: input.origin ?? { addressBlock: addressBlockOf(clientIp), deviceId: null },
    deviceCookie: input.deviceCookie ?? null,
  };
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
  constructor(
    readonly reason: string,
    /** Set when the refusal passes with time ("RESUMING"): sent as data and as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(reason);
    this.name = "RefusalReason";
  }
}

/** The wait a refused caller should observe, if the refusal carries one. */
export function retryAfterOf(cause: unknown): number | undefined {
  if (cause instanceof RateLimitedError || cause instanceof RefusalReason) return cause.retryAfterSeconds;
  return undefined;
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
        retryAfterSeconds: retryAfterOf(error.cause),
        reason: error.cause instanceof RefusalReason ? error.cause.reason : undefined,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

export const publicProcedure = t.procedure;

export const protectedProcedure = t.procedure.use(async ({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in to continue." });
  // A valid cookie whose account is gone (see ~/server/auth/revoked-users) is refused from then on.
  if (await ctx.services.revokedUsers.isRevoked(ctx.session.user.id)) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "This account no longer exists. Please sign in again." });
  }
  return next({ ctx: { ...ctx, session: ctx.session } });
});

/** Applies a policy from the rate-limit table to the signed-in caller (and their address). */
export function rateLimited(policy: RateLimitPolicyName) {
  return t.middleware(async ({ ctx, next }) => {
    if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in to continue." });
    const { redis, deployment } = ctx.services.clients;
    const verdict = await checkRateLimit(redis, {
      namespace: deployment.namespace,
      policy,
      userId: ctx.session.user.id,
      ip: ctx.clientIp,
    });
    if (verdict.allowed) return next();
    throw "limiterUnavailable" in verdict ? limiterUnavailableError() : rateLimitedError(verdict.retryAfterSeconds);
  });
}

export function rateLimitedError(retryAfterSeconds: number): TRPCError {
  return new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `Too many attempts. Please wait ${retryAfterSeconds} s and try again.`,
    cause: new RateLimitedError(retryAfterSeconds),
  });
}

export function limiterUnavailableError(): TRPCError {
  return new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: "We cannot take this request right now. Please try again in a moment.",
  });
}

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!isAdmin(ctx.session)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "This area is for administrators only." });
  }
  return next();
});
