// /admin/sales/new — a new sale starts as a draft.
import type { Metadata } from "next";
import { SaleEditor } from "~/app/admin/_components/sale-editor";
import { requireAdmin } from "~/app/admin/_lib/require-admin";
import styles from "~/app/admin/admin.module.css";

export const metadata: Metadata = { title: "New sale" };

export default async function NewSalePage() {
  await requireAdmin("/admin/sales/new");
  return (
    <>
      <div className={styles.pageHead}>
        <h1>New sale</h1>
      </div>
      <SaleEditor />
    </>
  );
}
