// The Auth.js configuration, built from the validated env and the database so tests can build
// their own. Sessions are JWTs (id and role inside) so no request needs a session-table lookup;
// the Prisma adapter still stores users, OAuth accounts and email verification tokens.
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { NextAuthConfig } from "next-auth";
import type { DatabaseClient } from "~/server/db";
import { createAuthLogger, type AuthLogSink } from "./auth-logger";
import { createAuthCallbacks } from "./callbacks";
import { buildProviders, type ProviderEnv } from "./providers";
import { SESSION_MAX_AGE_SECONDS } from "./session-token";

export interface AuthEnv extends ProviderEnv {
  AUTH_SECRET: string;
  ADMIN_EMAILS: readonly string[];
}

export const SIGN_IN_PATH = "/signin";
export const CHECK_EMAIL_PATH = "/signin/check-email";

export interface AuthConfigDeps {
  env: AuthEnv;
  db: DatabaseClient;
  log: AuthLogSink;
}

export function createAuthConfig({ env, db, log }: AuthConfigDeps): NextAuthConfig {
  return {
    adapter: PrismaAdapter(db),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    secret: env.AUTH_SECRET,
    // Auth.js builds its URLs from the request's (X-Forwarded-)Host, which Vercel sets and `next start`
    // fills in; without this it refuses every production request that has no AUTH_URL.
    trustHost: true,
    providers: buildProviders(env, db),
    callbacks: createAuthCallbacks({ db, adminEmails: env.ADMIN_EMAILS }),
    logger: createAuthLogger(log),
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH, verifyRequest: CHECK_EMAIL_PATH },
  };
}
