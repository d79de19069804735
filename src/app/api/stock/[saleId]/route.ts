// GET /api/stock/:saleId – live stock, state and window of one sale, cacheable at the CDN for a second
//
// Why polling a cacheable GET rather than Server-Sent Events, on Vercel: every open sale page asks
// every 2 s. With `s-maxage=1, stale-while-revalidate=1` Vercel's CDN answers those requests from
// its regional cache and collapses the misses, so the origin sees about one request per second
// per region per sale whatever the crowd; inside a function instance, readLiveSale's 500 ms cache
// and in-flight sharing cut Redis to one read per instance. SSE would hold one function invocation
// open per shopper (billed for its whole duration and cut off at the function's maximum duration),
// so ten thousand watchers would mean ten thousand concurrent functions instead of a handful.
// The cost is freshness: a shopper may see stock up to ~2 s old, which is fine because the
// reservation itself is decided atomically in Redis, never from this number.
import { saleIdSchema } from "~/lib/sale";
import { services } from "~/server/app-services";
import { readLiveSale } from "~/server/inventory/read-live-sale";

export const dynamic = "force-dynamic";

const CACHEABLE = "public, max-age=0, s-maxage=1, stale-while-revalidate=1";

export async function GET(_request: Request, context: { params: Promise<{ saleId: string }> }) {
  const parsed = saleIdSchema.safeParse((await context.params).saleId);
  if (!parsed.success) {
    return Response.json({ error: "Not a sale id." }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  try {
    const { redis, deployment } = services.clients;
    const sale = await readLiveSale(redis, deployment.namespace, parsed.data);
    if (!sale) {
      // Unknown ids are cached a little longer so junk requests do not reach Redis each time.
      return Response.json(
        { error: "We could not find that sale." },
        { status: 404, headers: { "Cache-Control": "public, max-age=0, s-maxage=10" } },
      );
    }
    return Response.json(sale, { headers: { "Cache-Control": CACHEABLE } });
  } catch (error) {
    services.logger.error("stock.read_failed", {
      saleId: parsed.data,
      message: error instanceof Error ? error.message : String(error),
    });
    return Response.json(
      { error: "Live stock is unavailable right now." },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
