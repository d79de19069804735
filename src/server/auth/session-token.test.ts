import { hkdfSync, randomBytes } from "node:crypto";
import { decode, encode } from "@auth/core/jwt";
import { EncryptJWT } from "jose";
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE_NAMES } from "./session-cookie";
import { createSessionJwtDecoder } from "./session-jwt";
import { createSessionReader, mintSessionToken, SESSION_MAX_AGE_SECONDS } from "./session-token";

const newSecret = () => randomBytes(32).toString("base64url");
const newUser = (role: "SHOPPER" | "ADMIN" = "SHOPPER") => {
  const id = `user_${randomBytes(6).toString("hex")}`;
  return { id, email: `${id}@stampede.test`, name: `Shopper ${id}`, role };
};
const cookieHeaders = (cookie: string, extra: Record<string, string> = {}) => new Headers({ cookie, ...extra });

/** Flips one character of a token segment, keeping it valid base64url. */
function tamper(token: string, segment: number): string {
  const parts = token.split(".");
  const part = parts[segment] ?? "";
  const index = Math.floor(part.length / 2);
  const replacement = part[index] === "A" ? "B" : "A";
  parts[segment] = part.slice(0, index) + replacement + part.slice(index + 1);
  return parts.join(".");
}

describe("mintSessionToken + createSessionReader", () => {
  it.each([
    { secureCookie: false, cookieName: SESSION_COOKIE_NAMES.plain },
    { secureCookie: true, cookieName: SESSION_COOKIE_NAMES.secure },
  ])("round-trips a session through the $cookieName cookie", async ({ secureCookie, cookieName }) => {
    const secret = newSecret();
    const user = newUser("ADMIN");
    const minted = await mintSessionToken(user, secret, { secureCookie });
    expect(minted.cookieName).toBe(cookieName);

    const session = await createSessionReader(secret)(
      cookieHeaders(`theme=dark; ${minted.cookieName}=${minted.value}; lang=en`),
    );
    expect(session?.user).toEqual({ id: user.id, email: user.email, name: user.name, role: "ADMIN" });
    const expiresInSeconds = (Date.parse(session?.expires ?? "") - Date.now()) / 1000;
    expect(expiresInSeconds).toBeGreaterThan(SESSION_MAX_AGE_SECONDS - 60);
    expect(expiresInSeconds).toBeLessThanOrEqual(SESSION_MAX_AGE_SECONDS);
  });

  it("reads tokens written by Auth.js's own encode, extra claims and all", async () => {
    const secret = newSecret();
    const user = newUser();
    for (const cookieName of Object.values(SESSION_COOKIE_NAMES)) {
      const token = await encode({
        token: { sub: user.id, email: user.email, name: null, picture: "https://example.com/a.png", role: "SHOPPER" },
        secret,
        salt: cookieName,
      });
      const session = await createSessionReader(secret)(cookieHeaders(`${cookieName}=${token}`));
      expect(session?.user).toEqual({ id: user.id, email: user.email, name: null, role: "SHOPPER" });
    }
  });

  it("carries the account's creation time when minted with it; older tokens simply have none", async () => {
    const secret = newSecret();
    const user = newUser();
    const createdAt = new Date("2025-01-02T03:04:05.678Z");
    const withAge = await mintSessionToken({ ...user, createdAt }, secret);
    const withoutAge = await mintSessionToken(user, secret);
    const read = createSessionReader(secret);
    expect((await read(cookieHeaders(`${withAge.cookieName}=${withAge.value}`)))?.user.createdAt).toBe(
      createdAt.getTime(),
    );
    const old = await read(cookieHeaders(`${withoutAge.cookieName}=${withoutAge.value}`));
    expect(old?.user.id).toBe(user.id);
    expect(old?.user).not.toHaveProperty("createdAt");
  });

  it("returns null without a cookie header or without a session cookie", async () => {
    const read = createSessionReader(newSecret());
    expect(await read(new Headers())).toBeNull();
    expect(await read(cookieHeaders("theme=dark; authjs.csrf-token=abc"))).toBeNull();
    expect(await read(cookieHeaders(`${SESSION_COOKIE_NAMES.plain}=`))).toBeNull();
  });

  it("honours the request protocol: https reads only the secure cookie, http only the plain one", async () => {
    const secret = newSecret();
    const plain = await mintSessionToken(newUser(), secret, { secureCookie: false });
    const secure = await mintSessionToken(newUser(), secret, { secureCookie: true });
    const read = createSessionReader(secret);

    expect(
      await read(cookieHeaders(`${plain.cookieName}=${plain.value}`, { "x-forwarded-proto": "https" })),
    ).toBeNull();
    expect(
      await read(cookieHeaders(`${secure.cookieName}=${secure.value}`, { "x-forwarded-proto": "http" })),
    ).toBeNull();
    expect(
      await read(cookieHeaders(`${secure.cookieName}=${secure.value}`, { "x-forwarded-proto": "https" })),
    ).not.toBeNull();
    expect(
      await read(cookieHeaders(`${plain.cookieName}=${plain.value}`, { "x-forwarded-proto": "http" })),
    ).not.toBeNull();

    // Unknown protocol: the secure cookie wins when both are present.
    const both = await read(cookieHeaders(`${plain.cookieName}=${plain.value}; ${secure.cookieName}=${secure.value}`));
    const secureOnly = await read(cookieHeaders(`${secure.cookieName}=${secure.value}`));
    expect(both?.user.id).toBe(secureOnly?.user.id);
  });

  it("reassembles a token Auth.js split into chunked cookies, and URL-encoded values", async () => {
    const secret = newSecret();
    const user = newUser();
    const { cookieName, value } = await mintSessionToken(user, secret);
    const middle = Math.floor(value.length / 2);
    const chunked = `${cookieName}.1=${value.slice(middle)}; ${cookieName}.0=${value.slice(0, middle)}`;
    const read = createSessionReader(secret);
    expect((await read(cookieHeaders(chunked)))?.user.id).toBe(user.id);
    expect((await read(cookieHeaders(`${cookieName}=${encodeURIComponent(value)}`)))?.user.id).toBe(user.id);
  });

  it.each([0, 2, 3, 4])("rejects a token with segment %i tampered with", async (segment) => {
    const secret = newSecret();
    const { cookieName, value } = await mintSessionToken(newUser(), secret);
    expect(await createSessionReader(secret)(cookieHeaders(`${cookieName}=${tamper(value, segment)}`))).toBeNull();
  });

  it("rejects tokens for another secret, another cookie name, truncated or not a JWE at all", async () => {
    const secret = newSecret();
    const read = createSessionReader(secret);
    const { cookieName, value } = await mintSessionToken(newUser(), secret);
    const otherSecret = await mintSessionToken(newUser(), newSecret());
    const secureToken = await mintSessionToken(newUser(), secret, { secureCookie: true });

    expect(await read(cookieHeaders(`${otherSecret.cookieName}=${otherSecret.value}`))).toBeNull();
    expect(await read(cookieHeaders(`${SESSION_COOKIE_NAMES.plain}=${secureToken.value}`))).toBeNull();
    expect(await read(cookieHeaders(`${cookieName}=${value.slice(0, -4)}`))).toBeNull();
    expect(await read(cookieHeaders(`${cookieName}=${value.split(".").slice(0, 4).join(".")}`))).toBeNull();
    expect(await read(cookieHeaders(`${cookieName}=not-a-token`))).toBeNull();
    expect(await read(cookieHeaders(`${cookieName}=a.b.c.d.e`))).toBeNull();
  });

  it("rejects content encryption or key management Auth.js does not write, and extra segments", async () => {
    const secret = newSecret();
    const salt = SESSION_COOKIE_NAMES.plain;
    const read = createSessionReader(secret);
    const derivedKey = (bytes: number) =>
      new Uint8Array(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, bytes));
    const encrypt = (header: { alg: string; enc: string }, key: Uint8Array) =>
      new EncryptJWT({ sub: "u1", email: "a@stampede.test", role: "SHOPPER" })
        .setProtectedHeader(header)
        .setExpirationTime("1h")
        .encrypt(key);
    const { value } = await mintSessionToken(newUser(), secret);

    // Auth.js's own decode would take A256GCM too; we only take what Auth.js v5 writes.
    const refused = [
      await encrypt({ alg: "dir", enc: "A256GCM" }, derivedKey(32)),
      await encrypt({ alg: "A256KW", enc: "A256CBC-HS512" }, derivedKey(32)),
      `${value}.`,
      `${value}.${value.split(".")[3]}`,
    ];
    for (const token of refused) expect(await read(cookieHeaders(`${salt}=${token}`))).toBeNull();
    const accepted = await encrypt({ alg: "dir", enc: "A256CBC-HS512" }, derivedKey(64));
    expect(await read(cookieHeaders(`${salt}=${accepted}`))).not.toBeNull();
  });

  it("rejects expired tokens, allowing the same 15 s clock leeway as Auth.js", async () => {
    const secret = newSecret();
    const read = createSessionReader(secret);
    const expired = await mintSessionToken(newUser(), secret, { maxAgeSeconds: -60 });
    const justExpired = await mintSessionToken(newUser(), secret, { maxAgeSeconds: -5 });
    expect(await read(cookieHeaders(`${expired.cookieName}=${expired.value}`))).toBeNull();
    expect(await read(cookieHeaders(`${justExpired.cookieName}=${justExpired.value}`))).not.toBeNull();
  });

  it("rejects a valid token whose claims lack the id or role the app needs", async () => {
    const secret = newSecret();
    const salt = SESSION_COOKIE_NAMES.plain;
    const read = createSessionReader(secret);
    const withoutRole = await encode({ token: { sub: "u1", email: "a@stampede.test" }, secret, salt });
    const withBadRole = await encode({ token: { sub: "u1", email: "a@stampede.test", role: "ROOT" }, secret, salt });
    const withoutSub = await encode({ token: { email: "a@stampede.test", role: "ADMIN" }, secret, salt });
    for (const token of [withoutRole, withBadRole, withoutSub]) {
      expect(await read(cookieHeaders(`${salt}=${token}`))).toBeNull();
    }
  });
});

describe("createSessionJwtDecoder agrees with Auth.js's decode", () => {
  const salt = SESSION_COOKIE_NAMES.secure;

  it("on valid, tampered, foreign and expired tokens", async () => {
    const secret = newSecret();
    const valid = await encode({ token: { sub: "u1", email: "a@stampede.test", role: "SHOPPER" }, secret, salt });
    const tokens = {
      valid,
      foreign: await encode({ token: { sub: "u2" }, secret: newSecret(), salt }),
      otherSalt: await encode({ token: { sub: "u3" }, secret, salt: SESSION_COOKIE_NAMES.plain }),
      expired: await encode({ token: { sub: "u4" }, secret, salt, maxAge: -120 }),
      tamperedHeader: tamper(valid, 0),
      tamperedIv: tamper(valid, 2),
      tamperedCiphertext: tamper(valid, 3),
      tamperedTag: tamper(valid, 4),
    };
    const ours = createSessionJwtDecoder(secret);
    for (const [name, token] of Object.entries(tokens)) {
      const theirs = await decode({ token, secret, salt }).catch(() => null);
      expect({ name, claims: await ours(token, salt) }).toEqual({ name, claims: theirs });
    }
    expect(await ours(valid, salt)).toMatchObject({ sub: "u1", role: "SHOPPER" });
  });

  it("accepts tokens from a rotated-out secret listed after the current one", async () => {
    const [current, previous] = [newSecret(), newSecret()];
    const old = await encode({ token: { sub: "u1" }, secret: previous, salt });
    expect(await createSessionJwtDecoder([current, previous])(old, salt)).toMatchObject({ sub: "u1" });
    expect(await createSessionJwtDecoder(current)(old, salt)).toBeNull();
  });
});
