// The storm: N signed-in shoppers press "buy" on one sale over real HTTP, at most C requests in
// flight. A shopper told to come back (503 resuming/busy, 429, a 5xx, a refused connection) waits
// the Retry-After it was given (or a short backoff) and tries again, within bounds; every answer is
// recorded, so the books can be checked against what shoppers were told.
import { classifyAnswer, isTransient, type Answer, type AnswerKind } from "./answers";

export interface Shopper {
  userId: string;
  /** `authjs.session-token=…`, minted as Auth.js would set it on http. */
  cookie: string;
  /** Sent as X-Forwarded-For (the app process trusts one proxy hop), so shoppers are distinct clients. */
  ip: string;
}

export interface StormOptions {
  appUrl: string;
  saleId: string;
  shoppers: readonly Shopper[];
  concurrency: number;
  /** A shopper stops retrying after this long since its first attempt. */
  giveUpAfterMs?: number;
  /** Backoff for answers that carry no Retry-After (5xx, refused connections). */
  backoffMs?: number;
}

export interface ShopperResult {
  shopper: Shopper;
  /** The last answer: definitive, or the transient one the shopper gave up on. */
  final: Answer;
  gaveUp: boolean;
  /** Every reservation id the shopper was told it holds (RESERVED or ALREADY_RESERVED). */
  reservationIds: string[];
}

export interface StormResult {
  answers: Answer[];
  shoppers: ShopperResult[];
  startedAt: number;
  endedAt: number;
  count(kind: AnswerKind): number;
  counts(): Partial<Record<AnswerKind, number>>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A FIFO limit on requests in flight (a shopper sleeping before a retry holds no slot). */
function semaphore(limit: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active += 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

/** One press of the buy button: one HTTP call to purchase.reserve, classified. */
export async function reserveOnce(appUrl: string, saleId: string, shopper: Shopper): Promise<Answer> {
  const at = Date.now();
  try {
    const response = await fetch(`${appUrl}/api/trpc/purchase.reserve`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: shopper.cookie, "x-forwarded-for": shopper.ip },
      body: JSON.stringify({ json: { saleId } }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return classifyAnswer({ at, status: response.status, retryAfter: response.headers.get("retry-after"), text });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return {
      at,
      kind: "NETWORK",
      status: 0,
      message: `${error instanceof Error ? error.message : String(error)}${cause}`,
    };
  }
}

/** What order.status answers this shopper through the app (the storefront's follow-up to a refusal). */
export async function orderStatusOnce(appUrl: string, saleId: string, shopper: Shopper): Promise<string> {
  const input = encodeURIComponent(JSON.stringify({ json: { saleId } }));
  const response = await fetch(`${appUrl}/api/trpc/order.status?input=${input}`, {
    headers: { cookie: shopper.cookie, "x-forwarded-for": shopper.ip },
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { result?: { data?: { json?: { state?: string } } } };
  return body.result?.data?.json?.state ?? `HTTP_${response.status}`;
}

export function startStorm(options: StormOptions) {
  const answers: Answer[] = [];
  const tally = new Map<AnswerKind, number>();
  const watchers: Array<{ kind: AnswerKind; count: number; resolve: () => void }> = [];
  const limit = semaphore(options.concurrency);
  const giveUpAfterMs = options.giveUpAfterMs ?? 90_000;
  const backoffMs = options.backoffMs ?? 300;
  const startedAt = Date.now();

  const record = (answer: Answer) => {
    answers.push(answer);
    const count = (tally.get(answer.kind) ?? 0) + 1;
    tally.set(answer.kind, count);
    for (const watcher of watchers.filter((w) => w.kind === answer.kind && w.count <= count)) {
      watchers.splice(watchers.indexOf(watcher), 1);
      watcher.resolve();
    }
  };

  async function shop(shopper: Shopper): Promise<ShopperResult> {
    const first = Date.now();
    const reservationIds: string[] = [];
    for (let attempt = 1; ; attempt += 1) {
      const answer = await limit(() => reserveOnce(options.appUrl, options.saleId, shopper));
      answer.userId = shopper.userId;
      answer.ms = Date.now() - answer.at;
      record(answer);
      if (answer.reservationId && !reservationIds.includes(answer.reservationId)) {
        reservationIds.push(answer.reservationId);
      }
      if (!isTransient(answer.kind)) return { shopper, final: answer, gaveUp: false, reservationIds };
      const wait =
        answer.retryAfterSeconds !== undefined
          ? answer.retryAfterSeconds * 1000
          : backoffMs * Math.min(attempt, 5) * (0.5 + Math.random());
      if (Date.now() + wait - first > giveUpAfterMs) return { shopper, final: answer, gaveUp: true, reservationIds };
      await sleep(wait);
    }
  }

  const done: Promise<StormResult> = Promise.all(options.shoppers.map(shop)).then((shoppers) => ({
    answers,
    shoppers,
    startedAt,
    endedAt: Date.now(),
    count: (kind: AnswerKind) => tally.get(kind) ?? 0,
    counts: () => Object.fromEntries(tally) as Partial<Record<AnswerKind, number>>,
  }));

  return {
    done,
    count: (kind: AnswerKind) => tally.get(kind) ?? 0,
    /** Resolves once `count` answers of `kind` have been recorded (e.g. a third of the units sold). */
    reached(kind: AnswerKind, count: number): Promise<void> {
      if ((tally.get(kind) ?? 0) >= count) return Promise.resolve();
      const reached = new Promise<void>((resolve) => watchers.push({ kind, count, resolve }));
      const ended = done.then(() => {
        if ((tally.get(kind) ?? 0) < count) throw new Error(`the storm ended before ${count} ${kind} answers`);
      });
      return Promise.race([reached, ended]);
    },
  };
}

export type Storm = ReturnType<typeof startStorm>;
