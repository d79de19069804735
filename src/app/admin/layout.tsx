// /admin/* — the admin's section navigation. Access is checked by each page (see require-admin).
import type { Metadata } from "next";
import Link from "next/link";
import { getServerSession } from "~/server/auth";
import { isAdmin } from "~/server/auth/roles";
import styles from "./admin.module.css";

export const metadata: Metadata = {
  title: { default: "Admin", template: "%s · Admin · Stampede" },
  robots: { index: false, follow: false },
};

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const session = await getServerSession();
  return (
    <>
      {isAdmin(session) && (
        <nav className={styles.adminNav} aria-label="Admin">
          <Link href="/admin">All sales</Link>
          <Link href="/admin/sales/new">New sale</Link>
        </nav>
      )}
      {children}
    </>
  );
}
