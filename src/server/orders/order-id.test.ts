import { describe, expect, it } from "vitest";
import { newOrderId } from "./order-id";

describe("newOrderId", () => {
  it("makes unique, cuid-shaped ids", () => {
    const ids = new Set(Array.from({ length: 5_000 }, newOrderId));
    expect(ids.size).toBe(5_000);
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
  });
});
