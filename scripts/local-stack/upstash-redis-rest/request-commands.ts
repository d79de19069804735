// Reads Redis commands out of REST request bodies and readies them for a shared redis-server
// connection: arguments become strings, commands that would block or change the state of a
// pooled connection are refused, and Lua scripts are adapted for redis-server.
//
// The shape check is written by hand rather than with zod: it runs for every command on the
// benchmark's hot path, and the shape (an array of strings, numbers and booleans) is tiny.
import type { LuaScriptCompat } from "./lua-script-compat";

export class MalformedRequestError extends Error {
  constructor(message: string) {
    super(`ERR ${message}`);
    this.name = "MalformedRequestError";
  }
}

export interface PreparedCommand {
  args: string[];
  /** Set when the command must not be sent; the text is the error answered for it. */
  refusal?: string;
}

export function parseCommand(value: unknown, where = "the request body"): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new MalformedRequestError(`${where} must be a non-empty JSON array such as ["SET","key","value"]`);
  }
  const args = new Array<string>(value.length);
  for (let i = 0; i < value.length; i++) {
    const arg: unknown = value[i];
    if (typeof arg === "string") args[i] = arg;
    else if (typeof arg === "number" || typeof arg === "boolean") args[i] = String(arg);
    else
      throw new MalformedRequestError(
        `argument ${i} of ${where} is ${arg === null ? "null" : typeof arg}; use strings, numbers or booleans`,
      );
  }
  return args;
}

export function parseCommandList(value: unknown): string[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new MalformedRequestError(
      'the request body must be a non-empty JSON array of commands such as [["GET","a"],["GET","b"]]',
    );
  }
  return value.map((command, index) => parseCommand(command, `command ${index + 1}`));
}

const BLOCKING = new Set([
  "blpop",
  "brpop",
  "brpoplpush",
  "blmove",
  "blmpop",
  "bzpopmin",
  "bzpopmax",
  "bzmpop",
  "wait",
  "waitaof",
]);
const CONNECTION_STATE = new Set([
  "multi",
  "exec",
  "discard",
  "watch",
  "unwatch",
  "select",
  "subscribe",
  "psubscribe",
  "ssubscribe",
  "unsubscribe",
  "punsubscribe",
  "sunsubscribe",
  "monitor",
  "reset",
  "quit",
  "hello",
  "auth",
  "sync",
  "psync",
  "replconf",
  "readonly",
  "readwrite",
]);

function refusalFor(name: string, args: readonly string[]): string | undefined {
  const upper = name.toUpperCase();
  if (
    BLOCKING.has(name) ||
    ((name === "xread" || name === "xreadgroup") && args.some((arg) => arg.toLowerCase() === "block"))
  ) {
    return `ERR ${upper} blocks a pooled connection and is not supported by the local Upstash REST server`;
  }
  if (CONNECTION_STATE.has(name)) {
    const hint = name === "multi" || name === "exec" ? "; use POST /multi-exec (redis.multi())" : "";
    return `ERR ${upper} changes connection state and is not supported by the local Upstash REST server${hint}`;
  }
  if (name === "client" && ["reply", "tracking"].includes(args[1]?.toLowerCase() ?? "")) {
    return `ERR CLIENT ${args[1]!.toUpperCase()} is not supported by the local Upstash REST server`;
  }
  return undefined;
}

export function prepareCommand(args: string[], scripts: LuaScriptCompat): PreparedCommand {
  const name = args[0]!.toLowerCase();
  const refusal = refusalFor(name, args);
  if (refusal) return { args, refusal };

  if ((name === "eval" || name === "eval_ro") && args[1] !== undefined) {
    args[1] = scripts.adaptScript(args[1]);
  } else if ((name === "evalsha" || name === "evalsha_ro") && args[1] !== undefined) {
    args[1] = scripts.localSha(args[1]);
  }
  return { args };
}
