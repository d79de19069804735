// A fair draw's lobby and its draw as one service (docs/fair-opening.md). Entering asks the rate
// limiter and the admission gate, then the sale's atomic step (enter-lobby.lua). The draw runs
// once, in Redis, wherever it is first found due (draw.lua, or inside the reserve and lobby
// scripts); whoever ran it follows it up here: the draw's facts are recorded on the sale at once
// (so a re-arm never draws again), one QStash message persists the winners' orders and every
// entrant, and the winners' hold expiries are scheduled.
import type { Client as QStashClient } from "@upstash/qstash";
import type { HoldFollowUp } from "~/server/checkout/follow-up";
import type { AdmissionGate } from "~/server/admission/types";
import { runDraw, type DrawnFacts } from "~/server/inventory/draw";
import { enterLobby } from "~/server/inventory/enter-lobby";
import type { MissingStateVerdict } from "~/server/inventory/resume-sale";
import type { DeliveryDeps } from "~/server/orders/deliveries";
import type { DrawPublishTarget } from "~/server/orders/qstash-destinations";
import type { RateLimitVerdict } from "~/server/ratelimit";
import { publishDrawMessage } from "./draw-message";
import { lobbyViewOfEntry } from "./lobby-view";
import { persistDraw, recordDrawn } from "./persist-draw";
import type { DrawRun, EnterLobbyOutcome, LobbyService } from "./types";

export interface LobbyDeps extends DeliveryDeps {
  qstash: QStashClient;
  drawTarget: () => DrawPublishTarget;
  followUp: HoldFollowUp;
  admission: AdmissionGate;
  /** The `lobbyEnter` policy of ~/server/ratelimit, keyed by shopper and address. */
  rateLimit: (input: { userId: string; ip: string | null }) => Promise<RateLimitVerdict>;
  /** Asked when the lobby script finds no state for a sale: resuming, or really unknown. */
  onMissingState?: (saleId: string) => Promise<MissingStateVerdict>;
}

/** What the draw route did with a sale. */
export type DrawRouteResult =
  | { result: "DRAWN"; entrants: number; winners: number }
  | { result: "PERSISTED"; entrants: number }
  | { result: "NOT_DUE"; startsAt: number; state: string }
  | { result: "NOT_FAIR_DRAW" | "UNKNOWN_SALE" };

export interface FairDrawService extends LobbyService {
  /** Follows up a draw another step ran (a reserve, a lobby request): never throws. */
  afterDraw(saleId: string, drawn: DrawnFacts): Promise<void>;
  /** The draw route's work: draw if due, persist what was drawn, schedule the winners' expiries. */
  drawAndPersist(saleId: string): Promise<DrawRouteResult>;
  /** Schedules the start message of a published fair draw not yet drawn; false when there is none to schedule. */
  scheduleDraw(saleId: string): Promise<boolean>;
  /**
   * The reconciler's backstop: runs and persists every fair draw past its start that may still
   * draw, persists drawn sales whose entrants are not all filed, and files the lobby of a sale that
   * ended before its draw (never trying to draw it). Answers how many sales it persisted something for.
   */
  drawAllDue(): Promise<number>;
}

const drawLog = (saleId: string, drawn: DrawnFacts) => ({
  saleId,
  entrants: drawn.entrants,
  winners: drawn.winners.length,
  tookMs: Math.round(drawn.tookUs / 100) / 10,
});

const UNAVAILABLE = { ok: false, reason: "UNAVAILABLE", retryAfterSeconds: 2 } as const;
/** Fair draws whose end is further back than this are not looked at by the backstop again. */
const BACKSTOP_LOOKBACK_MS = 7 * 86_400_000;

export function createLobbyService(deps: LobbyDeps): FairDrawService {
  const { db, redis, namespace, logger, admission } = deps;
  const messageOf = (error: unknown) => (error instanceof Error ? error.message.split("\n")[0] : String(error));

  async function afterDraw(saleId: string, drawn: DrawnFacts): Promise<void> {
    logger.info("draw.ran", drawLog(saleId, drawn));
    const [recorded, published] = await Promise.allSettled([
      // At once and on its own: a re-arm restores the draw from here, so it never runs twice even
      // when Redis loses the sale before the draw message is delivered.
      recordDrawn(db, saleId, { drawnAt: new Date(drawn.drawnAt), entrants: drawn.entrants }),
      Promise.resolve().then(() => publishDrawMessage(deps.qstash, deps.drawTarget(), { saleId, purpose: "persist" })),
      // The orders travel in the draw message: only the expiries are scheduled here.
      deps.followUp(saleId, { offers: drawn.winners, ordersPersisted: true }),
    ]);
    if (recorded.status === "rejected") {
      // The draw message and the reconciler record it too (the draw is in Redis meanwhile).
      logger.warn("draw.record_failed", { saleId, message: messageOf(recorded.reason) });
    }
    if (published.status === "rejected") {
      // The start message and the reconciler both persist a drawn sale: this delays, never loses.
      logger.warn("draw.persist_message_failed", { saleId, message: messageOf(published.reason) });
    }
  }

  // At the start every open page's poll finds the draw due at once: one script call per instance
  // and sale answers them all.
  const drawing = new Map<string, Promise<DrawRun>>();
  function drawIfDue(saleId: string): Promise<DrawRun> {
    let run = drawing.get(saleId);
    if (!run) {
      run = drawOnce(saleId).finally(() => drawing.delete(saleId));
      drawing.set(saleId, run);
    }
    return run;
  }

  async function drawOnce(saleId: string): Promise<DrawRun> {
    const outcome = await runDraw(redis, { namespace, saleId });
    switch (outcome.status) {
      case "DRAWN":
        await afterDraw(saleId, outcome.drawn);
        return {
          ran: true,
          entrants: outcome.drawn.entrants,
          winners: outcome.drawn.winners.length,
          drawnAt: new Date(outcome.drawn.drawnAt),
        };
      case "ALREADY_DRAWN":
        return { ran: false, entrants: outcome.entrants, winners: outcome.winners, drawnAt: new Date(outcome.drawnAt) };
      default:
        return { ran: false, entrants: 0, winners: 0, drawnAt: null };
    }
  }

  async function drawAndPersist(saleId: string): Promise<DrawRouteResult> {
    const outcome = await runDraw(redis, { namespace, saleId });
    switch (outcome.status) {
      case "DRAWN": {
        const { drawn } = outcome;
        logger.info("draw.ran", drawLog(saleId, drawn));
        await recordDrawn(db, saleId, { drawnAt: new Date(drawn.drawnAt), entrants: drawn.entrants });
        await Promise.all([
          persistDraw(deps, saleId),
          deps.followUp(saleId, { offers: drawn.winners, ordersPersisted: true }),
        ]);
        return { result: "DRAWN", entrants: drawn.entrants, winners: drawn.winners.length };
      }
      case "ALREADY_DRAWN":
        await persistDraw(deps, saleId);
        return { result: "PERSISTED", entrants: outcome.entrants };
      case "NOT_DUE":
        return { result: "NOT_DUE", startsAt: outcome.startsAt, state: outcome.state };
      default:
        return { result: outcome.status };
    }
  }

  return {
    async enter(input): Promise<EnterLobbyOutcome> {
      const { saleId, userId } = input;
      const verdict = await deps.rateLimit({ userId, ip: input.clientIp });
      if (!verdict.allowed) {
        if ("limiterUnavailable" in verdict) return { ok: false, reason: "LIMITER_UNAVAILABLE" };
        await admission.countDenial(saleId, "lobby", "RATE_LIMITED");
        deps.metrics?.count(saleId, "ratelimit.denied");
        return { ok: false, reason: "RATE_LIMITED", retryAfterSeconds: verdict.retryAfterSeconds };
      }
      const prepared = await admission.prepare({
        saleId,
        userId,
        stage: "lobby",
        solution: input.challenge,
        origin: input.origin,
        clientIp: input.clientIp,
        accountCreatedAt: input.accountCreatedAt,
      });
      if (!prepared.ok) {
        await admission.countDenial(saleId, "lobby", prepared.reason);
        if (prepared.reason === "CHALLENGE_REQUIRED" || prepared.reason === "CHALLENGE_INVALID") {
          deps.metrics?.count(saleId, `challenge.${prepared.reason}`);
        }
        return { ok: false, reason: prepared.reason };
      }

      let step;
      try {
        step = await enterLobby(redis, { namespace, saleId, userId, admission: prepared.admission });
      } catch (error) {
        logger.error("lobby.enter_unavailable", { saleId, message: messageOf(error) });
        return UNAVAILABLE;
      }
      if (step.draw) await afterDraw(saleId, step.draw);
      if (step.ok) {
        logger.info("lobby.decision", { saleId, userId, outcome: step.status, entrants: step.lobby.entrants });
        return { ok: true, status: step.status, lobby: lobbyViewOfEntry(step.lobby, userId) };
      }
      logger.info("lobby.decision", { saleId, userId, outcome: step.reason });
      switch (step.reason) {
        case "LOBBY_NOT_OPEN":
          return { ok: false, reason: step.reason, opensAt: step.opensAt };
        case "UNKNOWN_SALE": {
          // Never a 404 for a sale that exists: its state in Redis is missing, and it is coming back.
          const missing = await deps.onMissingState?.(saleId).catch(() => "UNREADABLE" as const);
          if (missing === "RESUMING") return { ok: false, reason: "UNAVAILABLE", retryAfterSeconds: 3 };
          if (missing === "UNREADABLE") return UNAVAILABLE;
          return { ok: false, reason: "UNKNOWN_SALE" };
        }
        default:
          return { ok: false, reason: step.reason };
      }
    },

    drawIfDue,
    afterDraw,
    drawAndPersist,

    async persistDraw(saleId) {
      await persistDraw(deps, saleId);
    },

    async scheduleDraw(saleId) {
      const sale = await db.sale.findUnique({
        where: { id: saleId },
        select: { openingMode: true, state: true, startsAt: true, endsAt: true, drawnAt: true },
      });
      const now = Date.now();
      if (!sale || sale.openingMode !== "FAIR_DRAW" || sale.state !== "PUBLISHED" || sale.drawnAt) return false;
      if (sale.endsAt.getTime() <= now) return false;
      // At the start; a sale resumed after its start is drawn at once (its own deduplication id).
      const at = Math.max(sale.startsAt.getTime(), now);
      await publishDrawMessage(deps.qstash, deps.drawTarget(), {
        saleId,
        purpose: `start-${Math.ceil(at / 1000)}`,
        notBefore: at,
      });
      return true;
    },

    async drawAllDue() {
      const now = new Date();
      const lookback = new Date(now.getTime() - BACKSTOP_LOOKBACK_MS);
      // Draws that may still run: published (or paused) after the start, before the end.
      const drawable = await db.sale.findMany({
        where: {
          openingMode: "FAIR_DRAW",
          drawnAt: null,
          state: { in: ["PUBLISHED", "PAUSED"] },
          startsAt: { lte: now },
          endsAt: { gt: now },
        },
        select: { id: true },
      });
      // Draws whose entrants are not all filed, and sales that ended before their draw with their
      // lobby not filed: only persisted, never drawn (a draw after the end cannot run). Each drops
      // out once its entrants are in; one whose evidence Redis lost stays until the lookback.
      const unfiled = await db.$queryRaw<Array<{ id: string }>>`
        SELECT s."id" FROM "Sale" s
        WHERE s."openingMode" = 'FAIR_DRAW'
          AND s."state" IN ('PUBLISHED', 'PAUSED', 'ENDED')
          AND s."endsAt" > ${lookback}
          AND (
            (s."drawnAt" IS NOT NULL AND s."drawEntrants" > (
              SELECT count(*) FROM "SaleEntrant" e WHERE e."saleId" = s."id" AND e."drawPosition" IS NOT NULL))
            OR (s."drawnAt" IS NULL AND (s."state" = 'ENDED' OR s."endsAt" <= ${now}) AND NOT EXISTS (
              SELECT 1 FROM "SaleEntrant" e WHERE e."saleId" = s."id" AND e."via" = 'LOBBY'))
          )`;
      let persisted = 0;
      for (const sale of drawable) {
        try {
          const done = await drawAndPersist(sale.id);
          logger.debug("draw.backstop", { saleId: sale.id, step: "draw", result: done.result });
          if (done.result === "DRAWN" || done.result === "PERSISTED") persisted++;
        } catch (error) {
          logger.error("draw.backstop_failed", { saleId: sale.id, message: messageOf(error) });
        }
      }
      for (const sale of unfiled) {
        try {
          const written = await persistDraw(deps, sale.id);
          logger.debug("draw.backstop", { saleId: sale.id, step: "file", filed: written.inserted });
          if (written.inserted > 0) persisted++;
        } catch (error) {
          logger.error("draw.backstop_failed", { saleId: sale.id, message: messageOf(error) });
        }
      }
      return persisted;
    },
  };
}
