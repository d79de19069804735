// Admission at the tRPC edge, shared by the buy and lobby procedures: the challenge solution's
// input schema, and admission refusals as tRPC errors. A challenge that is
// missing, spent or does not verify is the request's fault (BAD_REQUEST); an allowance or the
// account's age is a rule the shopper cannot retry past (FORBIDDEN); an unreachable verifier is
// ours (SERVICE_UNAVAILABLE). `data.reason` carries the refusal's name for the page to branch on.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { AdmissionRefusal } from "~/server/admission";
import { RefusalReason } from "./trpc";

/** A challenge solution: ALTCHA's base64 payload (a few hundred characters) or a Turnstile token. */
export const challengeSolutionSchema = z.string().min(1).max(4096);

/** How long to wait before asking a verifier that did not answer again. */
export const CHALLENGE_UNAVAILABLE_RETRY_SECONDS = 2;

export function admissionRefusalError(reason: AdmissionRefusal): TRPCError {
  const refuse = (code: TRPCError["code"], message: string) =>
    new TRPCError({ code, message, cause: new RefusalReason(reason) });
  switch (reason) {
    case "CHALLENGE_REQUIRED":
      return refuse(
        "BAD_REQUEST",
        "This sale asks your browser to complete a short check first. Let it finish, then try again.",
      );
    case "CHALLENGE_INVALID":
      return refuse(
        "BAD_REQUEST",
        "Your browser check did not verify: it may have expired or been made for another sale. Please run it again.",
      );
    case "CHALLENGE_REPLAYED":
      return refuse("BAD_REQUEST", "That browser check was already used: each one counts once. Please run it again.");
    case "CHALLENGE_UNAVAILABLE":
      return new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: "We could not verify your browser check right now. Please try again in a moment.",
        cause: new RefusalReason(reason, CHALLENGE_UNAVAILABLE_RETRY_SECONDS),
      });
    case "BLOCK_LIMIT":
      return refuse(
        "FORBIDDEN",
        "Too many accounts from your network have already entered this sale; each network may enter only a few.",
      );
    case "DEVICE_LIMIT":
      return refuse(
        "FORBIDDEN",
        "Too many accounts on this device have already entered this sale; each device may enter only a couple.",
      );
    case "ACCOUNT_TOO_NEW":
      return refuse("FORBIDDEN", "This sale is open only to accounts older than its minimum age, and yours is newer.");
    case "ACCOUNT_AGE_UNKNOWN":
      return new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: "We could not check your account just now. Please try again in a moment.",
        cause: new RefusalReason(reason, CHALLENGE_UNAVAILABLE_RETRY_SECONDS),
      });
  }
}
