// GET /api/metrics: the Prometheus text for a scraper holding METRICS_TOKEN. No token configured:
// 404, as if there were no endpoint. A missing or wrong token: 401. Never cached.
import { createHash, timingSafeEqual } from "node:crypto";
import { PROMETHEUS_CONTENT_TYPE } from "./prometheus";

export interface MetricsRouteDeps {
  /** METRICS_TOKEN; undefined turns the endpoint off. */
  token: string | undefined;
  render: () => Promise<string>;
  logError: (event: string, fields: Record<string, unknown>) => void;
}

const NO_STORE = { "Cache-Control": "no-store" };

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", ...NO_STORE, ...headers },
  });
}

/** The token of an "Authorization: Bearer <token>" header, or null. */
export function bearerToken(header: string | null): string | null {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match ? match[1]! : null;
}

/** Compares in time independent of where the two differ (and of their lengths). */
export function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function createMetricsHandler(deps: () => MetricsRouteDeps) {
  return async function handleMetrics(request: Request): Promise<Response> {
    const { token, render, logError } = deps();
    if (!token) return text(404, "metrics are not enabled\n");
    const given = bearerToken(request.headers.get("authorization"));
    if (!given || !sameToken(given, token)) {
      return text(401, "a valid bearer token is required\n", { "WWW-Authenticate": 'Bearer realm="metrics"' });
    }
    try {
      return new Response(await render(), {
        status: 200,
        headers: { "Content-Type": PROMETHEUS_CONTENT_TYPE, ...NO_STORE },
      });
    } catch (error) {
      logError("metrics.render_failed", {
        message: error instanceof Error ? error.message.split("\n")[0] : String(error),
      });
      return text(503, "metrics are unavailable right now\n", { "Retry-After": "5" });
    }
  };
}
