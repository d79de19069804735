// Next's instrumentation hook: traces through @vercel/otel, registered only where they go somewhere
// (an OTLP endpoint is configured, or the app runs on Vercel, whose tracing integrations pick them
// up). Elsewhere nothing is loaded and ~/server/metrics/tracing's spans are skipped.
import { env } from "~/env";
import { enableTracing } from "~/server/metrics/tracing";

export async function register(): Promise<void> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.VERCEL) return;
  const { registerOTel } = await import("@vercel/otel");
  registerOTel({ serviceName: "stampede" });
  enableTracing();
}
