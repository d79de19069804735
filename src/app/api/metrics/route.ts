// GET /api/metrics – Prometheus text (format 0.0.4) of the sales running or ended within 24 h, for a
// scraper with `Authorization: Bearer $METRICS_TOKEN` (see docs/operations.md).
import { env } from "~/env";
import { services } from "~/server/app-services";
import { createMetricsHandler } from "~/server/metrics/metrics-route";

export const dynamic = "force-dynamic";

const handleMetrics = createMetricsHandler(() => ({
  token: env.METRICS_TOKEN,
  render: () => services.metrics.prometheus(() => services.deadLetters.list()),
  logError: (event, fields) => services.logger.error(event, fields),
}));

export function GET(request: Request): Promise<Response> {
  return handleMetrics(request);
}
