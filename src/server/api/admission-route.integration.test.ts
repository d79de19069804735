// Challenges through the app's own tRPC route over HTTP, as a browser meets them: the page asks
// admission.challenge, solves it (altcha-lib's solver, as the widget does), and sends the payload
// with purchase.reserve or lobby.enter. Missing, forged and replayed solutions are refused 400 with
// a message and a reason, and nothing is reserved or entered; the device cookie is issued once and
// counted with the entry.
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { NextRequest } from "next/server";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { GET, POST } from "~/app/api/trpc/[trpc]/route";
import { createAltchaVerifier } from "~/server/admission/altcha-verifier";
import { DEVICE_COOKIE_NAME } from "~/server/admission/device-cookie";
import type { AppRouter } from "~/server/api/root";
import { mintSessionToken } from "~/server/auth/session-token";
import { deployment } from "~/server/deployment";
import { saleKeys } from "~/server/inventory/keys";
import { solvedChallenge } from "~/testing/challenges";
import { createArmedSale, createUsers, eventually } from "~/testing/fixtures";
import { harnessForFile, type Harness } from "~/testing/harness";
import { serveRoutes, type ServedRoutes } from "~/testing/serve-routes";

// The route builds this process's services from env; the marker package only guards bundling.
vi.mock("server-only", () => ({}));

// Small enough to solve in a few milliseconds here; the browser's figure is in the fairness notes.
const COST = 2_000;

const h = harnessForFile();
let served: ServedRoutes;
/** The app's namespace: the route serves with the process's own services, not the harness's. */
let app: Harness["deps"];

beforeAll(async () => {
  app = { ...h.deps, namespace: deployment.namespace };
  const route = (request: Request) => (request.method === "GET" ? GET : POST)(new NextRequest(request));
  served = await serveRoutes({
    "/api/trpc/purchase.reserve": route,
    "/api/trpc/lobby.enter": route,
    "/api/trpc/admission.challenge": route,
  });
});
afterAll(async () => {
  await served.close();
});

/** A signed-in browser: its session cookie, the device cookie once issued, and every response. */
async function browser() {
  const [user] = await createUsers(h.db, 1);
  const { cookieName, value } = await mintSessionToken(
    { ...user!, createdAt: new Date() },
    inject("stack").AUTH_SECRET,
  );
  const cookies = new Map<string, string>([[cookieName, value]]);
  const responses: Response[] = [];
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${served.url}/api/trpc`,
        transformer: superjson,
        headers: () => ({ cookie: [...cookies].map(([name, v]) => `${name}=${v}`).join("; ") }),
        fetch: async (url, init) => {
          const response = await fetch(url, init);
          responses.push(response.clone());
          // Keeps what the server sets, as a browser would.
          const set = response.headers.get("set-cookie");
          const pair = set?.split(";")[0];
          if (pair) cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
          return response;
        },
      }),
    ],
  });
  /** What the widget does: fetch a challenge for this sale, solve it, send back the payload. */
  const solve = async (saleId: string) => {
    const offer = await trpc.admission.challenge.query({ saleId });
    if (offer.kind !== "altcha") throw new Error(`expected an ALTCHA challenge, got ${offer.kind}`);
    const challenge = offer.challenge as unknown as Challenge;
    const solution = await solveChallenge({ challenge, deriveKey });
    if (!solution) throw new Error("the solver found no solution");
    return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
  };
  return { user: user!, trpc, responses, cookies, solve };
}

/** The refusal a call ended with: HTTP status, tRPC code, reason and message. */
async function refusalOf(call: Promise<unknown>, responses: Response[]) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCClientError)) throw new Error(`expected a refusal, got ${String(error)}`);
  const data = (error as TRPCClientError<AppRouter>).data;
  return { status: responses.at(-1)!.status, code: data?.code, reason: data?.reason, message: error.message };
}

async function nothingReserved(saleId: string, userId: string, stockBefore: number) {
  const keys = saleKeys(app.namespace, saleId);
  expect(await h.redis.hget(keys.buyers, userId)).toBeNull();
  expect(await h.redis.hexists(keys.entrants, userId)).toBe(0);
  expect(Number(await h.redis.hget(keys.sale, "stock"))).toBe(stockBefore);
}

describe("challenges on purchase.reserve over HTTP", () => {
  it("refuses a missing solution 400 CHALLENGE_REQUIRED, reserving nothing, then takes a solved one", async () => {
    const sale = await createArmedSale(app, { challengeCost: COST, totalStock: 5 });
    const shopper = await browser();

    const missing = await refusalOf(shopper.trpc.purchase.reserve.mutate({ saleId: sale.id }), shopper.responses);
    expect(missing).toMatchObject({ status: 400, code: "BAD_REQUEST", reason: "CHALLENGE_REQUIRED" });
    expect(missing.message).toMatch(/browser to complete a short check/);
    await nothingReserved(sale.id, shopper.user.id, 5);

    const reserved = await shopper.trpc.purchase.reserve.mutate({
      saleId: sale.id,
      challenge: await shopper.solve(sale.id),
    });
    expect(reserved.status).toBe("RESERVED");
    expect(Number(await h.redis.hget(saleKeys(app.namespace, sale.id).sale, "stock"))).toBe(4);
    expect(await h.redis.hget(saleKeys(app.namespace, sale.id).denials, "buy:CHALLENGE_REQUIRED")).toBe(1);
  });

  it("refuses forged and foreign solutions 400 CHALLENGE_INVALID, reserving nothing", async () => {
    const sale = await createArmedSale(app, { challengeCost: COST, totalStock: 5 });
    const other = await createArmedSale(app, { challengeCost: COST });
    const shopper = await browser();
    const forger = createAltchaVerifier({ hmacKey: "a key that is not the app's" });
    const forged = [
      // Signed with another key.
      await solvedChallenge(forger, { saleId: sale.id, userId: shopper.user.id, cost: COST }),
      // Genuine, for another sale.
      await shopper.solve(other.id),
      // Not a solution at all.
      Buffer.from(JSON.stringify({ challenge: null, solution: null, test: true })).toString("base64"),
      "x",
    ];
    for (const challenge of forged) {
      const refusal = await refusalOf(
        shopper.trpc.purchase.reserve.mutate({ saleId: sale.id, challenge }),
        shopper.responses,
      );
      expect(refusal).toMatchObject({ status: 400, code: "BAD_REQUEST", reason: "CHALLENGE_INVALID" });
      expect(refusal.message).toMatch(/did not verify/);
    }
    await nothingReserved(sale.id, shopper.user.id, 5);
    expect(await h.redis.hget(saleKeys(app.namespace, sale.id).denials, "buy:CHALLENGE_INVALID")).toBe(forged.length);
  });

  it("refuses an oversized solution as bad input before anything runs", async () => {
    const sale = await createArmedSale(app, { challengeCost: COST });
    const shopper = await browser();
    const refusal = await refusalOf(
      shopper.trpc.purchase.reserve.mutate({ saleId: sale.id, challenge: "A".repeat(4_097) }),
      shopper.responses,
    );
    expect(refusal).toMatchObject({ status: 400, code: "BAD_REQUEST" });
  });

  it("spends a solution on its first use: the same one again is refused 400 CHALLENGE_REPLAYED, reserving nothing", async () => {
    // The first use is answered "not started" and still spends the solution: one solution, one attempt.
    const startsAt = new Date(Date.now() + 2_500);
    const sale = await createArmedSale(app, { challengeCost: COST, totalStock: 5, startsAt });
    const shopper = await browser();
    const solution = await shopper.solve(sale.id);
    const early = await refusalOf(
      shopper.trpc.purchase.reserve.mutate({ saleId: sale.id, challenge: solution }),
      shopper.responses,
    );
    expect(early).toMatchObject({ status: 412, reason: "NOT_STARTED" });
    await eventually(() => Promise.resolve(Date.now() > startsAt.getTime() + 50), "the sale's start");

    const replayed = await refusalOf(
      shopper.trpc.purchase.reserve.mutate({ saleId: sale.id, challenge: solution }),
      shopper.responses,
    );
    expect(replayed).toMatchObject({ status: 400, code: "BAD_REQUEST", reason: "CHALLENGE_REPLAYED" });
    expect(replayed.message).toMatch(/already used/);
    await nothingReserved(sale.id, shopper.user.id, 5);

    const fresh = await shopper.trpc.purchase.reserve.mutate({
      saleId: sale.id,
      challenge: await shopper.solve(sale.id),
    });
    expect(fresh.status).toBe("RESERVED");
    expect(await h.redis.hget(saleKeys(app.namespace, sale.id).denials, "buy:CHALLENGE_REPLAYED")).toBe(1);
  });
});

describe("the device cookie over HTTP", () => {
  it("is issued once, signed and HttpOnly, and the entry counts against the device it names", async () => {
    const sale = await createArmedSale(app, { totalStock: 5 });
    const shopper = await browser();
    await shopper.trpc.admission.challenge.query({ saleId: sale.id });
    const issued = shopper.responses[0]!.headers.get("set-cookie") ?? "";
    expect(issued).toMatch(new RegExp(`^${DEVICE_COOKIE_NAME}=[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}; Path=/;`));
    expect(issued).toContain("HttpOnly");
    expect(issued).toContain("SameSite=Lax");
    const deviceId = shopper.cookies.get(DEVICE_COOKIE_NAME)!.split(".")[0]!;

    await shopper.trpc.purchase.reserve.mutate({ saleId: sale.id });
    // The browser sent it back: nothing new is issued.
    expect(shopper.responses[1]!.headers.get("set-cookie")).toBeNull();
    const entrant = await h.redis.hget<string>(saleKeys(app.namespace, sale.id).entrants, shopper.user.id);
    expect(String(entrant).split("|")[3]).toBe(deviceId);
  });

  it("replaces a forged cookie with a fresh signed one", async () => {
    const sale = await createArmedSale(app);
    const shopper = await browser();
    shopper.cookies.set(DEVICE_COOKIE_NAME, `${"A".repeat(22)}.${"B".repeat(43)}`);
    await shopper.trpc.admission.challenge.query({ saleId: sale.id });
    const reissued = shopper.cookies.get(DEVICE_COOKIE_NAME)!;
    expect(reissued.startsWith("A".repeat(22))).toBe(false);
    expect(shopper.responses[0]!.headers.get("set-cookie")).toContain(DEVICE_COOKIE_NAME);
  });
});

describe("challenges on lobby.enter over HTTP", () => {
  async function lobbySale() {
    return createArmedSale(app, {
      openingMode: "FAIR_DRAW",
      lobbyMinutes: 60,
      startsAt: new Date(Date.now() + 30 * 60_000),
      challengeCost: COST,
      totalStock: 3,
    });
  }

  async function notInLobby(saleId: string, userId: string) {
    const keys = saleKeys(app.namespace, saleId);
    expect(await h.redis.zscore(keys.lobby, userId)).toBeNull();
    expect(await h.redis.hexists(keys.entrants, userId)).toBe(0);
  }

  it("refuses missing and forged solutions 400, entering nothing, and admits a solved one", async () => {
    const sale = await lobbySale();
    const shopper = await browser();
    const missing = await refusalOf(shopper.trpc.lobby.enter.mutate({ saleId: sale.id }), shopper.responses);
    expect(missing).toMatchObject({ status: 400, reason: "CHALLENGE_REQUIRED" });
    const forged = await solvedChallenge(createAltchaVerifier({ hmacKey: "forger" }), {
      saleId: sale.id,
      userId: shopper.user.id,
      cost: COST,
    });
    const invalid = await refusalOf(
      shopper.trpc.lobby.enter.mutate({ saleId: sale.id, challenge: forged }),
      shopper.responses,
    );
    expect(invalid).toMatchObject({ status: 400, reason: "CHALLENGE_INVALID" });
    await notInLobby(sale.id, shopper.user.id);

    const entered = await shopper.trpc.lobby.enter.mutate({ saleId: sale.id, challenge: await shopper.solve(sale.id) });
    expect(entered).toMatchObject({ status: "ENTERED", lobby: { entered: true, entrants: 1, units: 3 } });
    expect(await h.redis.zscore(saleKeys(app.namespace, sale.id).lobby, shopper.user.id)).not.toBeNull();
  });

  it("refuses a lobby solution replayed by another stage 400 CHALLENGE_REPLAYED, reserving nothing", async () => {
    const sale = await lobbySale();
    const shopper = await browser();
    const solution = await shopper.solve(sale.id);
    expect((await shopper.trpc.lobby.enter.mutate({ saleId: sale.id, challenge: solution })).status).toBe("ENTERED");
    const replayed = await refusalOf(
      shopper.trpc.purchase.reserve.mutate({ saleId: sale.id, challenge: solution }),
      shopper.responses,
    );
    expect(replayed).toMatchObject({ status: 400, reason: "CHALLENGE_REPLAYED" });
    expect(await h.redis.hget(saleKeys(app.namespace, sale.id).buyers, shopper.user.id)).toBeNull();
  });

  it("tells a buyer who comes before a fair draw's start to enter the lobby (412 LOBBY_OPEN)", async () => {
    const sale = await lobbySale();
    const shopper = await browser();
    const early = await refusalOf(
      shopper.trpc.purchase.reserve.mutate({ saleId: sale.id, challenge: await shopper.solve(sale.id) }),
      shopper.responses,
    );
    expect(early).toMatchObject({ status: 412, code: "PRECONDITION_FAILED", reason: "LOBBY_OPEN" });
    expect(early.message).toMatch(/Enter the lobby/);
  });
});
