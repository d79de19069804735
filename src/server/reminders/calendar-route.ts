// GET /sales/<slug>/calendar.ics – an upcoming sale as a calendar event, for anyone (no sign-in):
// the "Remind me" that works without an account or email. Built from the storefront's view of the
// sale, so a draft or unknown slug is a 404 like its page.
import { idSchema } from "~/lib/sale";
import type { Logger } from "~/server/logger";
import { saleCalendar } from "./ics";

interface CalendarSaleRow {
  id: string;
  slug: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  openingMode: "FIRST_COME" | "FAIR_DRAW";
  lobbyOpensAt: Date | null;
}

export interface CalendarRouteDeps {
  findSale: (slug: string) => Promise<CalendarSaleRow | null>;
  /** The site's public origin; the request's own origin is used where none is configured. */
  publicUrl: () => string | undefined;
  logger: Logger;
}

const slugSchema = idSchema("slug");

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export function createCalendarRoute(deps: CalendarRouteDeps) {
  return async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
    const slug = slugSchema.safeParse((await context.params).slug);
    if (!slug.success) return plain(400, "Not a sale address.");
    let sale: CalendarSaleRow | null;
    try {
      sale = await deps.findSale(slug.data);
    } catch (error) {
      deps.logger.error("calendar.read_failed", { message: error instanceof Error ? error.message : String(error) });
      return plain(503, "The calendar file is unavailable right now. Please try again in a moment.");
    }
    if (!sale) return plain(404, "We could not find that sale.");

    const origin = deps.publicUrl() ?? new URL(request.url).origin;
    const url = `${origin}/sales/${encodeURIComponent(sale.slug)}`;
    const body = saleCalendar({
      id: sale.id,
      title: sale.title,
      startsAt: sale.lobbyOpensAt ?? sale.startsAt,
      endsAt: sale.endsAt,
      url,
      host: new URL(origin).hostname,
      fairDraw: sale.openingMode === "FAIR_DRAW",
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="${sale.slug.replace(/[^A-Za-z0-9_-]/g, "_")}.ics"`,
        "Cache-Control": "no-store",
      },
    });
  };
}
