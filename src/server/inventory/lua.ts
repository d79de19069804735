// Loads the Lua scripts that sit beside this module. They are read from the project folder
// (next.config's outputFileTracingIncludes ships them with every server bundle).
import { readFileSync } from "node:fs";
import path from "node:path";

const cache = new Map<string, string>();

export function loadLua(name: string): string {
  let source = cache.get(name);
  if (source === undefined) {
    source = readFileSync(path.join(process.cwd(), "src/server/inventory", `${name}.lua`), "utf8");
    cache.set(name, source);
  }
  return source;
}
