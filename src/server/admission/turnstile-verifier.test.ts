import { describe, expect, it } from "vitest";
import { createLogger, type LogFields } from "~/server/logger";
import {
  createTurnstileVerifier,
  SITEVERIFY_URL,
  TURNSTILE_ACTION,
  TURNSTILE_TEST_SECRETS,
  TURNSTILE_TOKEN_TTL_MS,
  turnstileCData,
} from "./turnstile-verifier";

const SECRET = "0x4AAAAAAA-real-looking-secret";
const sale = { saleId: "sale_a", userId: "user_a" };

interface Call {
  url: string;
  body: Record<string, unknown>;
}

/** Siteverify as a function of the request body: records every call, answers what the test says. */
function fakeSiteverify(answer: (body: Record<string, unknown>) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    calls.push({ url: String(url), body });
    return answer(body);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });

const passing = (overrides: Record<string, unknown> = {}) =>
  json({
    success: true,
    "error-codes": [],
    challenge_ts: new Date().toISOString(),
    hostname: "shop.example",
    action: TURNSTILE_ACTION,
    cdata: turnstileCData(sale.saleId, sale.userId),
    ...overrides,
  });

function verifierWith(answer: Parameters<typeof fakeSiteverify>[0], secretKey = SECRET) {
  const site = fakeSiteverify(answer);
  const lines: Array<{ event: string } & LogFields> = [];
  const logger = createLogger({
    level: "debug",
    sink: (_level, line) => lines.push(JSON.parse(line) as { event: string } & LogFields),
  });
  const verifier = createTurnstileVerifier({ secretKey, siteKey: "0x4AAAAAAA-site", fetch: site.fetch, logger });
  return { verifier, calls: site.calls, lines };
}

const verify = (verifier: ReturnType<typeof createTurnstileVerifier>, solution = "token-1", binding = sale) =>
  verifier.verify({ ...binding, solution, remoteIp: "203.0.113.9" });

describe("Turnstile verifier", () => {
  it("offers the site key with the action and the sale-and-shopper cData the token must carry", async () => {
    const { verifier } = verifierWith(() => passing());
    expect(verifier.kind).toBe("turnstile");
    const offer = await verifier.issue({ ...sale, cost: 1 });
    expect(offer).toEqual({
      kind: "turnstile",
      siteKey: "0x4AAAAAAA-site",
      action: TURNSTILE_ACTION,
      cData: turnstileCData("sale_a", "user_a"),
    });
    expect(offer.kind === "turnstile" && offer.cData).toMatch(/^[0-9a-f]{32}$/);
    expect(turnstileCData("sale_a", "user_b")).not.toBe(turnstileCData("sale_a", "user_a"));
  });

  it("accepts a passing token: one Siteverify call with secret, token, address and an idempotency key", async () => {
    const { verifier, calls } = verifierWith(() => passing());
    const verdict = await verify(verifier);
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.ok && verdict.id).toMatch(/^[0-9a-f]{32}$/);
    expect(verdict.ok && verdict.expiresAt).toBeGreaterThan(Date.now() + TURNSTILE_TOKEN_TTL_MS - 5_000);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(SITEVERIFY_URL);
    expect(calls[0]!.body).toMatchObject({ secret: SECRET, response: "token-1", remoteip: "203.0.113.9" });
    expect(calls[0]!.body.idempotency_key).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("checks one token with one idempotency key every time, so a retry is answered, and a replay reaches the sale's step with the same id", async () => {
    // Cloudflare repeats its first answer for a known idempotency key, solve time included.
    const solvedAt = new Date().toISOString();
    const { verifier, calls } = verifierWith(() => passing({ challenge_ts: solvedAt }));
    const first = await verify(verifier);
    const again = await verify(verifier);
    const other = await verify(verifier, "token-2");
    expect(again).toEqual(first);
    expect(calls[0]!.body.idempotency_key).toBe(calls[1]!.body.idempotency_key);
    expect(calls[2]!.body.idempotency_key).not.toBe(calls[0]!.body.idempotency_key);
    expect(first.ok && other.ok && first.id !== other.id).toBe(true);
  });

  it("refuses a token made for another sale or shopper, or another action", async () => {
    const { verifier } = verifierWith(() => passing());
    expect(await verify(verifier, "token-1", { saleId: "sale_b", userId: "user_a" })).toEqual({
      ok: false,
      reason: "CHALLENGE_INVALID",
    });
    const otherAction = verifierWith(() => passing({ action: "login" })).verifier;
    expect(await verify(otherAction)).toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
  });

  it("refuses a token solved more than its lifetime ago, even when Siteverify repeats an earlier success", async () => {
    const solvedAt = new Date(Date.now() - TURNSTILE_TOKEN_TTL_MS - 1_000).toISOString();
    const { verifier } = verifierWith(() => passing({ challenge_ts: solvedAt }));
    expect(await verify(verifier)).toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
  });

  it.each([
    ["invalid-input-response"],
    ["missing-input-response"],
    // Spent or expired: Siteverify cannot tell which. Our own checks of one token never get it
    // (same idempotency key), so it means a token someone else already used.
    ["timeout-or-duplicate"],
  ])("refuses the shopper's token on %s", async (code) => {
    const { verifier, lines } = verifierWith(() => json({ success: false, "error-codes": [code] }));
    expect(await verify(verifier)).toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
    expect(lines.filter((line) => line.level === "error")).toEqual([]);
  });

  it.each([["invalid-input-secret"], ["missing-input-secret"], ["bad-request"], ["internal-error"]])(
    "answers unavailable, and logs, on %s (not the shopper's doing)",
    async (code) => {
      const { verifier, lines } = verifierWith(() => json({ success: false, "error-codes": [code] }));
      expect(await verify(verifier)).toEqual({ ok: false, reason: "CHALLENGE_UNAVAILABLE" });
      expect(lines).toContainEqual(expect.objectContaining({ event: "admission.turnstile_refused", codes: code }));
      // The secret never reaches a log line.
      expect(JSON.stringify(lines)).not.toContain(SECRET);
    },
  );

  it("answers unavailable when Siteverify cannot be reached, errs, or says something unreadable", async () => {
    const failures: Array<() => Response | Promise<Response>> = [
      () => Promise.reject(new TypeError("fetch failed")),
      () => new Response("upstream down", { status: 502 }),
      () => new Response("<html>not json</html>", { status: 200 }),
      () => json({ unexpected: true }),
    ];
    for (const failure of failures) {
      const { verifier } = verifierWith(failure);
      expect(await verify(verifier)).toEqual({ ok: false, reason: "CHALLENGE_UNAVAILABLE" });
    }
  });

  it("refuses empty and oversized tokens without asking Cloudflare", async () => {
    const { verifier, calls } = verifierWith(() => passing());
    expect(await verify(verifier, "")).toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
    expect(await verify(verifier, "x".repeat(2_049))).toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
    expect(calls).toHaveLength(0);
  });

  it("with Cloudflare's test secret, accepts the dummy token without a binding and counts each check once", async () => {
    const { verifier } = verifierWith(
      () => json({ success: true, "error-codes": [], hostname: "example.com" }),
      TURNSTILE_TEST_SECRETS[0],
    );
    const first = await verify(verifier, "XXXX.DUMMY.TOKEN.XXXX");
    const second = await verify(verifier, "XXXX.DUMMY.TOKEN.XXXX", { saleId: "sale_b", userId: "user_b" });
    expect(first.ok && second.ok && first.id !== second.id).toBe(true);
  });
});
