// lobby.enter – entering a fair draw's lobby before its start. Validates the input and translates
// the lobby service's answer into tRPC errors; the entry itself (rate limit, admission, the sale's
// atomic step) lives in ~/server/fair-draw.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { saleIdSchema } from "~/lib/sale";
import { admissionRefusalError, challengeSolutionSchema } from "~/server/api/admission";
import {
  createTRPCRouter,
  limiterUnavailableError,
  protectedProcedure,
  rateLimitedError,
  RefusalReason,
} from "~/server/api/trpc";
import type { EnterLobbyOutcome } from "~/server/fair-draw/types";

export const enterLobbyInput = z.object({ saleId: saleIdSchema, challenge: challengeSolutionSchema.optional() });

type LobbyRefusal = Extract<EnterLobbyOutcome, { ok: false }>;

function refusalToError(refusal: LobbyRefusal): TRPCError {
  const refuse = (code: TRPCError["code"], message: string) =>
    new TRPCError({ code, message, cause: new RefusalReason(refusal.reason) });
  switch (refusal.reason) {
    case "LOBBY_NOT_OPEN":
      return refuse(
        "PRECONDITION_FAILED",
        `The lobby for this sale is not open yet. It opens at ${refusal.opensAt.toISOString()}.`,
      );
    case "DRAWN":
      return refuse(
        "PRECONDITION_FAILED",
        "The draw has already taken place. You can still buy or join the waitlist as usual.",
      );
    case "NOT_FAIR_DRAW":
      return refuse("PRECONDITION_FAILED", "This sale has no lobby: it is first come, first served from its start.");
    case "UNKNOWN_SALE":
    case "NOT_PUBLISHED":
      return refuse("NOT_FOUND", "We could not find that sale.");
    case "PAUSED":
      return refuse("PRECONDITION_FAILED", "This sale is paused. Please try again shortly.");
    case "ENDED":
      return refuse("PRECONDITION_FAILED", "This sale has ended.");
    case "RATE_LIMITED":
      return rateLimitedError(refusal.retryAfterSeconds);
    case "LIMITER_UNAVAILABLE":
      return limiterUnavailableError();
    case "UNAVAILABLE":
      return new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: "We could not reach the lobby right now. Please try again in a moment: entering twice is safe.",
        cause: new RefusalReason("UNAVAILABLE", refusal.retryAfterSeconds),
      });
    case "CHALLENGE_REQUIRED":
    case "CHALLENGE_INVALID":
    case "CHALLENGE_REPLAYED":
    case "CHALLENGE_UNAVAILABLE":
    case "BLOCK_LIMIT":
    case "DEVICE_LIMIT":
    case "ACCOUNT_TOO_NEW":
    case "ACCOUNT_AGE_UNKNOWN":
      return admissionRefusalError(refusal.reason);
  }
}

export const lobbyRouter = createTRPCRouter({
  /** Enters the sale's lobby; entering again answers ALREADY_ENTERED with the same view. */
  enter: protectedProcedure.input(enterLobbyInput).mutation(async ({ ctx, input }) => {
    const outcome = await ctx.services.lobby.enter({
      saleId: input.saleId,
      userId: ctx.session.user.id,
      challenge: input.challenge ?? null,
      origin: ctx.origin,
      clientIp: ctx.clientIp,
      accountCreatedAt: ctx.session.user.createdAt ?? null,
    });
    if (!outcome.ok) throw refusalToError(outcome);
    return { status: outcome.status, lobby: outcome.lobby };
  }),
});
