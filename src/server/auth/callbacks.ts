// What Auth.js does with a user at sign-in and when it builds a session: refuse accounts without
// an email address, settle the role from ADMIN_EMAILS, and carry id, role and the account's
// creation time in the JWT so reading a session (and a sale's account-age rule) never needs the
// database.
import type { NextAuthConfig } from "next-auth";
import { accountCreatedAt, syncRoleAtSignIn, type UserStore } from "./roles";
import { roleSchema } from "./session";
import "./types";

type Callbacks = NonNullable<NextAuthConfig["callbacks"]>;

export interface AuthCallbackDeps {
  db: UserStore;
  adminEmails: readonly string[];
}

export function createAuthCallbacks({ db, adminEmails }: AuthCallbackDeps) {
  /** Every app user has an email address (orders and admin rights hang on it). */
  const signIn: NonNullable<Callbacks["signIn"]> = ({ user }) => Boolean(user.email);

  const jwt: NonNullable<Callbacks["jwt"]> = async ({ token, user }) => {
    // `user` is only present on the request that signs in (its type says always); later calls,
    // which read an existing session, pass the token through.
    if (!user) return token;
    if (!user.id || !user.email) return null;
    const role = await syncRoleAtSignIn(db, { id: user.id, email: user.email }, adminEmails);
    const createdAt = await accountCreatedAt(db, user as { id: string; createdAt?: unknown });
    return {
      ...token,
      sub: user.id,
      email: user.email,
      name: user.name ?? null,
      role,
      ...(createdAt === null ? {} : { createdAt }),
    };
  };

  const session: NonNullable<Callbacks["session"]> = ({ session, token }) => {
    const role = roleSchema.safeParse(token.role);
    return {
      ...session,
      user: {
        ...session.user,
        id: token.sub ?? "",
        email: token.email ?? session.user.email,
        role: role.success ? role.data : "SHOPPER",
      },
    };
  };

  return { signIn, jwt, session } satisfies Callbacks;
}
