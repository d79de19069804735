// The server-side gate of every admin page: visitors go to sign-in (and come back here after),
// signed-in shoppers get a 403 with the "Admins only" page (src/app/admin/forbidden.tsx). Each page
// calls it itself — a layout alone is not enough, since pages render without their layout on
// client-side navigation.
import "server-only";

import { forbidden, redirect } from "next/navigation";
import { getServerSession } from "~/server/auth";
import type { AppSession } from "~/server/auth/session";

export async function requireAdmin(returnPath: string): Promise<AppSession> {
  const session = await getServerSession();
  if (!session) redirect(`/signin?${new URLSearchParams({ callbackUrl: returnPath })}`);
  if (session.user.role !== "ADMIN") forbidden();
  return session;
}
