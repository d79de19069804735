// Cloudflare Turnstile as the challenge, when a deployment has its keys: the widget runs in the
// page, and every token is checked with Cloudflare's Siteverify API before the sale's atomic step.
//
// Replays. Siteverify answers a second check of one token with `timeout-or-duplicate`, but also a
// lost answer: a retry after a timeout would be refused as a duplicate. So every check of one token
// carries the same idempotency key (derived from the token), which makes Cloudflare repeat its first
// answer; a token used twice then reaches the sale's atomic step, which refuses it as
// CHALLENGE_REPLAYED exactly as it does an ALTCHA solution. A token stays bound to its sale and
// shopper through `cData`, which Cloudflare signs into the token, and lives 300 s from its solve.
import { createHash, createHmac } from "node:crypto";
import { z } from "zod";
import type { Logger } from "~/server/logger";
import type { ChallengeOffer, ChallengeVerdict, ChallengeVerifier } from "./types";

export const SITEVERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

/** Cloudflare's documented token lifetime. */
export const TURNSTILE_TOKEN_TTL_MS = 300_000;

/** The widget's `action`: names where the widget ran (Cloudflare's analytics show it). */
export const TURNSTILE_ACTION = "sale-admission";

// Cloudflare's documented limit on a token's length.
const MAX_TOKEN_LENGTH = 2048;
const SITEVERIFY_TIMEOUT_MS = 3_000;

/**
 * Cloudflare's published test secrets (always passes, always fails, "token already spent"). The
 * dummy tokens they accept carry no action or cData and are the same string for every browser, so
 * with them the binding cannot be checked and each check counts as a fresh solution — they prove
 * the wiring, never protect a sale. challengeConfigFromEnv refuses them on a production deployment.
 */
export const TURNSTILE_TEST_SECRETS: readonly string[] = [
  "1x0000000000000000000000000000000AA",
  "2x0000000000000000000000000000000AA",
  "3x0000000000000000000000000000000AA",
];

const siteverifyReplySchema = z.object({
  success: z.boolean(),
  "error-codes": z.array(z.string()).default([]),
  challenge_ts: z.string().optional(),
  hostname: z.string().optional(),
  action: z.string().optional(),
  cdata: z.string().optional(),
});

// The shopper's token is wrong or stale: they can solve again. Anything else is ours or Cloudflare's.
const SHOPPER_ERRORS = new Set(["missing-input-response", "invalid-input-response", "timeout-or-duplicate"]);

/**
 * What the widget is rendered with for one sale and shopper, and what the token must carry back.
 * A hash (cData allows 255 of [A-Za-z0-9_-]) that says nothing of the account to Cloudflare.
 */
export function turnstileCData(saleId: string, userId: string): string {
  return createHash("sha256").update(`${saleId}|${userId}`).digest("hex").slice(0, 32);
}

/** A UUID-shaped key fixed per token and secret, so every check of one token is the same request. */
function idempotencyKeyOf(secretKey: string, token: string): string {
  const hex = createHmac("sha256", secretKey).update(token).digest("hex");
  const variant = ((parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface TurnstileVerifierOptions {
  secretKey: string;
  siteKey: string;
  fetch?: typeof fetch;
  logger?: Logger;
  now?: () => number;
}

export function createTurnstileVerifier(options: TurnstileVerifierOptions): ChallengeVerifier {
  const { secretKey, siteKey, logger } = options;
  if (!secretKey || !siteKey) throw new Error("The Turnstile verifier needs its secret key and site key.");
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const isTestSecret = TURNSTILE_TEST_SECRETS.includes(secretKey);
  const invalid: ChallengeVerdict = { ok: false, reason: "CHALLENGE_INVALID" };
  const unavailable: ChallengeVerdict = { ok: false, reason: "CHALLENGE_UNAVAILABLE" };

  async function siteverify(
    token: string,
    remoteIp: string | null,
  ): Promise<z.infer<typeof siteverifyReplySchema> | null> {
    try {
      const response = await fetchImpl(SITEVERIFY_URL, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          secret: secretKey,
          response: token,
          ...(remoteIp ? { remoteip: remoteIp } : {}),
          idempotency_key: idempotencyKeyOf(secretKey, token),
        }),
        signal: AbortSignal.timeout(SITEVERIFY_TIMEOUT_MS),
      });
      if (!response.ok) {
        logger?.warn("admission.turnstile_http_error", { status: response.status });
        return null;
      }
      const parsed = siteverifyReplySchema.safeParse(await response.json());
      if (!parsed.success) {
        logger?.warn("admission.turnstile_bad_reply");
        return null;
      }
      return parsed.data;
    } catch (error) {
      logger?.warn("admission.turnstile_unreachable", {
        message: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
  }

  return {
    kind: "turnstile",

    issue({ saleId, userId }): Promise<ChallengeOffer> {
      return Promise.resolve({
        kind: "turnstile",
        siteKey,
        action: TURNSTILE_ACTION,
        cData: turnstileCData(saleId, userId),
      });
    },

    async verify({ saleId, userId, solution, remoteIp }): Promise<ChallengeVerdict> {
      if (solution.length === 0 || solution.length > MAX_TOKEN_LENGTH) return invalid;
      const reply = await siteverify(solution, remoteIp);
      if (!reply) return unavailable;
      if (!reply.success) {
        const codes = reply["error-codes"];
        if (codes.length > 0 && codes.every((code) => SHOPPER_ERRORS.has(code))) return invalid;
        // A wrong secret, a malformed request or Cloudflare's own failure: not the shopper's doing.
        logger?.error("admission.turnstile_refused", { codes: codes.join(",") || "<none>" });
        return unavailable;
      }
      const solvedAt = reply.challenge_ts ? Date.parse(reply.challenge_ts) : NaN;
      const expiresAt = (Number.isFinite(solvedAt) ? solvedAt : now()) + TURNSTILE_TOKEN_TTL_MS;
      if (isTestSecret) {
        // Every dummy token is the same string: a random id lets each check count once.
        return { ok: true, id: createHash("sha256").update(crypto.randomUUID()).digest("hex").slice(0, 32), expiresAt };
      }
      // Idempotent checks repeat a success after the token's life; its own clock still ends it.
      if (expiresAt <= now()) return invalid;
      if (reply.action !== TURNSTILE_ACTION || reply.cdata !== turnstileCData(saleId, userId)) return invalid;
      return { ok: true, id: createHash("sha256").update(solution).digest("hex").slice(0, 32), expiresAt };
    },
  };
}
