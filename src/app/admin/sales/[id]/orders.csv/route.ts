// GET /admin/sales/:id/orders.csv[?state=HELD] – a sale's orders (or one state's) as CSV, for admins only (401/403 otherwise)
import { services } from "~/server/app-services";
import { getServerSession } from "~/server/auth";
import { createOrdersCsvHandler } from "~/server/sales/admin/orders-csv-route";

export const dynamic = "force-dynamic";

const handleOrdersCsv = createOrdersCsvHandler(() => ({ admin: services.admin, getSession: () => getServerSession() }));

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleOrdersCsv(request, id);
}
