// Spans around the steps worth timing (reserve, publish, persist), through @opentelemetry/api.
// Nothing is created unless src/instrumentation.ts registered an exporter (OTEL_EXPORTER_OTLP_ENDPOINT
// set, or on Vercel): the buy path then pays one property read per step. The switch lives on
// globalThis because the instrumentation hook and the route bundles do not share module instances.
import { SpanStatusCode, trace } from "@opentelemetry/api";

const TRACING = Symbol.for("stampede.tracing");

type TracingGlobal = typeof globalThis & { [TRACING]?: boolean };

/** Called once the OpenTelemetry SDK is registered. */
export function enableTracing(): void {
  (globalThis as TracingGlobal)[TRACING] = true;
}

export function tracingEnabled(): boolean {
  return (globalThis as TracingGlobal)[TRACING] === true;
}

/** Runs `step` inside a span named `name` (attribute stampede.sale_id) when tracing is on. */
export function traced<T>(name: string, saleId: string, step: () => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return step();
  return trace
    .getTracer("stampede")
    .startActiveSpan(name, { attributes: { "stampede.sale_id": saleId } }, async (span) => {
      try {
        return await step();
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    });
}
