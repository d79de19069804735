// GET /admin/sales/:id/fairness.csv and /fairness.json — the handler behind the two route files,
// for admins only (401 for visitors, 403 for shoppers), with the session getter passed in so it can
// be exercised with any caller. The JSON is the whole report; the CSV one row per entrant.
import { saleIdSchema } from "~/lib/sale";
import { isAdmin } from "~/server/auth/roles";
import type { AppSession } from "~/server/auth/session";
import { fairnessCsvLines } from "./report-csv";
import type { FairnessReport } from "./types";

export interface FairnessDownloadDeps {
  getSession: (request: Request) => Promise<AppSession | null>;
  /** The whole report (every share row), or null for an unknown sale. */
  report: (saleId: string) => Promise<FairnessReport | null>;
}

export type FairnessFormat = "csv" | "json";

function plain(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export function createFairnessDownloadHandler(deps: () => FairnessDownloadDeps) {
  return async (request: Request, saleId: string, format: FairnessFormat): Promise<Response> => {
    const { getSession, report } = deps();
    const session = await getSession(request);
    if (!session) return plain(401, "Please sign in to continue.");
    if (!isAdmin(session)) return plain(403, "This area is for administrators only.");

    const id = saleIdSchema.safeParse(saleId);
    if (!id.success) return plain(404, "We could not find that sale.");
    const found = await report(id.data);
    if (!found) return plain(404, "We could not find that sale.");
    const body = format === "json" ? JSON.stringify(found, null, 2) : fairnessCsvLines(found).join("");
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="fairness-${found.sale.slug}.${format}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  };
}
