// Two `next start` instances of one build on one stack (playwright.config.ts serves both): a storm
// of shoppers split across them, then /api/metrics from each. The counts live in Redis, counted in
// the reserve step itself, so both instances must give the same figures — and they must be the
// books: the units reserved, and every other attempt sold out.
import { readFileSync } from "node:fs";
import http from "node:http";
import { z } from "zod";
import { mintSessionToken } from "~/server/auth/session-token";
import { loadProjectEnv } from "../scripts/local-stack/env-file";
import { expect, test } from "./helpers/fixtures";
import { uniqueSuffix } from "./helpers/shop";
import { stackFileFor } from "./helpers/stack";

const UNITS = 40;
const SHOPPERS = 400;

const stackFile = z.object({ appUrls: z.array(z.string()).length(2), metricsToken: z.string().min(16) });

function servedInstances(baseURL: string) {
  return stackFile.parse(JSON.parse(readFileSync(stackFileFor(baseURL), "utf8")));
}

/** POSTs JSON to an instance over IPv4 from the given loopback address; answers the status. */
function post(appUrl: string, path: string, from: string, request: { cookie: string; body: string }): Promise<number> {
  const { port } = new URL(appUrl);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        localAddress: from,
        agent: false,
        headers: { "content-type": "application/json", cookie: request.cookie },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

/** The sale's samples of one instance's exposition, "name{labels}" → value. */
async function scrape(appUrl: string, token: string, slug: string): Promise<Map<string, number>> {
  const response = await fetch(`${appUrl}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("version=0.0.4");
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split("\n")) {
    if (line.startsWith("#") || !line.includes(`sale="${slug}"`)) continue;
    const space = line.lastIndexOf(" ");
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

test("two instances on one Redis report the same counts, and the counts are the books", async ({
  stack,
  shop,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { appUrls, metricsToken } = servedInstances(baseURL!);

  // Without the token there is nothing to see.
  for (const appUrl of appUrls) {
    expect((await fetch(`${appUrl}/api/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${appUrl}/api/metrics`, { headers: { authorization: "Bearer wrong-token-of-24-chars" } })).status,
    ).toBe(401);
  }

  const sale = await shop.createSale({ totalStock: UNITS });
  const suffix = uniqueSuffix();
  const emails = Array.from({ length: SHOPPERS }, (_, index) => `storm-${suffix}-${index}@stampede.test`);
  for (const email of emails) shop.forgetEmailAfterwards(email);
  await stack.db.user.createMany({ data: emails.map((email) => ({ email, role: "SHOPPER" as const })) });
  const users = await stack.db.user.findMany({
    where: { email: { in: emails } },
    select: { id: true, email: true, createdAt: true },
  });
  loadProjectEnv(process.cwd(), "production");
  const secret = process.env.AUTH_SECRET!;

  // Every shopper once, alternating instances, all at once. Each comes from its own loopback
  // address, four to a /24, so the per-block allowance (5 entries) and the per-address rate limit
  // see a crowd, as they would in production, rather than one address.
  const statuses = await Promise.all(
    users.map(async (user, index) => {
      const token = await mintSessionToken({ ...user, role: "SHOPPER" }, secret);
      const from = `127.0.${1 + Math.floor(index / 4)}.${1 + (index % 4)}`;
      return post(appUrls[index % 2]!, "/api/trpc/purchase.reserve", from, {
        cookie: `${token.cookieName}=${token.value}`,
        body: JSON.stringify({ json: { saleId: sale.id } }),
      });
    }),
  );
  expect(statuses.filter((status) => status === 200)).toHaveLength(UNITS);
  expect(statuses.filter((status) => status === 409)).toHaveLength(SHOPPERS - UNITS);

  // App-side counts (publishes, sold out from memory) reach Redis within a second of each instance.
  const counters = (samples: Map<string, number>) =>
    [...samples].filter(([name]) => name.includes("_total{")).sort(([a], [b]) => a.localeCompare(b));
  let first = new Map<string, number>();
  let second = new Map<string, number>();
  await expect
    .poll(
      async () => {
        [first, second] = await Promise.all([
          scrape(appUrls[0]!, metricsToken, sale.slug),
          scrape(appUrls[1]!, metricsToken, sale.slug),
        ]);
        const published = first.get(`stampede_order_publishes_total{sale="${sale.slug}",result="ok"}`) ?? 0;
        return published === UNITS && JSON.stringify(counters(first)) === JSON.stringify(counters(second));
      },
      { timeout: 15_000, intervals: [500] },
    )
    .toBe(true);

  const value = (name: string) => first.get(name.replace("SALE", `sale="${sale.slug}"`)) ?? 0;
  expect(counters(first)).toEqual(counters(second));
  expect(value('stampede_reserve_answers_total{SALE,status="RESERVED"}')).toBe(UNITS);
  expect(value('stampede_holds_total{SALE,event="taken"}')).toBe(UNITS);
  expect(
    value('stampede_reserve_answers_total{SALE,status="SOLD_OUT"}') +
      value("stampede_sold_out_from_memory_total{SALE}"),
  ).toBe(SHOPPERS - UNITS);
  expect(value("stampede_stock{SALE}")).toBe(0);
  expect(value("stampede_held{SALE}")).toBe(UNITS);
  // And Postgres agrees, once the orders have been delivered.
  await expect.poll(() => stack.db.order.count({ where: { saleId: sale.id } }), { timeout: 30_000 }).toBe(UNITS);
});
