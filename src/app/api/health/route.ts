// GET /api/health – service reachability for uptime checks: 200 when all are up, 503 otherwise
import { checkServices } from "~/server/health/check-services";
import { db } from "~/server/db";
import { qstash } from "~/server/qstash";
import { redis } from "~/server/redis";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkServices({ db, redis, qstash });
  return Response.json(report, {
    status: report.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
