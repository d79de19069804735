// bench.noop exists only where the bench switch is allowed; everywhere else it is NOT_FOUND.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as BenchSwitchEnv from "~/server/bench-switch-env";
import { createUsers, sessionFor } from "~/testing/fixtures";
import { createHarness, type Harness } from "~/testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

async function appRouterWithSwitch(allowed: boolean) {
  vi.resetModules();
  vi.doMock("~/server/bench-switch-env", async (importOriginal) => ({
    ...(await importOriginal<typeof BenchSwitchEnv>()),
    benchSwitchAllowed: allowed,
  }));
  try {
    return await import("~/server/api/root");
  } finally {
    vi.doUnmock("~/server/bench-switch-env");
  }
}

describe("bench.noop", () => {
  it("is not mounted when the switch is off", async () => {
    const { createCaller } = await appRouterWithSwitch(false);
    const [user] = await createUsers(h.db, 1);
    const caller = createCaller(h.context(sessionFor(user!)));
    await expect(caller.bench!.noop({ saleId: "any" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers a signed-in caller, and only a signed-in one, when the switch is allowed", async () => {
    const { createCaller } = await appRouterWithSwitch(true);
    const [user] = await createUsers(h.db, 1);
    await expect(createCaller(h.context(sessionFor(user!))).bench!.noop({ saleId: "any" })).resolves.toEqual({
      ok: true,
    });
    await expect(createCaller(h.context(null)).bench!.noop({ saleId: "any" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
