// Demo data for local development (`npm run db:seed`, and the first start of `npm run dev`): an
// admin, a shopper, and one sale in each phase (live now, upcoming, ended with an order). The live
// sale has its waitlist on, so the whole checkout can be tried: hold, pay or let expire, queue for
// a released unit. Safe to run again: everything is upserted by its natural key (email, slug,
// reservation id), and sale times and checkout settings are set only when first created.
//
// The returned sales are what a caller also needs to put each sale's hot state into Redis.
import type { DatabaseClient } from "~/server/db/create-prisma-client";
import type { Order, Sale, User } from "~/server/db/generated/client";

export const SEED_ADMIN_EMAIL = "admin@stampede.local";
export const SEED_SHOPPER_EMAIL = "shopper@stampede.local";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Checkout windows in seconds, as the sale stores them. */
const MINUTES = 60;

export interface SeedResult {
  admin: User;
  shopper: User;
  sales: { live: Sale; upcoming: Sale; ended: Sale };
  orders: Order[];
}

export async function seedDatabase(db: DatabaseClient, now: Date = new Date()): Promise<SeedResult> {
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

  return db.$transaction(async (tx) => {
    const admin = await tx.user.upsert({
      where: { email: SEED_ADMIN_EMAIL },
      create: { email: SEED_ADMIN_EMAIL, name: "Ada Admin", role: "ADMIN" },
      update: { role: "ADMIN" },
    });
    const shopper = await tx.user.upsert({
      where: { email: SEED_SHOPPER_EMAIL },
      create: { email: SEED_SHOPPER_EMAIL, name: "Sam Shopper" },
      update: {},
    });

    const live = await tx.sale.upsert({
      where: { slug: "aurora-runner" },
      update: {},
      create: {
        slug: "aurora-runner",
        title: "Aurora Runner",
        description:
          "A featherweight daily trainer with a knit upper and a springy foam sole. " +
          "One hundred pairs in sunset orange, one pair per shopper.",
        imageUrl: "/products/sneaker.svg",
        priceMinor: 8_900,
        currency: "USD",
        totalStock: 100,
        startsAt: at(-10 * MINUTE),
        endsAt: at(2 * HOUR),
        state: "PUBLISHED",
        // A popular drop: a short hold keeps units moving, and the queue catches what is let go.
        holdSeconds: 10 * MINUTES,
        offerSeconds: 5 * MINUTES,
        waitlistEnabled: true,
      },
    });
    const upcoming = await tx.sale.upsert({
      where: { slug: "nimbus-headphones" },
      update: {},
      create: {
        slug: "nimbus-headphones",
        title: "Nimbus ANC Headphones",
        description:
          "Over-ear headphones with adaptive noise cancelling and 40 hours of battery. " +
          "Fifty units drop in an hour; set a reminder.",
        imageUrl: "/products/headphones.svg",
        priceMinor: 12_900,
        currency: "USD",
        totalStock: 50,
        startsAt: at(HOUR),
        endsAt: at(3 * HOUR),
        state: "PUBLISHED",
        // A pricier item: a little longer to find a card.
        holdSeconds: 15 * MINUTES,
        offerSeconds: 5 * MINUTES,
        waitlistEnabled: false,
      },
    });
    const ended = await tx.sale.upsert({
      where: { slug: "tempo-field-watch" },
      update: {},
      create: {
        slug: "tempo-field-watch",
        title: "Tempo Field Watch",
        description:
          "A 38 mm automatic field watch with a sapphire crystal and a vegetable-tanned leather strap. " +
          "Twenty-five pieces, sold yesterday.",
        imageUrl: "/products/watch.svg",
        priceMinor: 14_900,
        currency: "USD",
        totalStock: 25,
        startsAt: at(-26 * HOUR),
        endsAt: at(-24 * HOUR),
        state: "ENDED",
        holdSeconds: 10 * MINUTES,
        offerSeconds: 5 * MINUTES,
        waitlistEnabled: false,
      },
    });

    const reservationId = `seed-${ended.slug}-${shopper.id}`;
    const order = await tx.order.upsert({
      where: { reservationId },
      update: {},
      create: {
        reservationId,
        saleId: ended.id,
        userId: shopper.id,
        status: "CONFIRMED",
        priceMinor: ended.priceMinor,
        currency: ended.currency,
        reservedAt: new Date(ended.startsAt.getTime() + 2_000),
      },
    });
    // The order holds a unit: the sale's durable count says so, as the order path would have.
    const sold = await tx.order.count({
      where: { saleId: ended.id, status: { in: ["PENDING", "CONFIRMED", "HELD", "PAID"] } },
    });
    await tx.sale.update({ where: { id: ended.id }, data: { soldCount: sold } });

    return { admin, shopper, sales: { live, upcoming, ended }, orders: [order] };
  });
}
