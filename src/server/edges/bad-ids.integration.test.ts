// Ids with NUL or control characters are bad input, refused before anything reads them: 400 with
// a message naming the field, never a 500 from Postgres refusing 0x00, and nothing written.
import { describe, expect, it } from "vitest";
import { GET } from "~/app/api/stock/[saleId]/route";
import { createUsers, sessionFor } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";

const h = harnessForFile();
const badIds = ["sale\u0000x", "\u0000", "sale\u0007", "sale\u007f", "line\nbreak", ""];

describe("ids with control characters", () => {
  it.each(badIds.map((id) => [JSON.stringify(id), id]))(
    "%s is BAD_REQUEST on purchase.reserve and order.status",
    async (_label, saleId) => {
      const [user] = await createUsers(h.db, 1);
      const caller = h.caller(sessionFor(user!));
      await expect(caller.purchase.reserve({ saleId })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/saleId/),
      });
      await expect(caller.order.status({ saleId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      expect(await h.db.order.count({ where: { userId: user!.id } })).toBe(0);
    },
  );

  it("the stock endpoint answers 400 for a NUL in the path, not 500", async () => {
    const response = await GET(new Request("http://local/api/stock/x%00y"), {
      params: Promise.resolve({ saleId: "x\u0000y" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Not a sale id." });
  });
});
