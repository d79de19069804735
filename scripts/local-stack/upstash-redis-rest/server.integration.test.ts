// Drives the local Upstash REST server only through the official @upstash/redis client, against a
// real redis-server: if the client is happy here, the app is happy against hosted Upstash too.
import type { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandCalls, startRestTestStack, uniqueKey, type RestTestStack } from "./test-support";

let stack: RestTestStack;
let redis: Redis;
/** Sends every command as its own HTTP request, so POST / is exercised rather than /pipeline. */
let direct: Redis;
/** Asks for plain UTF-8 answers instead of base64. */
let plain: Redis;

beforeAll(async () => {
  stack = await startRestTestStack();
  redis = stack.client();
  direct = stack.client({ enableAutoPipelining: false, automaticDeserialization: false });
  plain = stack.client({ enableAutoPipelining: false, responseEncoding: false, automaticDeserialization: false });
});

afterAll(async () => {
  await stack?.stop();
});

const awkwardValues = {
  emoji: "🎉🚀 ünïcødé 日本語",
  newlines: "line one\nline two\r\n\ttabbed",
  ok: "OK",
  base64Lookalike: "T0s=",
  quotesAndBackslashes: 'say "hi" \\ \u0000 nul',
  numericWithLeadingZero: "007",
  hugeNumber: "123456789012345678901234567890",
  empty: "",
};

describe("strings", () => {
  for (const [label, value] of Object.entries(awkwardValues)) {
    it(`round-trips ${label} exactly, base64 and plain`, async () => {
      const key = uniqueKey(label);
      expect(await direct.set(key, value)).toBe("OK");
      expect(await direct.get(key)).toBe(value);
      expect(await plain.get(key)).toBe(value);
      expect(await direct.strlen(key)).toBe(Buffer.byteLength(value));
    });
  }

  it("serialises JSON objects and numbers automatically", async () => {
    const key = uniqueKey("json");
    const order = { id: "o-1", items: [{ sku: "tee", qty: 2 }], note: "ünï\n" };
    await redis.set(key, order);
    expect(await redis.get(key)).toEqual(order);
    await redis.set(`${key}:n`, 42);
    expect(await redis.get(`${key}:n`)).toBe(42);
  });

  it("answers integers as numbers, missing keys as null and status replies as text", async () => {
    const key = uniqueKey("int");
    expect(await direct.incr(key)).toBe(1);
    expect(await direct.incrby(key, 2 ** 40)).toBe(2 ** 40 + 1);
    expect(await direct.get(uniqueKey("missing"))).toBeNull();
    expect(await direct.ping()).toBe("PONG");
    expect(await direct.type(key)).toBe("string");
    expect(await plain.type(key)).toBe("string");
  });
});

describe("data structures", () => {
  it("stores hashes", async () => {
    const key = uniqueKey("hash");
    expect(await redis.hset(key, { name: "Tee 🎽", stock: 5 })).toBe(2);
    expect(await redis.hget(key, "name")).toBe("Tee 🎽");
    expect(await redis.hgetall(key)).toEqual({ name: "Tee 🎽", stock: 5 });
    expect(await redis.hincrby(key, "stock", -2)).toBe(3);
  });

  it("stores sets", async () => {
    const key = uniqueKey("set");
    expect(await redis.sadd(key, "a", "b", "c")).toBe(3);
    expect((await redis.smembers(key)).sort()).toEqual(["a", "b", "c"]);
    expect(await redis.sismember(key, "b")).toBe(1);
  });

  it("stores lists", async () => {
    const key = uniqueKey("list");
    expect(await direct.rpush(key, "one", "two\nlines", "OK")).toBe(3);
    expect(await direct.lrange(key, 0, -1)).toEqual(["one", "two\nlines", "OK"]);
    expect(await direct.lpop(key)).toBe("one");
  });

  it("stores sorted sets with scores", async () => {
    const key = uniqueKey("zset");
    await redis.zadd(key, { score: 2, member: "b" }, { score: 1, member: "a" });
    expect(await redis.zrange(key, 0, -1, { withScores: true })).toEqual(["a", 1, "b", 2]);
    expect(await redis.zscore(key, "b")).toBe(2);
  });

  it("returns nested arrays from Lua, statuses inside them included", async () => {
    const result = await direct.eval(
      "return {1, 'two', {3, 'four', {'OK', redis.status_reply('OK')}}, redis.status_reply('PONG'), false}",
      [],
      [],
    );
    expect(result).toEqual([1, "two", [3, "four", ["OK", "OK"]], "PONG", null]);
  });
});

describe("pipelines and transactions", () => {
  it("runs a pipeline and reports per-command errors", async () => {
    const key = uniqueKey("pipe");
    const results = await redis
      .pipeline()
      .set(key, "v")
      .incr(`${key}:n`)
      .get(key)
      .hget(key, "wrong-type")
      .exec({ keepErrors: true });
    expect(results.map((entry) => entry.result)).toEqual(["OK", 1, "v", undefined]);
    expect(results[3]?.error).toMatch(/^WRONGTYPE/);
  });

  it("runs multi() as one transaction", async () => {
    const key = uniqueKey("multi");
    expect(await redis.multi().set(key, 10).incr(key).get(key).exec()).toEqual(["OK", 11, 11]);
  });

  it("never interleaves concurrent transactions", async () => {
    const key = uniqueKey("isolation");
    const transactions = Array.from({ length: 200 }, () => direct.multi().incr(key).incr(key).incr(key).exec());
    for (const [first, second, third] of await Promise.all(transactions)) {
      expect([second, third]).toEqual([Number(first) + 1, Number(first) + 2]);
    }
    expect(await direct.get(key)).toBe("600");
  });

  it("rejects a transaction Redis refuses to queue, and runs none of it", async () => {
    const key = uniqueKey("abort");
    // HSET with no field/value pairs fails at queue time, so EXEC aborts the whole transaction.
    await expect(direct.multi().set(key, "x").hset(`${key}:h`, {}).exec()).rejects.toThrow(/EXECABORT/);
    expect(await direct.exists(key)).toBe(0);
  });

  it("batches concurrent commands through auto-pipelining", async () => {
    const prefix = uniqueKey("auto");
    const before = Number(Reflect.get(redis, "pipelineCounter"));
    const writes = await Promise.all(Array.from({ length: 300 }, (_, i) => redis.set(`${prefix}:${i}`, `v${i}`)));
    const reads = await Promise.all(Array.from({ length: 300 }, (_, i) => redis.get(`${prefix}:${i}`)));
    expect(writes.every((answer) => answer === "OK")).toBe(true);
    expect(reads).toEqual(Array.from({ length: 300 }, (_, i) => `v${i}`));
    expect(Number(Reflect.get(redis, "pipelineCounter")) - before).toBeLessThanOrEqual(4);
  });
});

describe("scripts", () => {
  it("falls back from EVALSHA to EVAL once, then hits the script cache", async () => {
    const script = direct.createScript<string>(`-- ${uniqueKey("script")}\nreturn KEYS[1] .. '=' .. ARGV[1]`);
    const evalsBefore = await commandCalls(direct, "eval");
    expect(await script.exec(["k"], ["1"])).toBe("k=1");
    expect(await script.exec(["k"], ["2"])).toBe("k=2");
    expect(await commandCalls(direct, "eval")).toBe(evalsBefore + 1);
  });

  it("accepts Upstash-only shebang flags and still caches the script by the client's SHA1", async () => {
    const script = direct.createScript<number>(
      `#!lua flags=allow-key-locking,no-writes\n-- ${uniqueKey("shebang")}\nreturn 7`,
    );
    const evalsBefore = await commandCalls(direct, "eval");
    for (let i = 0; i < 3; i++) expect(await script.exec([], [])).toBe(7);
    // One EVAL loads it; the other two runs are EVALSHA hits under the client's own SHA1.
    expect(await commandCalls(direct, "eval")).toBe(evalsBefore + 1);
  });

  it("passes NOSCRIPT through verbatim", async () => {
    await expect(direct.evalsha("0".repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);
  });
});

describe("errors and auth", () => {
  it("surfaces Redis's own error text, single command and auto-pipelined", async () => {
    const key = uniqueKey("err");
    await direct.set(key, "text");
    await expect(direct.hget(key, "f")).rejects.toThrow(
      /WRONGTYPE Operation against a key holding the wrong kind of value/,
    );
    await expect(redis.incr(key)).rejects.toThrow(/ERR value is not an integer/);
  });

  it("refuses blocking commands with a clear error", async () => {
    await expect(direct.exec(["BLPOP", uniqueKey("q"), "0"])).rejects.toThrow(/BLPOP blocks a pooled connection/);
  });

  it("rejects a wrong token", async () => {
    const intruder = stack.client({ token: "wrong-token", enableAutoPipelining: false, retry: false });
    await expect(intruder.get(uniqueKey("auth"))).rejects.toThrow(/Unauthorized/);
  });
});

describe("concurrency", () => {
  it("counts 2,000 concurrent INCRs exactly, auto-pipelined", async () => {
    const key = uniqueKey("incr-auto");
    const answers = await Promise.all(Array.from({ length: 2000 }, () => redis.incr(key)));
    expect(new Set(answers).size).toBe(2000);
    expect(await redis.get(key)).toBe(2000);
  });

  it("counts 2,000 concurrent INCRs exactly, one HTTP request each", async () => {
    const key = uniqueKey("incr-direct");
    const answers = await Promise.all(Array.from({ length: 2000 }, () => direct.incr(key)));
    expect(Math.max(...answers)).toBe(2000);
    expect(new Set(answers).size).toBe(2000);
    expect(await direct.get(key)).toBe("2000");
  });
});
