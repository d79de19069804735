// GET /admin/sales/:id/orders.csv with real session cookies (minted as Auth.js would set them):
// 401 for visitors, 403 for shoppers, the file for admins — escaped so no cell runs as a formula,
// with each order's state (code and words), order number and price (as read and in minor units),
// times in ISO 8601 to the second, narrowed by ?state= and ?q= (the orders page's search) when asked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderNumberOf } from "~/lib/checkout";
import type { OrderStatus } from "~/server/db";
import { mintSessionToken } from "~/server/auth/session-token";
import { readSession } from "~/server/auth/read-session";
import { createArmedSale, createUsers, uniqueId } from "~/testing/fixtures";
import { createHarness, type Harness } from "~/testing/harness";
import { createOrdersCsvHandler } from "./orders-csv-route";

/** One CSV line's cells (quoted cells unquoted), for the few cells that carry a comma. */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  const cell = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (let match = cell.exec(line); match && match[0] !== ""; match = cell.exec(line)) {
    const raw = match[1]!;
    cells.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    if (match[2] === "") break;
  }
  return cells;
}

let h: Harness;
let handler: ReturnType<typeof createOrdersCsvHandler>;
beforeAll(async () => {
  h = await createHarness();
  handler = createOrdersCsvHandler(() => ({
    admin: h.services.admin,
    getSession: (request) => readSession(request.headers),
  }));
});
afterAll(async () => {
  await h.close();
});

async function requestAs(role: "anonymous" | "shopper" | "admin", saleId: string, query = ""): Promise<Response> {
  const headers = new Headers({ "x-forwarded-proto": "http" });
  if (role !== "anonymous") {
    const [user] = await createUsers(h.db, 1, role === "admin" ? "ADMIN" : "SHOPPER");
    const token = await mintSessionToken(user!, h.stack.AUTH_SECRET);
    headers.set("cookie", `${token.cookieName}=${token.value}`);
  }
  return handler(new Request(`http://localhost/admin/sales/${saleId}/orders.csv${query}`, { headers }), saleId);
}

async function saleWithOrders(
  emails: string[],
  statuses: OrderStatus[] = [],
  price: { priceMinor: number; currency: string } = { priceMinor: 4_999, currency: "USD" },
) {
  const sale = await createArmedSale(h.deps);
  const run = uniqueId("");
  await h.db.user.createMany({
    data: emails.map((email, index) => ({ id: `${run}_${index}`, email: email.replace(/@(?=[^@]*$)/, `+${run}@`) })),
  });
  await h.db.order.createMany({
    data: emails.map((_, index) => ({
      saleId: sale.id,
      userId: `${run}_${index}`,
      reservationId: `rsv_${run}_${index}`,
      status: statuses[index] ?? "CONFIRMED",
      ...price,
      // Milliseconds too, which the file leaves out.
      reservedAt: new Date(Date.UTC(2030, 0, 1, 12, 0, index, 789)),
      expiresAt: statuses[index] ? new Date(Date.UTC(2030, 0, 1, 12, 10, index)) : null,
    })),
  });
  return { sale, run };
}

describe("orders.csv", () => {
  it.each([
    ["anonymous", 401, /sign in/],
    ["shopper", 403, /administrators only/],
  ] as const)("%s → %i, with no order data", async (role, status, message) => {
    const { sale } = await saleWithOrders(["secret@example.test"]);
    const response = await requestAs(role, sale.id);
    expect(response.status).toBe(status);
    const body = await response.text();
    expect(body).toMatch(message);
    expect(body).not.toContain("secret");
  });

  it("admin → 200, a CSV attachment with a header and one row per order, oldest first", async () => {
    const { sale, run } = await saleWithOrders(["first@example.test", "second@example.test"]);
    const response = await requestAs("admin", sale.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="orders-${sale.slug}.csv"`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const lines = (await response.text()).split("\r\n");
    // The first version's six columns in their places, then the checkout's.
    expect(lines[0]).toBe(
      "order_id,email,reserved_at_utc,status,price_minor,currency,order_number,status_label,hold_expires_at_utc,hold_kind,price",
    );
    expect(lines.slice(1, 3).map((line) => line.split(",").slice(1))).toEqual([
      [
        `first+${run}@example.test`,
        "2030-01-01T12:00:00Z",
        "CONFIRMED",
        "4999",
        "USD",
        orderNumberOf(`rsv_${run}_0`),
        "Confirmed",
        "",
        "RESERVATION",
        "$49.99",
      ],
      [
        `second+${run}@example.test`,
        "2030-01-01T12:00:01Z",
        "CONFIRMED",
        "4999",
        "USD",
        orderNumberOf(`rsv_${run}_1`),
        "Confirmed",
        "",
        "RESERVATION",
        "$49.99",
      ],
    ]);
    expect(lines.slice(3)).toEqual([""]);
  });

  it("carries every state as its code and its words; only a running hold has an expiry", async () => {
    const statuses: OrderStatus[] = ["HELD", "PAID", "PENDING", "EXPIRED", "CANCELLED", "REFUNDED", "REFUSED_OVERSOLD"];
    const { sale } = await saleWithOrders(
      statuses.map((_, index) => `state${index}@example.test`),
      statuses,
    );
    const rows = (await (await requestAs("admin", sale.id)).text())
      .trimEnd()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(","));
    expect(rows.map((cells) => [cells[3], cells[7], cells[8]])).toEqual([
      ["HELD", "Awaiting payment", "2030-01-01T12:10:00Z"],
      ["PAID", "Paid", ""],
      ["PENDING", "Confirmed", ""],
      ["EXPIRED", "Expired", ""],
      ["CANCELLED", "Cancelled", ""],
      ["REFUNDED", "Refunded", ""],
      ["REFUSED_OVERSOLD", "Refused — no unit left", ""],
    ]);
  });

  it("?state= narrows the file to that state (CONFIRMED includes the first version's PENDING)", async () => {
    const statuses: OrderStatus[] = ["HELD", "PAID", "PENDING", "CONFIRMED", "HELD", "EXPIRED"];
    const { sale } = await saleWithOrders(
      statuses.map((_, index) => `filter${index}@example.test`),
      statuses,
    );
    const statusesIn = async (state: string) => {
      const response = await requestAs("admin", sale.id, `?state=${state}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toBe(
        `attachment; filename="orders-${sale.slug}-${state.toLowerCase().replace("_", "-")}.csv"`,
      );
      const lines = (await response.text()).trimEnd().split("\r\n");
      expect(lines[0]).toMatch(/^order_id,/);
      return lines.slice(1).map((line) => line.split(",")[3]);
    };
    expect(await statusesIn("HELD")).toEqual(["HELD", "HELD"]);
    expect(await statusesIn("CONFIRMED")).toEqual(["PENDING", "CONFIRMED"]);
    expect(await statusesIn("EXPIRED")).toEqual(["EXPIRED"]);
    expect(await statusesIn("REFUNDED")).toEqual([]);
  });

  it.each([
    [123_456, "EUR", "€1,234.56"],
    [1_500, "JPY", "¥1,500"],
    [1_005, "KWD", "KWD\u00a01.005"],
    [0, "USD", "$0.00"],
  ])("%i %s: the price as read (%s) beside its minor units and currency", async (priceMinor, currency, shown) => {
    const { sale } = await saleWithOrders(["price@example.test"], [], { priceMinor, currency });
    const [header, row] = (await (await requestAs("admin", sale.id)).text()).trimEnd().split("\r\n");
    const columns = header!.split(",");
    const cells = parseCsvLine(row!);
    const cell = (name: string) => cells[columns.indexOf(name)];
    expect([cell("price_minor"), cell("currency"), cell("price")]).toEqual([String(priceMinor), currency, shown]);
  });

  it("?q= narrows the file to the orders page's search: part of an email or an order number", async () => {
    const { sale, run } = await saleWithOrders([
      "Match.Me@example.test",
      "other@example.test",
      "match.too@example.test",
    ]);
    const emailsIn = async (q: string) => {
      const response = await requestAs("admin", sale.id, `?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      return (await response.text())
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[1]);
    };
    expect(await emailsIn("MATCH")).toEqual([`Match.Me+${run}@example.test`, `match.too+${run}@example.test`]);
    expect(await emailsIn("nobody")).toEqual([]);
    expect(await emailsIn("")).toHaveLength(3);
  });

  it.each([
    ["x".repeat(255), "Search with at most 254 characters: an email address or an order number."],
    ["a\u0007b", "Search with plain text (an email address or an order number), without control characters."],
  ])("a bad ?q= → 400 saying why, not a file", async (q, message) => {
    const { sale } = await saleWithOrders(["secret@example.test"]);
    const response = await requestAs("admin", sale.id, `?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(message);
  });

  it.each(["WAITLISTED", "held", "PENDING", "HELD,PAID"])("an unknown ?state=%s → 400, not a file", async (state) => {
    const { sale } = await saleWithOrders(["secret@example.test"]);
    const response = await requestAs("admin", sale.id, `?state=${encodeURIComponent(state)}`);
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toBe(
      "Unknown order state. Use one of: HELD, PAID, CONFIRMED, EXPIRED, CANCELLED, REFUNDED, REFUSED_OVERSOLD.",
    );
    expect(body).not.toContain("secret");
  });

  it("defuses formulas and quotes what needs quoting", async () => {
    const { sale, run } = await saleWithOrders([
      '=HYPERLINK("http://evil.test")@x.test',
      "+cmd@x.test",
      "-2@x.test",
      "@sum@x.test",
    ]);
    const body = await (await requestAs("admin", sale.id)).text();
    expect(body).toContain(`"'=HYPERLINK(""http://evil.test"")+${run}@x.test"`);
    expect(body).toContain(`,'+cmd+${run}@x.test,`);
    expect(body).toContain(`,'-2+${run}@x.test,`);
    expect(body).toContain(`,'@sum+${run}@x.test,`);
    expect(body).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it("an unknown sale → 404", async () => {
    const response = await requestAs("admin", "no-such-sale");
    expect(response.status).toBe(404);
  });

  it("streams a large export completely (batches of 1,000)", async () => {
    const emails = Array.from({ length: 2_345 }, (_, index) => `bulk${index}@example.test`);
    const { sale } = await saleWithOrders(emails);
    const lines = (await (await requestAs("admin", sale.id)).text()).trimEnd().split("\r\n");
    expect(lines).toHaveLength(2_346);
    expect(new Set(lines.slice(1).map((line) => line.split(",")[0])).size).toBe(2_345);
  });
});
