// GET /admin/sales/:id/orders.csv with real session cookies (minted as Auth.js would set them):
// 401 for visitors, 403 for shoppers, the file for admins — escaped so no cell runs as a formula.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "~/server/auth/session-token";
import { readSession } from "~/server/auth/read-session";
import { createArmedSale, createUsers, uniqueId } from "~/testing/fixtures";
import { createHarness, type Harness } from "~/testing/harness";
import { createOrdersCsvHandler } from "./orders-csv-route";

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

async function requestAs(role: "anonymous" | "shopper" | "admin", saleId: string): Promise<Response> {
  const headers = new Headers({ "x-forwarded-proto": "http" });
  if (role !== "anonymous") {
    const [user] = await createUsers(h.db, 1, role === "admin" ? "ADMIN" : "SHOPPER");
    const token = await mintSessionToken(user!, h.stack.AUTH_SECRET);
    headers.set("cookie", `${token.cookieName}=${token.value}`);
  }
  return handler(new Request(`http://localhost/admin/sales/${saleId}/orders.csv`, { headers }), saleId);
}

async function saleWithOrders(emails: string[]) {
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
      status: "CONFIRMED" as const,
      priceMinor: 4_999,
      currency: "USD",
      reservedAt: new Date(Date.UTC(2030, 0, 1, 12, 0, index)),
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
    expect(lines[0]).toBe("order_id,email,reserved_at_utc,status,price_minor,currency");
    expect(lines.slice(1, 3).map((line) => line.split(",").slice(1))).toEqual([
      [`first+${run}@example.test`, "2030-01-01T12:00:00.000Z", "CONFIRMED", "4999", "USD"],
      [`second+${run}@example.test`, "2030-01-01T12:00:01.000Z", "CONFIRMED", "4999", "USD"],
    ]);
    expect(lines.slice(3)).toEqual([""]);
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
