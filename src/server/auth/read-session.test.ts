import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { readSession } from "./read-session";
import { mintSessionToken } from "./session-token";

describe("readSession", () => {
  const secret = inject("stack").AUTH_SECRET;
  const user = () => {
    const id = `user_${randomBytes(6).toString("hex")}`;
    return { id, email: `${id}@stampede.test`, role: "SHOPPER" as const };
  };

  it("decodes what mintSessionToken mints with AUTH_SECRET, for both cookie names", async () => {
    for (const secureCookie of [false, true]) {
      const shopper = user();
      const { cookieName, value } = await mintSessionToken(shopper, secret, { secureCookie });
      const session = await readSession(new Headers({ cookie: `${cookieName}=${value}` }));
      expect(session?.user).toEqual({ ...shopper, name: null });
    }
  });

  it("returns null for anonymous callers and for sessions minted with another secret", async () => {
    expect(await readSession(new Headers())).toBeNull();
    const { cookieName, value } = await mintSessionToken(user(), randomBytes(32).toString("base64url"));
    expect(await readSession(new Headers({ cookie: `${cookieName}=${value}` }))).toBeNull();
  });
});
