// GET /api/sales/:slug/draw — the handler behind the route file: the public record of a sale's
// fair draw (see draw-record.ts), with the reader passed in so tests call it like the app does.
import { idSchema } from "~/lib/sale";
import type { DrawRecordResult } from "./draw-record";

export interface DrawRecordDeps {
  drawRecord: (slug: string) => Promise<DrawRecordResult>;
  logError: (event: string, fields: Record<string, unknown>) => void;
}

const slugSchema = idSchema("slug");

function json(status: number, body: unknown, cacheControl = "no-store"): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": cacheControl,
      "x-content-type-options": "nosniff",
    },
  });
}

export function createDrawRecordHandler(deps: () => DrawRecordDeps) {
  return async (_request: Request, slug: string): Promise<Response> => {
    const parsed = slugSchema.safeParse(slug);
    if (!parsed.success) return json(400, { error: "That is not a sale's address." });
    const { drawRecord, logError } = deps();
    let result: DrawRecordResult;
    try {
      result = await drawRecord(parsed.data);
    } catch (error) {
      logError("draw_record.read_failed", {
        slug: parsed.data,
        message: error instanceof Error ? error.message : String(error),
      });
      return json(503, { error: "The draw record is unavailable right now. Please try again shortly." });
    }
    if (!result.ok) {
      return json(
        404,
        result.reason === "NOT_FOUND"
          ? { error: "We could not find that sale." }
          : { error: "This sale does not open with a fair draw, so it has no draw record." },
      );
    }
    // Once the sale has ended the record no longer changes but for the draw's last rows arriving:
    // a short shared cache is safe then. Before, it changes as shoppers enter.
    return json(200, result.record, result.record.ended && result.record.complete ? "public, max-age=60" : "no-store");
  };
}
