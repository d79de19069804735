// Loading a script: at a sale's opening every shopper's first call finds the script unknown to
// Redis at once. The books checked here are the wire's: how many times the script text travels.
import type { Redis } from "@upstash/redis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createArmedSale, createUsers } from "~/testing/fixtures";
import { createHarness, type Harness } from "~/testing/harness";
import { reserveUnit } from "./reserve-unit";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** The harness's client, counting script uploads (SCRIPT LOAD, or EVAL with the whole text). */
function countingUploads(redis: Redis) {
  const uploads = { scriptLoad: 0, eval: 0 };
  const client = new Proxy(redis, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if ((property === "scriptLoad" || property === "eval") && typeof value === "function") {
        return (...args: unknown[]) => {
          uploads[property] += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { client, uploads };
}

it("200 concurrent first calls upload the script once, and once again after Redis forgot it", async () => {
  const sale = await createArmedSale(h.deps, { totalStock: 300 });
  const users = await createUsers(h.db, 400);
  const { client, uploads } = countingUploads(h.redis);
  const reserve = (index: number) =>
    reserveUnit(client, { namespace: h.namespace, saleId: sale.id, userId: users[index]!.id });

  await h.redis.scriptFlush();
  const first = await Promise.all(Array.from({ length: 200 }, (_, index) => reserve(index)));
  expect(first.every((outcome) => outcome.ok)).toBe(true);
  expect(uploads).toEqual({ scriptLoad: 1, eval: 0 });

  // Redis restarted (or was flushed): its script cache is empty again.
  await h.redis.scriptFlush();
  const second = await Promise.all(Array.from({ length: 200 }, (_, index) => reserve(200 + index)));
  expect(second.filter((outcome) => outcome.ok)).toHaveLength(100);
  expect(uploads).toEqual({ scriptLoad: 2, eval: 0 });
});
