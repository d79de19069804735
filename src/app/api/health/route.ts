// GET /api/health – service reachability for uptime checks: 200 when all are up, 503 otherwise
import { services } from "~/server/app-services";
import { checkServices } from "~/server/health/check-services";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkServices(services.clients);
  return Response.json(report, {
    status: report.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
