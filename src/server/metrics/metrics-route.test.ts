import { describe, expect, it } from "vitest";
import { bearerToken, createMetricsHandler, sameToken } from "./metrics-route";
import { labelValue, renderPrometheus } from "./prometheus";
import type { SaleFigures } from "./reader";

const TOKEN = "a-metrics-token-of-32-characters";

function handler(token: string | undefined, render: () => Promise<string> = async () => "# metrics\n") {
  const errors: string[] = [];
  const handle = createMetricsHandler(() => ({ token, render, logError: (event) => errors.push(event) }));
  return { handle, errors };
}

const get = (authorization?: string) =>
  new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} });

describe("GET /api/metrics", () => {
  it("is not there without a configured token", async () => {
    const response = await handler(undefined).handle(get(`Bearer ${TOKEN}`));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("metrics are not enabled\n");
  });

  it("refuses a missing, malformed or wrong token", async () => {
    const { handle } = handler(TOKEN);
    for (const header of [
      undefined,
      TOKEN,
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
      "Bearer ",
    ]) {
      const response = await handle(get(header));
      expect([header, response.status]).toEqual([header, 401]);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("answers Prometheus text, never cached, for the right token", async () => {
    const response = await handler(TOKEN).handle(get(`bearer  ${TOKEN} `));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("# metrics\n");
  });

  it("answers 503 and logs when the figures cannot be read", async () => {
    const { handle, errors } = handler(TOKEN, () => Promise.reject(new Error("redis down")));
    const response = await handle(get(`Bearer ${TOKEN}`));
    expect(response.status).toBe(503);
    expect(errors).toEqual(["metrics.render_failed"]);
  });
});

describe("tokens", () => {
  it("reads a bearer token, case-insensitively, and compares whole tokens", () => {
    expect(bearerToken(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`BEARER ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`Bearer a b`)).toBeNull();
    expect(bearerToken(null)).toBeNull();
    expect(sameToken(TOKEN, TOKEN)).toBe(true);
    expect(sameToken(TOKEN, `${TOKEN} `)).toBe(false);
    expect(sameToken("", TOKEN)).toBe(false);
  });
});

const figures = (totals: Record<string, number>): SaleFigures => ({
  state: "PUBLISHED",
  stock: 3,
  total: 10,
  held: 5,
  paid: 2,
  waitlist: 4,
  unpersisted: 1,
  expiringSoon: 2,
  totals,
});

describe("the exposition", () => {
  it("groups each family under one HELP and TYPE, labels every sample with the sale", () => {
    const text = renderPrometheus([
      {
        slug: "spring-drop",
        figures: figures({
          "reserve.RESERVED": 7,
          "reserve.SOLD_OUT": 40,
          "soldout.cached": 12,
          "challenge.CHALLENGE_INVALID": 2,
          "persist.count": 7,
          "persist.lag_ms": 2_100,
          "persist.le_250": 5,
          "persist.le_500": 7,
          "persist.le_1000": 7,
          "stock.adjusted": -3,
        }),
        deadLetters: 1,
      },
      { slug: "summer-drop", figures: figures({ "reserve.RESERVED": 1 }) },
    ]);
    const lines = text.trimEnd().split("\n");
    expect(lines.filter((line) => line === "# TYPE stampede_reserve_answers_total counter")).toHaveLength(1);
    const family = lines.indexOf("# TYPE stampede_reserve_answers_total counter");
    expect(lines.slice(family + 1, family + 4)).toEqual([
      'stampede_reserve_answers_total{sale="spring-drop",status="RESERVED"} 7',
      'stampede_reserve_answers_total{sale="spring-drop",status="SOLD_OUT"} 40',
      'stampede_reserve_answers_total{sale="summer-drop",status="RESERVED"} 1',
    ]);
    expect(lines).toContain('stampede_sold_out_from_memory_total{sale="spring-drop"} 12');
    expect(lines).toContain('stampede_challenge_denials_total{sale="spring-drop",reason="CHALLENGE_INVALID"} 2');
    expect(lines).toContain('stampede_stock_adjusted_units{sale="spring-drop"} -3');
    expect(lines).toContain('stampede_dead_letters{sale="spring-drop"} 1');
    expect(lines.some((line) => line.startsWith('stampede_dead_letters{sale="summer-drop"}'))).toBe(false);
    expect(lines).toContain('stampede_persist_lag_seconds_bucket{sale="spring-drop",le="0.1"} 0');
    expect(lines).toContain('stampede_persist_lag_seconds_bucket{sale="spring-drop",le="0.25"} 5');
    expect(lines).toContain('stampede_persist_lag_seconds_bucket{sale="spring-drop",le="10"} 0');
    expect(lines).toContain('stampede_persist_lag_seconds_bucket{sale="spring-drop",le="+Inf"} 7');
    expect(lines).toContain('stampede_persist_lag_seconds_sum{sale="spring-drop"} 2.1');
    expect(lines).toContain('stampede_persist_lag_seconds_count{sale="spring-drop"} 7');
    expect(lines).toContain('stampede_held_expiring_soon{sale="spring-drop"} 2');
    // Every sample line is "name{labels} number".
    for (const line of lines.filter((l) => !l.startsWith("#"))) expect(line).toMatch(/^[a-z_]+\{[^}]*\} -?[0-9.]+$/);
  });

  it("escapes label values", () => {
    expect(labelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
  });
});
