import { describe, expect, it } from "vitest";
import { InFlightGate } from "./in-flight-gate";

describe("InFlightGate", () => {
  it("runs up to `max` at once and answers the rest at once, without running them", async () => {
    const gate = new InFlightGate(2);
    const release: Array<() => void> = [];
    const slow = () => new Promise<string>((resolve) => release.push(() => resolve("done")));
    let ranWhenFull = false;
    const answers = [
      gate.run(slow, () => "busy"),
      gate.run(slow, () => "busy"),
      gate.run(
        () => {
          ranWhenFull = true;
          return slow();
        },
        () => "busy",
      ),
    ];
    expect(await answers[2]).toBe("busy");
    expect(ranWhenFull).toBe(false);
    expect(gate.current).toBe(2);
    release.forEach((resolve) => resolve());
    expect(await Promise.all(answers.slice(0, 2))).toEqual(["done", "done"]);
    expect(gate.current).toBe(0);
  });

  it("frees the slot when the work fails", async () => {
    const gate = new InFlightGate(1);
    await expect(
      gate.run(
        () => Promise.reject(new Error("boom")),
        () => "busy",
      ),
    ).rejects.toThrow("boom");
    expect(
      await gate.run(
        () => Promise.resolve("ok"),
        () => "busy",
      ),
    ).toBe("ok");
  });
});
