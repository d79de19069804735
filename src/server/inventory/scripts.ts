// One Script object per (client, script): the client remembers the SHA, so after the first
// EVAL every call is an EVALSHA carrying only the arguments.
import type { Redis } from "@upstash/redis";
import { loadLua } from "./lua";

export type ScriptName =
  | "reserve"
  | "pay-hold"
  | "cancel-hold"
  | "expire-holds"
  | "settle-journal"
  | "arm-sale"
  | "adjust-sale"
  | "release-unit"
  | "release-lock"
  | "draw"
  | "enter-lobby";

type RedisScript = ReturnType<Redis["createScript"]>;
const scripts = new WeakMap<Redis, Map<ScriptName, RedisScript>>();

export function scriptFor(redis: Redis, name: ScriptName): RedisScript {
  let perClient = scripts.get(redis);
  if (!perClient) scripts.set(redis, (perClient = new Map()));
  let script = perClient.get(name);
  if (!script) perClient.set(name, (script = redis.createScript(loadLua(name))));
  return script;
}
