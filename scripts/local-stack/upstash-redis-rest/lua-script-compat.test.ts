import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LuaScriptCompat, withRedisShebangFlags } from "./lua-script-compat";

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

describe("withRedisShebangFlags", () => {
  it("drops flags redis-server does not know and keeps the rest of the script", () => {
    expect(withRedisShebangFlags("#!lua flags=allow-key-locking\nreturn 1")).toBe("#!lua flags=\nreturn 1");
    expect(withRedisShebangFlags("#!lua flags=allow-key-locking,no-writes\nreturn 1")).toBe(
      "#!lua flags=no-writes\nreturn 1",
    );
  });

  it("leaves scripts without a shebang or with known flags untouched", () => {
    for (const script of ["return 1", "#!lua\nreturn 1", "#!lua flags=no-writes,allow-oom\nreturn 1"]) {
      expect(withRedisShebangFlags(script)).toBe(script);
    }
  });
});

describe("LuaScriptCompat", () => {
  it("maps the client's SHA1 to the SHA1 of the adapted script", () => {
    const compat = new LuaScriptCompat();
    const script = "#!lua flags=allow-key-locking\nreturn 2";
    const adapted = compat.adaptScript(script);
    expect(compat.localSha(sha1(script))).toBe(sha1(adapted));
    expect(compat.localSha(sha1(script).toUpperCase())).toBe(sha1(adapted));
    expect(compat.localSha("f".repeat(40))).toBe("f".repeat(40));
  });
});
