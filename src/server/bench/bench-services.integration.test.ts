// The bench's stand-ins enter only through the services a context is built with: the same
// purchase.reserve procedure answers from the product's path, the Postgres-only baseline or the
// no-op ceiling, and the ceiling does no work at all.
import { describe, expect, it } from "vitest";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers, sessionFor } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { createBenchServices } from "./bench-services";

const h = harnessForFile();

describe("bench services", () => {
  it("keep the product's services as the redis strategy", () => {
    expect(createBenchServices(h.services).redis).toBe(h.services);
  });

  it("the no-op ceiling answers a signed-in caller like a reservation and touches nothing", async () => {
    const { noop } = createBenchServices(h.services);
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps, { totalStock: 3 });
    await expect(h.caller(sessionFor(user!), null, noop).purchase.reserve({ saleId: sale.id })).resolves.toMatchObject({
      status: "RESERVED",
    });
    expect(Number(await h.redis.hget(saleKeys(h.namespace, sale.id).sale, "stock"))).toBe(3);
    expect(await h.redis.hlen(saleKeys(h.namespace, sale.id).buyers)).toBe(0);
  });

  it("the no-op ceiling still refuses anonymous callers and bad input, as the procedure does", async () => {
    const { noop } = createBenchServices(h.services);
    await expect(h.caller(null, null, noop).purchase.reserve({ saleId: "any" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const [user] = await createUsers(h.db, 1);
    await expect(h.caller(sessionFor(user!), null, noop).purchase.reserve({ saleId: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
