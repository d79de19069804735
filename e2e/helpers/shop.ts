// Sales and shoppers for one test, made directly in the stack and removed afterwards.
import { randomBytes } from "node:crypto";
import type { OpeningMode } from "~/lib/fair-draw";
import type { StorefrontState } from "~/lib/sale";
import { newDrawSeed } from "~/server/fair-draw/draw-order";
import { armSaleInRedis } from "~/server/inventory/arm-sale";
import { saleKeyList, saleKeys } from "~/server/inventory/keys";
import { checkRateLimit, rateLimitPolicies } from "~/server/ratelimit";
import { waitForRoomInWindow } from "~/testing/fixtures";
import type { E2eStack } from "./stack";

export const uniqueSuffix = () => randomBytes(5).toString("hex");

export interface SaleSetup {
  /** Start relative to now; negative for a sale already running. Default −1 min. */
  startsInMs?: number;
  durationMs?: number;
  totalStock?: number;
  /** Units already taken by other shoppers (stock = total − taken). */
  taken?: number;
  state?: StorefrontState;
  title?: string;
  /** FAIR_DRAW gets a fresh seed and its commitment, as saving one in the admin editor does. */
  openingMode?: OpeningMode;
  lobbyMinutes?: number;
  challengeCost?: number;
  minAccountAgeDays?: number;
}

export interface CreatedSale {
  id: string;
  slug: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  /** The draw's secret, known to the test so it can re-derive the order; null for first come. */
  drawSeed: string | null;
  drawCommitment: string | null;
}

export interface Shopper {
  id: string;
  email: string;
  role: "SHOPPER";
  createdAt: Date;
}

export interface ShopFixture {
  createSale(setup?: SaleSetup): Promise<CreatedSale>;
  createShopper(): Promise<Shopper>;
  /** Remembers a shopper who signed up through the UI, so it is removed with the rest. */
  forgetEmailAfterwards(email: string): void;
  stockLeft(saleId: string): Promise<number>;
  setStockLeft(saleId: string, stock: number): Promise<void>;
  /** Changes the state the reservation script sees, as an admin's live edit does. */
  setLiveState(saleId: string, state: Exclude<StorefrontState, "ENDED">): Promise<void>;
  /** Spends a shopper's reservation allowance, as a burst of retries would. */
  exhaustReserveLimit(userId: string): Promise<void>;
  cleanup(): Promise<void>;
}

export function createShop(stack: E2eStack): ShopFixture {
  const saleIds: string[] = [];
  const emails: string[] = [];

  return {
    async createSale(setup = {}) {
      const suffix = uniqueSuffix();
      const startsAt = new Date(Date.now() + (setup.startsInMs ?? -60_000));
      const fairDraw = setup.openingMode === "FAIR_DRAW";
      const draw = fairDraw ? newDrawSeed() : null;
      const sale = await stack.db.sale.create({
        data: {
          slug: `e2e-${suffix}`,
          title: setup.title ?? `Test drop ${suffix}`,
          description: "A sale set up by the storefront browser tests.",
          imageUrl: "/products/sneaker.svg",
          priceMinor: 4_200,
          currency: "USD",
          totalStock: setup.totalStock ?? 5,
          startsAt,
          endsAt: new Date(startsAt.getTime() + (setup.durationMs ?? 3_600_000)),
          state: setup.state ?? "PUBLISHED",
          openingMode: setup.openingMode ?? "FIRST_COME",
          lobbyMinutes: setup.lobbyMinutes ?? 10,
          challengeCost: setup.challengeCost ?? 0,
          minAccountAgeDays: setup.minAccountAgeDays ?? 0,
          // A fair draw always keeps a waitlist: the entrants not drawn queue in drawn order.
          waitlistEnabled: fairDraw,
          drawSeed: draw?.seed ?? null,
          drawCommitment: draw?.commitment ?? null,
        },
      });
      saleIds.push(sale.id);
      // Other shoppers' units, as the reservation script would have recorded them.
      const taken = Array.from({ length: setup.taken ?? 0 }, (_, index) => ({
        userId: `e2e-other-${suffix}-${index}`,
        reservationId: `rsv_e2e_${suffix}_${index}`,
        reservedAt: new Date(),
        status: "CONFIRMED",
        expiresAt: null,
        holdKind: "RESERVATION",
      }));
      await armSaleInRedis(stack.redis, stack.namespace, sale, taken);
      return sale;
    },

    async createShopper() {
      const email = `shopper-${uniqueSuffix()}@stampede.test`;
      emails.push(email);
      const user = await stack.db.user.create({ data: { email, role: "SHOPPER" } });
      return { id: user.id, email, role: "SHOPPER" as const, createdAt: user.createdAt };
    },

    forgetEmailAfterwards(email) {
      emails.push(email);
    },

    async stockLeft(saleId) {
      return Number(await stack.redis.hget(saleKeys(stack.namespace, saleId).sale, "stock"));
    },

    async setStockLeft(saleId, stock) {
      await stack.redis.hset(saleKeys(stack.namespace, saleId).sale, { stock });
    },

    async setLiveState(saleId, state) {
      await stack.redis.hset(saleKeys(stack.namespace, saleId).sale, { state });
    },

    async exhaustReserveLimit(userId) {
      // The sliding window weighs the previous window's count: spend the allowance and click well
      // inside one window, or the click may land where the spent calls have mostly aged out.
      await waitForRoomInWindow(10_000, 6_000); // the reserve policy's per-shopper window: 10 s
      for (let attempt = 0; attempt <= rateLimitPolicies.reserve.perUser.tokens; attempt++) {
        await checkRateLimit(stack.redis, { namespace: stack.namespace, policy: "reserve", userId, ip: null });
      }
    },

    async cleanup() {
      if (saleIds.length > 0) {
        await stack.db.order.deleteMany({ where: { saleId: { in: saleIds } } });
        await stack.db.sale.deleteMany({ where: { id: { in: saleIds } } });
        await stack.redis.del(...saleIds.flatMap((id) => saleKeyList(saleKeys(stack.namespace, id))));
      }
      if (emails.length > 0) {
        await stack.db.order.deleteMany({ where: { user: { email: { in: emails } } } });
        await stack.db.user.deleteMany({ where: { email: { in: emails } } });
      }
    },
  };
}
