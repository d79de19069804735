// GET /admin/sales/:id/fairness.json – a sale's fairness report as JSON, for admins only (401/403 otherwise)
import { services } from "~/server/app-services";
import { getServerSession } from "~/server/auth";
import { createFairnessDownloadHandler } from "~/server/fair-draw/report/download-route";

export const dynamic = "force-dynamic";

const handleDownload = createFairnessDownloadHandler(() => ({
  getSession: () => getServerSession(),
  // Every block and device, not only the largest the page shows.
  report: (saleId) => services.admin.fairnessReport(saleId, { top: Number.POSITIVE_INFINITY }),
}));

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleDownload(request, id, "json");
}
