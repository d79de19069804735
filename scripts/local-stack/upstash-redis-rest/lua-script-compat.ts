// Hosted Upstash accepts Lua shebang flags that redis-server does not know — @upstash/ratelimit
// starts every script with `#!lua flags=allow-key-locking`, which redis-server 7 rejects with
// "ERR Unexpected flag in script shebang". We drop unknown flags before the script reaches Redis.
// Dropping changes the script text and so its SHA1; clients call EVALSHA with the SHA1 of the text
// *they* sent, so we remember client SHA1 → local SHA1 and translate EVALSHA. A forgotten mapping
// (after a restart) only costs one NOSCRIPT → EVAL. SCRIPT LOAD / SCRIPT EXISTS are passed through
// untranslated: neither the app nor @upstash/ratelimit sends them.
import { createHash } from "node:crypto";

/** The shebang flags redis-server 7 understands. */
const REDIS_SHEBANG_FLAGS = new Set(["no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"]);

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** Returns the script with unknown shebang flags removed, or the same string when nothing changes. */
export function withRedisShebangFlags(script: string): string {
  if (!script.startsWith("#!")) return script;
  const lineEnd = script.indexOf("\n");
  const shebang = lineEnd === -1 ? script : script.slice(0, lineEnd);
  const match = /^(#!\S+)(.*?)\sflags=(\S*)(.*)$/.exec(shebang);
  if (!match) return script;
  const [, engine = "", before = "", flags = "", after = ""] = match;
  const flagList = flags.split(",").filter(Boolean);
  const known = flagList.filter((flag) => REDIS_SHEBANG_FLAGS.has(flag));
  if (known.length === flagList.length) return script;
  const rewritten = `${engine}${before} flags=${known.join(",")}${after}`;
  return lineEnd === -1 ? rewritten : rewritten + script.slice(lineEnd);
}

export class LuaScriptCompat {
  private readonly localShaByClientSha = new Map<string, string>();

  /** Adapts a script for redis-server and remembers the SHA1 translation when the text changed. */
  adaptScript(script: string): string {
    const adapted = withRedisShebangFlags(script);
    if (adapted !== script) this.localShaByClientSha.set(sha1(script), sha1(adapted));
    return adapted;
  }

  /** The SHA1 under which redis-server knows the script the client means. */
  localSha(clientSha: string): string {
    if (this.localShaByClientSha.size === 0) return clientSha;
    return this.localShaByClientSha.get(clientSha.toLowerCase()) ?? clientSha;
  }
}
