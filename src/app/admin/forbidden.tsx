// 403 for signed-in shoppers anywhere under /admin.
import { AdminsOnly } from "./_components/admins-only";

export default function AdminForbidden() {
  return <AdminsOnly />;
}
