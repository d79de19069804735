// The fairness report's downloads (GET /admin/sales/:id/fairness.csv and .json) and its admin
// procedure, with real session cookies: 401 for visitors, 403 for shoppers, the report for admins.
import { describe, expect, it } from "vitest";
import { readSession } from "~/server/auth/read-session";
import { mintSessionToken } from "~/server/auth/session-token";
import { errorOf, newAdmin, newShopper } from "~/server/api/routers/admin/admin-testing";
import { createArmedSale, createUsers } from "~/testing/fixtures";
import { mapConcurrently, moveStart } from "~/testing/fair-draw";
import { harnessForFile } from "~/testing/harness";
import { createFairnessDownloadHandler, type FairnessFormat } from "./download-route";
import { FAIRNESS_CSV_HEADER } from "./report-csv";

const h = harnessForFile();

const handler = createFairnessDownloadHandler(() => ({
  getSession: (request) => readSession(request.headers),
  report: (saleId) => h.services.admin.fairnessReport(saleId, { top: Number.POSITIVE_INFINITY }),
}));

async function requestAs(role: "anonymous" | "shopper" | "admin", saleId: string, format: FairnessFormat) {
  const headers = new Headers({ "x-forwarded-proto": "http" });
  if (role !== "anonymous") {
    const [user] = await createUsers(h.db, 1, role === "admin" ? "ADMIN" : "SHOPPER");
    const token = await mintSessionToken(user!, h.stack.AUTH_SECRET);
    headers.set("cookie", `${token.cookieName}=${token.value}`);
  }
  return handler(new Request(`http://localhost/admin/sales/${saleId}/fairness.${format}`, { headers }), saleId, format);
}

async function drawnSale() {
  const users = await createUsers(h.db, 6);
  const sale = await createArmedSale(h.deps, {
    openingMode: "FAIR_DRAW",
    totalStock: 2,
    lobbyMinutes: 30,
    startsAt: new Date(Date.now() + 10 * 60_000),
  });
  await mapConcurrently(users, 3, (user, index) =>
    h.services.lobby.enter({
      saleId: sale.id,
      userId: user.id,
      origin: { addressBlock: `10.8.${index}.0/24`, deviceId: `download-device-${index}` },
      clientIp: null,
    }),
  );
  await moveStart(h.deps, sale.id, new Date());
  await h.services.lobby.drawIfDue(sale.id);
  await h.services.lobby.persistDraw(sale.id);
  return { sale, users };
}

describe("fairness downloads", () => {
  it.each([
    ["anonymous", 401, "Please sign in to continue."],
    ["shopper", 403, "This area is for administrators only."],
  ] as const)("%s → %i for both formats, with nothing of the report", async (role, status, message) => {
    const { sale, users } = await drawnSale();
    for (const format of ["csv", "json"] as const) {
      const response = await requestAs(role, sale.id, format);
      expect(response.status).toBe(status);
      const body = await response.text();
      expect(body).toBe(message);
      expect(body).not.toContain(users[0]!.id);
    }
  });

  it("admin → the CSV: one row per entrant with their draw position, block, device and win", async () => {
    const { sale, users } = await drawnSale();
    const response = await requestAs("admin", sale.id, "csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="fairness-${sale.slug}.csv"`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(FAIRNESS_CSV_HEADER.join(","));
    const rows = lines.slice(1).map((line) => line.split(","));
    expect(rows).toHaveLength(users.length);
    expect(rows.map((cells) => cells[1]).sort()).toEqual(users.map((user) => user.id).sort());
    expect(rows.map((cells) => Number(cells[4])).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    // The two drawn first hold their units; the rest hold nothing.
    const held = rows.filter((cells) => cells[8] === "HELD").map((cells) => Number(cells[4]));
    expect(held.sort()).toEqual([1, 2]);
  });

  it("admin → the JSON: the whole report, the seed kept back until the sale has ended", async () => {
    const { sale, users } = await drawnSale();
    const response = await requestAs("admin", sale.id, "json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="fairness-${sale.slug}.json"`);
    const report = (await response.json()) as {
      entrantList: unknown[];
      draw: { seed: string | null; commitment: string; rederived: { matches: boolean } };
    };
    expect(report.entrantList).toHaveLength(users.length);
    expect(report.draw).toMatchObject({ seed: null, commitment: sale.drawCommitment, rederived: { matches: true } });
  });

  it("an unknown sale → 404 for admins", async () => {
    expect((await requestAs("admin", "no-such-sale", "json")).status).toBe(404);
    expect((await requestAs("admin", "bad\u0000id", "csv")).status).toBe(404);
  });
});

describe("admin.fairness.report", () => {
  it("is for admins: anonymous → UNAUTHORIZED, shopper → FORBIDDEN; admins get the report without the entrant list", async () => {
    const { sale } = await drawnSale();
    expect((await errorOf(h.caller(null).admin.fairness.report({ id: sale.id }))).code).toBe("UNAUTHORIZED");
    expect((await errorOf(h.caller(await newShopper(h.db)).admin.fairness.report({ id: sale.id }))).code).toBe(
      "FORBIDDEN",
    );
    const report = await h.caller(await newAdmin(h.db)).admin.fairness.report({ id: sale.id });
    expect(report).toMatchObject({ entrantCount: 6, entrants: { total: 6, lobby: 6 }, draw: { seed: null } });
    expect(report).not.toHaveProperty("entrantList");
    expect((await errorOf(h.caller(await newAdmin(h.db)).admin.fairness.report({ id: "nope" }))).code).toBe(
      "NOT_FOUND",
    );
  });
});
