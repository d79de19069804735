// Sign-in against the real database: roles settled from ADMIN_EMAILS, the development sign-in's
// find-or-create, and the whole Auth.js round trip producing a cookie that readSession accepts.
import { randomBytes } from "node:crypto";
import { Auth } from "@auth/core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "~/server/db/create-prisma-client";
import { createAuthCallbacks } from "./callbacks";
import { createAuthConfig, type AuthEnv } from "./config";
import { authorizeDevLogin, DevLoginDisabledError, InvalidDevLoginEmailError } from "./dev-login";
import { buildProviders } from "./providers";
import { SESSION_COOKIE_NAMES } from "./session-cookie";
import { createSessionReader } from "./session-token";

const stack = inject("stack");
const db = createPrismaClient(stack.DATABASE_URL);
afterAll(() => db.$disconnect());

const uniqueEmail = (label: string) => `${label}-${randomBytes(5).toString("hex")}@stampede.test`;
const createUser = (email: string, role: "SHOPPER" | "ADMIN") => db.user.create({ data: { email, role } });
const storedRole = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).role;
const signInArgs = (user: { id: string; email: string; name?: string | null; role?: "SHOPPER" | "ADMIN" }) => ({
  token: { sub: user.id, email: user.email, name: user.name ?? null },
  user,
  account: { provider: "github", type: "oauth" as const, providerAccountId: user.id },
  trigger: "signIn" as const,
});

describe("roles at sign-in", () => {
  it("promotes an address on ADMIN_EMAILS and carries the role into the token and session", async () => {
    const email = uniqueEmail("admin");
    const user = await createUser(email, "SHOPPER");
    const callbacks = createAuthCallbacks({ db, adminEmails: [email] });

    const token = await callbacks.jwt(signInArgs(user));
    expect(token).toMatchObject({ sub: user.id, email, role: "ADMIN" });
    expect(await storedRole(user.id)).toBe("ADMIN");

    const session = await callbacks.session({
      session: { user: { email, name: null, image: null, id: "", role: "SHOPPER" }, expires: new Date().toISOString() },
      token: token ?? {},
    } as Parameters<typeof callbacks.session>[0]);
    expect(session.user).toMatchObject({ id: user.id, email, role: "ADMIN" });
  });

  it("carries the account's creation time into the token, from the user handed over or the database", async () => {
    const user = await createUser(uniqueEmail("aged"), "SHOPPER");
    const callbacks = createAuthCallbacks({ db, adminEmails: [] });
    expect(await callbacks.jwt(signInArgs(user))).toMatchObject({ createdAt: user.createdAt.getTime() });
    // An OAuth profile without the row's columns: the time is read from the database.
    const { createdAt: _omitted, ...profile } = user;
    expect(await callbacks.jwt(signInArgs(profile))).toMatchObject({ createdAt: user.createdAt.getTime() });
  });

  it("matches ADMIN_EMAILS case-insensitively", async () => {
    const email = uniqueEmail("Mixed.Case");
    const user = await createUser(email, "SHOPPER");
    const callbacks = createAuthCallbacks({ db, adminEmails: [email.toLowerCase()] });
    expect(await callbacks.jwt(signInArgs(user))).toMatchObject({ role: "ADMIN" });
    expect(await storedRole(user.id)).toBe("ADMIN");
  });

  it("demotes an admin whose address was taken off the list", async () => {
    const user = await createUser(uniqueEmail("former-admin"), "ADMIN");
    const callbacks = createAuthCallbacks({ db, adminEmails: [uniqueEmail("someone-else")] });
    expect(await callbacks.jwt(signInArgs(user))).toMatchObject({ role: "SHOPPER" });
    expect(await storedRole(user.id)).toBe("SHOPPER");
  });

  it("passes the token through untouched after sign-in", async () => {
    const user = await createUser(uniqueEmail("returning"), "SHOPPER");
    const callbacks = createAuthCallbacks({ db, adminEmails: [user.email] });
    const token = { sub: user.id, email: user.email, role: "SHOPPER" as const };
    // No `user` means Auth.js is reading an existing session: the role changes only at sign-in.
    expect(await callbacks.jwt({ token } as Parameters<typeof callbacks.jwt>[0])).toEqual(token);
    expect(await storedRole(user.id)).toBe("SHOPPER");
  });

  it("refuses a sign-in without an email address", async () => {
    const callbacks = createAuthCallbacks({ db, adminEmails: [] });
    expect(await callbacks.signIn({ user: { id: "x", email: null } })).toBe(false);
    expect(await callbacks.signIn({ user: { id: "x", email: uniqueEmail("ok") } })).toBe(true);
    expect(await callbacks.jwt(signInArgs({ id: "x", email: "" }))).toBeNull();
  });
});

describe("development sign-in", () => {
  it("creates the account on first use and finds it afterwards, normalising the address", async () => {
    const email = uniqueEmail("dev");
    const first = await authorizeDevLogin(db, { email: `  ${email.toUpperCase()} ` }, { allowed: true });
    expect(first).toMatchObject({ email, role: "SHOPPER" });
    const again = await authorizeDevLogin(db, { email, csrfToken: "ignored" }, { allowed: true });
    expect(again.id).toBe(first.id);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("rejects an invalid address with a code the sign-in page can explain", async () => {
    for (const credentials of [{ email: "not-an-email" }, { email: "" }, {}, { email: ["a@b.test"] }]) {
      const attempt = authorizeDevLogin(db, credentials, { allowed: true });
      await expect(attempt).rejects.toBeInstanceOf(InvalidDevLoginEmailError);
      await expect(attempt).rejects.toMatchObject({ code: "invalid_email" });
    }
  });

  it("refuses to sign anyone in where the policy says no, creating nothing", async () => {
    const email = uniqueEmail("refused");
    await expect(authorizeDevLogin(db, { email }, { allowed: false })).rejects.toBeInstanceOf(DevLoginDisabledError);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});

/** The id Auth.js routes by: a provider's own options override its factory defaults. */
function providerIds(providers: ReturnType<typeof buildProviders>): string[] {
  return providers.map((entry) => {
    const provider = typeof entry === "function" ? entry() : entry;
    const options: { id?: unknown } | undefined = provider.options;
    return typeof options?.id === "string" ? options.id : provider.id;
  });
}

describe("the provider list", () => {
  it("has no development sign-in on Vercel production, so Auth.js rejects the callback outright", () => {
    const env = {
      NODE_ENV: "production",
      VERCEL_ENV: "production",
      AUTH_DEV_LOGIN: true,
      APP_URL: "http://localhost:3000",
    } as const;
    expect(providerIds(buildProviders(env, db))).toEqual([]);
  });

  it("has the development sign-in in tests", () => {
    expect(providerIds(buildProviders({ NODE_ENV: "test", AUTH_DEV_LOGIN: false }, db))).toEqual(["dev-login"]);
  });
});

describe("the Auth.js round trip", () => {
  const origin = "http://localhost:3100";
  const testEnv = (adminEmails: string[]): AuthEnv => ({
    NODE_ENV: "test",
    AUTH_DEV_LOGIN: false,
    AUTH_SECRET: stack.AUTH_SECRET,
    ADMIN_EMAILS: adminEmails,
  });

  const logged: Array<{ event: string; fields: Record<string, unknown> }> = [];
  const log = {
    error: (event: string, fields: Record<string, unknown>) => logged.push({ event, fields }),
    warn: () => undefined,
  };

  async function signInThroughHandlers(env: AuthEnv, email: string) {
    // The core handler next-auth's route handlers wrap (importing next-auth itself needs Next's bundler).
    const config = { ...createAuthConfig({ env, db, log }), basePath: "/api/auth" };
    const handle = (request: Request) => Auth(request, config);
    const csrf = await handle(new Request(`${origin}/api/auth/csrf`));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0])
      .join("; ");
    const response = await handle(
      new Request(`${origin}/api/auth/callback/dev-login`, {
        method: "POST",
        headers: { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, csrfToken, callbackUrl: `${origin}/orders` }),
      }),
    );
    const sessionCookie = response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0] ?? "")
      .find((cookie) => cookie.startsWith(`${SESSION_COOKIE_NAMES.plain}=`));
    return { handle, response, sessionCookie };
  }

  it("signs in with the dev login and yields a cookie readSession decodes, role and account age included", async () => {
    const email = uniqueEmail("roundtrip-admin");
    const { handle, response, sessionCookie } = await signInThroughHandlers(testEnv([email]), email);
    expect(response.headers.get("location")).toBe(`${origin}/orders`);
    expect(sessionCookie).toBeDefined();

    const session = await createSessionReader(stack.AUTH_SECRET)(new Headers({ cookie: sessionCookie ?? "" }));
    const stored = await db.user.findUniqueOrThrow({ where: { email } });
    expect(session?.user).toEqual({
      id: stored.id,
      email,
      name: null,
      role: "ADMIN",
      createdAt: stored.createdAt.getTime(),
    });
    expect(stored.role).toBe("ADMIN");

    const fromAuthJs = await handle(
      new Request(`${origin}/api/auth/session`, { headers: { cookie: sessionCookie ?? "" } }),
    );
    expect(await fromAuthJs.json()).toMatchObject({ user: { id: stored.id, email, role: "ADMIN" } });
  });

  it("gives the ADMIN_EMAILS from the environment the admin role", async () => {
    const { env } = await import("~/env");
    expect(env.ADMIN_EMAILS).toContain("admin@stampede.test");
    const { sessionCookie } = await signInThroughHandlers(env, "Admin@Stampede.test");
    const session = await createSessionReader(env.AUTH_SECRET)(new Headers({ cookie: sessionCookie ?? "" }));
    expect(session?.user).toMatchObject({ email: "admin@stampede.test", role: "ADMIN" });
  });

  it("sends an invalid address back to the sign-in page with the reason", async () => {
    const { response, sessionCookie } = await signInThroughHandlers(testEnv([]), "nobody");
    expect(sessionCookie).toBeUndefined();
    const location = new URL(response.headers.get("location") ?? "", origin);
    expect(location.pathname).toBe("/signin");
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      error: "CredentialsSignin",
      code: "invalid_email",
    });
    // A mistyped address is an answer for the shopper, not a server error.
    expect(logged).toEqual([]);
  });
});
