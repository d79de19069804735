// GET /api/sales/:slug/draw – a fair draw's public record: commitment, entrants and draw time; after the sale, the seed and the drawn order
import { services } from "~/server/app-services";
import { createDrawRecordHandler } from "~/server/fair-draw/report/draw-record-route";

export const dynamic = "force-dynamic";

const handleDrawRecord = createDrawRecordHandler(() => ({
  drawRecord: (slug) => services.storefront.drawRecord(slug),
  logError: (event, fields) => services.logger.error(event, fields),
}));

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return handleDrawRecord(request, slug);
}
