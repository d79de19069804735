// GET /admin/sales/:id/orders.csv – every order of a sale as CSV, for admins only (401/403 otherwise)
import { getServerSession } from "~/server/auth";
import { db } from "~/server/db";
import { createOrdersCsvHandler } from "~/server/sales/admin/orders-csv-route";

export const dynamic = "force-dynamic";

const handleOrdersCsv = createOrdersCsvHandler(() => ({ db, getSession: () => getServerSession() }));

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleOrdersCsv(request, id);
}
