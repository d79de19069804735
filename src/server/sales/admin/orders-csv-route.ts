// GET /admin/sales/:id/orders.csv[?state=HELD&q=…] — the handler behind the route file, with the
// session getter passed in so it can be exercised with any caller. Streams the file in batches: the
// orders the orders page shows for the same state and search, every page of them.
//
// The first six columns are those of the first version of the export, in the same places, so
// spreadsheets built on it keep working; the checkout's columns follow, then the price as people
// read it ("$1,234.50", beside price_minor and currency, which stay the exact figures to add up).
//
// Times are ISO 8601 in UTC to the second ("2030-01-01T12:00:05Z"), not the "2 Jan 2030, 12:00:05
// UTC" the screens show: a file is read by spreadsheets and scripts in any locale, and ISO is the
// one form they all parse as a time, sort correctly as plain text, and cannot mistake for a formula.
import { ORDER_STATUS_LABELS } from "~/lib/checkout";
import { formatPrice } from "~/lib/money";
import { isAdmin } from "~/server/auth/roles";
import type { AppSession } from "~/server/auth/session";
import type { AdminService } from "./admin-service";
import { csvRow, isoToTheSecond } from "./csv";
import { isOrderStateFilter, ORDER_STATE_FILTERS, type OrderStateFilter } from "./order-counts";
import { orderSearchSchema, type AdminOrderRow } from "./sale-orders";

export interface OrdersCsvDeps {
  getSession: (request: Request) => Promise<AppSession | null>;
  admin: Pick<AdminService, "findSlug" | "allOrders">;
}

const CSV_HEADER = [
  "order_id",
  "email",
  "reserved_at_utc",
  "status",
  "price_minor",
  "currency",
  "order_number",
  "status_label",
  "hold_expires_at_utc",
  "hold_kind",
  "price",
];

function csvLine(order: AdminOrderRow): string {
  return csvRow([
    order.id,
    order.email,
    isoToTheSecond(order.reservedAt),
    order.status,
    order.priceMinor,
    order.currency,
    order.orderNumber,
    ORDER_STATUS_LABELS[order.status],
    // Only a hold still awaiting payment has an expiry that means anything to the reader.
    order.status === "HELD" ? isoToTheSecond(order.expiresAt) : null,
    order.holdKind,
    formatPrice(order.priceMinor, order.currency),
  ]);
}

/** The `state` query parameter: absent (every order), a known state, or refused. */
function stateOf(request: Request): { ok: true; state?: OrderStateFilter } | { ok: false } {
  const raw = new URL(request.url).searchParams.get("state");
  if (raw === null || raw === "") return { ok: true };
  return isOrderStateFilter(raw) ? { ok: true, state: raw } : { ok: false };
}

/** The `q` query parameter: absent or blank (no search), a search, or refused with the reason. */
function searchOf(request: Request): { ok: true; search?: string } | { ok: false; message: string } {
  const raw = new URL(request.url).searchParams.get("q");
  if (raw === null) return { ok: true };
  const parsed = orderSearchSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "That search is not valid." };
  return { ok: true, search: parsed.data || undefined };
}

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

    const filter = stateOf(request);
    if (!filter.ok) return plain(400, `Unknown order state. Use one of: ${ORDER_STATE_FILTERS.join(", ")}.`);

    const search = searchOf(request);
    if (!search.ok) return plain(400, search.message);

    const sale = await admin.findSlug(saleId);
    if (!sale) return plain(404, "We could not find that sale.");

    const encoder = new TextEncoder();
    const batches = admin.allOrders(saleId, filter.state, search.search);
    const suffix = filter.state ? `-${filter.state.toLowerCase().replace("_", "-")}` : "";
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(csvRow(CSV_HEADER)));
      },
      async pull(controller) {
        const next = await batches.next();
        if (next.done) return controller.close();
        const text = next.value.map(csvLine).join("");
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
        "content-disposition": `attachment; filename="orders-${sale.slug}${suffix}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  };
}
