import { describe, expect, it } from "vitest";
import { BENCH_TARGETS, parseBenchOptions } from "./options";

describe("parseBenchOptions", () => {
  it("runs the three scenarios, every path, at concurrency 200 by default", () => {
    const options = parseBenchOptions([]);
    expect(options.scenarios.map((scenario) => [scenario.id, scenario.users, scenario.stock])).toEqual([
      ["small", 1_000, 100],
      ["storm", 10_000, 100],
      ["sustained", 10_000, 5_000],
    ]);
    expect(options).toMatchObject({
      concurrency: 200,
      build: true,
      quick: false,
      profileDir: null,
      callbackInstance: false,
    });
    expect(options.targets).toEqual([...BENCH_TARGETS]);
  });

  it("takes a custom scenario, a selection, --quick and --no-build", () => {
    expect(parseBenchOptions(["--users", "300", "--stock", "50"]).scenarios).toEqual([
      { id: "custom", label: "300 users / 50 units", users: 300, stock: 50 },
    ]);
    const quick = parseBenchOptions(["--quick", "--scenario", "storm", "--no-build", "--targets", "stampede,noop"]);
    expect(quick.scenarios).toMatchObject([{ id: "storm", users: 1_000, stock: 10 }]);
    expect(quick).toMatchObject({ build: false, targets: ["stampede", "noop"] });
    expect(parseBenchOptions(["--concurrency", "50"]).concurrency).toBe(50);
  });

  it("refuses what it cannot run", () => {
    expect(() => parseBenchOptions(["--users", "300"])).toThrow(/go together/);
    expect(() => parseBenchOptions(["--scenario", "huge"])).toThrow(/unknown scenario/);
    expect(() => parseBenchOptions(["--targets", "mysql"])).toThrow(/unknown target/);
    expect(() => parseBenchOptions(["--concurrency", "0"])).toThrow(/positive/);
    expect(() => parseBenchOptions(["--bogus"])).toThrow();
  });
});
