// Loads the Lua scripts that sit beside this module. They are read from the project folder
// (next.config's outputFileTracingIncludes ships them with every server bundle). A script whose
// first line is `-- @include <name>` gets that file's code ahead of its own: Redis runs each
// script alone, so shared functions (holds-lib.lua) travel inside every script that uses them.
import { readFileSync } from "node:fs";
import path from "node:path";

const cache = new Map<string, string>();
const INCLUDE = /^-- @include ([a-z-]+)\r?\n/;

function readScript(name: string): string {
  return readFileSync(path.join(process.cwd(), "src/server/inventory", `${name}.lua`), "utf8");
}

export function loadLua(name: string): string {
  let source = cache.get(name);
  if (source === undefined) {
    source = readScript(name);
    const include = INCLUDE.exec(source);
    if (include) source = `${readScript(include[1]!)}\n${source.slice(include[0].length)}`;
    cache.set(name, source);
  }
  return source;
}
