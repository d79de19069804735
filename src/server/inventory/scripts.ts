// One script object per (client, script): every call is an EVALSHA carrying only the arguments;
// the script itself travels once per Redis process (see singleFlightScript).
import { createHash } from "node:crypto";
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
  | "enter-lobby"
  | "record-metrics";

/** One Lua script of this project, run by its SHA. */
export interface LuaScript {
  exec(keys: string[], args: Array<string | number>): Promise<unknown>;
}

const scripts = new WeakMap<Redis, Map<ScriptName, LuaScript>>();

export function scriptFor(redis: Redis, name: ScriptName): LuaScript {
  let perClient = scripts.get(redis);
  if (!perClient) scripts.set(redis, (perClient = new Map()));
  let script = perClient.get(name);
  if (!script) perClient.set(name, (script = singleFlightScript(redis, loadLua(name))));
  return script;
}

const isNoScript = (error: unknown) => error instanceof Error && /noscript/i.test(error.message);

/**
 * EVALSHA first; when Redis does not know the script (first use, or after a restart lost its
 * script cache), one SCRIPT LOAD for every caller waiting at that moment, then EVALSHA again. The
 * client's own fallback sends the whole script with each failed call instead: at a sale's opening
 * that is every concurrent shopper uploading the ~20 KB reserve script at once.
 */
function singleFlightScript(redis: Redis, source: string): LuaScript {
  const sha = createHash("sha1").update(source, "utf8").digest("hex");
  let loading: Promise<unknown> | null = null;
  const load = () =>
    (loading ??= redis.scriptLoad(source).finally(() => {
      loading = null;
    }));
  return {
    async exec(keys, args) {
      try {
        return await redis.evalsha(sha, keys, args);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        await load();
        return await redis.evalsha(sha, keys, args);
      }
    },
  };
}
