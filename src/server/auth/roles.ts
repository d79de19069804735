// Who is an administrator: the addresses in ADMIN_EMAILS, applied at every sign-in. The database
// row follows the list (promoted when added, demoted when removed) so admin tools that read roles
// from the database agree with the session. `isAdmin` is the one check every admin gate makes.
import type { DatabaseClient } from "~/server/db";
import { normalizeEmail } from "./email-address";
import type { AppSession, Role, SessionUser } from "./session";

export type UserStore = Pick<DatabaseClient, "user">;

export type AdminSession = AppSession & { user: SessionUser & { role: "ADMIN" } };

/** Whether the caller may use the admin area: signed in, with the ADMIN role. */
export function isAdmin(session: AppSession | null): session is AdminSession {
  return session?.user.role === "ADMIN";
}

export function roleForEmail(email: string, adminEmails: readonly string[]): Role {
  return adminEmails.includes(normalizeEmail(email)) ? "ADMIN" : "SHOPPER";
}

/**
 * When the account was created (epoch ms), for the session token: from the user the adapter or the
 * development sign-in hands over when it carries it, else one read. null when the row is gone.
 */
export async function accountCreatedAt(
  db: UserStore,
  user: { id: string; createdAt?: unknown },
): Promise<number | null> {
  if (user.createdAt instanceof Date) return user.createdAt.getTime();
  const row = await db.user.findUnique({ where: { id: user.id }, select: { createdAt: true } });
  return row ? row.createdAt.getTime() : null;
}

/**
 * Brings the user's stored role in line with ADMIN_EMAILS and returns it. One conditional UPDATE,
 * which writes nothing when the role is already right.
 */
export async function syncRoleAtSignIn(
  db: UserStore,
  user: { id: string; email: string },
  adminEmails: readonly string[],
): Promise<Role> {
  const role = roleForEmail(user.email, adminEmails);
  await db.user.updateMany({ where: { id: user.id, role: { not: role } }, data: { role } });
  return role;
}
