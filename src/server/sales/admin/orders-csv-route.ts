// GET /admin/sales/:id/orders.csv — the handler behind the route file, with the session getter
// passed in so it can be exercised with any caller. Streams the file in batches.
import { isAdmin } from "~/server/auth/roles";
import type { AppSession } from "~/server/auth/session";
import type { AdminService } from "./admin-service";
import { csvRow } from "./csv";

export interface OrdersCsvDeps {
  getSession: (request: Request) => Promise<AppSession | null>;
  admin: Pick<AdminService, "findSlug" | "allOrders">;
}

const CSV_HEADER = ["order_id", "email", "reserved_at_utc", "status", "price_minor", "currency"];

function plain(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export function createOrdersCsvHandler(deps: () => OrdersCsvDeps) {
  return async (request: Request, saleId: string): Promise<Response> => {
    const { getSession, admin } = deps();
    const session = await getSession(request);
    if (!session) return plain(401, "Please sign in to continue.");
    if (!isAdmin(session)) return plain(403, "This area is for administrators only.");

    const sale = await admin.findSlug(saleId);
    if (!sale) return plain(404, "We could not find that sale.");

    const encoder = new TextEncoder();
    const batches = admin.allOrders(saleId);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(csvRow(CSV_HEADER)));
      },
      async pull(controller) {
        const next = await batches.next();
        if (next.done) return controller.close();
        const text = next.value
          .map((order) =>
            csvRow([order.id, order.email, order.reservedAt, order.status, order.priceMinor, order.currency]),
          )
          .join("");
        controller.enqueue(encoder.encode(text));
      },
      async cancel() {
        await batches.return(undefined);
      },
    });
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="orders-${sale.slug}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  };
}
