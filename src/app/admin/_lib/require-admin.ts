// The server-side gate of every admin page: visitors go to sign-in (and come back here after),
// signed-in shoppers get a 403 with the "Admins only" page (src/app/admin/forbidden.tsx). Each page
// calls it itself — a layout alone is not enough, since pages render without their layout on
// client-side navigation.
import "server-only";

import { forbidden, redirect } from "next/navigation";
import { getServerSession } from "~/server/auth";
import { isAdmin, type AdminSession } from "~/server/auth/roles";

export async function requireAdmin(returnPath: string): Promise<AdminSession> {
  const session = await getServerSession();
  if (!session) redirect(`/signin?${new URLSearchParams({ callbackUrl: returnPath })}`);
  if (!isAdmin(session)) forbidden();
  return session;
}
