import { describe, expect, it } from "vitest";
import { isBenchSwitchAllowed, PURCHASE_STRATEGY_HEADER, purchaseStrategyFrom, type BenchSwitchEnv } from "./switch";

describe("isBenchSwitchAllowed", () => {
  const cases: Array<[string, BenchSwitchEnv, boolean]> = [
    ["unset variable, development", { NODE_ENV: "development" }, false],
    ["false, development", { BENCH_STRATEGY_SWITCH: false, NODE_ENV: "development" }, false],
    ["true, development", { BENCH_STRATEGY_SWITCH: true, NODE_ENV: "development" }, true],
    ["true, test", { BENCH_STRATEGY_SWITCH: true, NODE_ENV: "test" }, true],
    [
      "true, development on a Vercel preview",
      { BENCH_STRATEGY_SWITCH: true, NODE_ENV: "development", VERCEL_ENV: "preview" },
      true,
    ],
    [
      "true, production build on localhost",
      { BENCH_STRATEGY_SWITCH: true, NODE_ENV: "production", APP_URL: "http://localhost:3100" },
      true,
    ],
    [
      "true, production build on 127.0.0.1",
      { BENCH_STRATEGY_SWITCH: true, NODE_ENV: "production", APP_URL: "http://127.0.0.1:41234/" },
      true,
    ],
    [
      "true, production build on a public host",
      { BENCH_STRATEGY_SWITCH: true, NODE_ENV: "production", APP_URL: "https://stampede.example.com" },
      false,
    ],
    [
      "true, production build, host only looks local",
      { BENCH_STRATEGY_SWITCH: true, NODE_ENV: "production", APP_URL: "https://localhost.example.com" },
      false,
    ],
    ["true, production build without APP_URL", { BENCH_STRATEGY_SWITCH: true, NODE_ENV: "production" }, false],
    [
      "true, production build, malformed APP_URL",
      { BENCH_STRATEGY_SWITCH: true, NODE_ENV: "production", APP_URL: "localhost" },
      false,
    ],
    [
      "true, Vercel production even on localhost",
      {
        BENCH_STRATEGY_SWITCH: true,
        NODE_ENV: "production",
        VERCEL_ENV: "production",
        APP_URL: "http://localhost:3000",
      },
      false,
    ],
    [
      "true, Vercel production in a development build",
      { BENCH_STRATEGY_SWITCH: true, NODE_ENV: "development", VERCEL_ENV: "production" },
      false,
    ],
    [
      "true, Vercel preview of a production build",
      { BENCH_STRATEGY_SWITCH: true, NODE_ENV: "production", VERCEL_ENV: "preview", APP_URL: "https://x.vercel.app" },
      false,
    ],
  ];

  it.each(cases)("%s → %s", (_label, config, expected) => {
    expect(isBenchSwitchAllowed(config)).toBe(expected);
  });
});

describe("purchaseStrategyFrom", () => {
  const asking = new Headers({ [PURCHASE_STRATEGY_HEADER]: "postgres" });

  it("takes the Postgres path only when the switch is allowed and the header asks for it", () => {
    expect(purchaseStrategyFrom(asking, true)).toBe("postgres");
    expect(purchaseStrategyFrom(asking, false)).toBe("redis");
    expect(purchaseStrategyFrom(new Headers(), true)).toBe("redis");
    expect(purchaseStrategyFrom(new Headers({ [PURCHASE_STRATEGY_HEADER]: "POSTGRES " }), true)).toBe("redis");
    expect(purchaseStrategyFrom(new Headers({ [PURCHASE_STRATEGY_HEADER]: "mysql" }), true)).toBe("redis");
    const noop = new Headers({ [PURCHASE_STRATEGY_HEADER]: "noop" });
    expect(purchaseStrategyFrom(noop, true)).toBe("noop");
    expect(purchaseStrategyFrom(noop, false)).toBe("redis");
  });
});
