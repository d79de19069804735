// POST /api/qstash/holds – a sale's holds fell due: release the unpaid ones (signed, sent with not-before)
import { qstashRoutes } from "~/server/app-services";

export const maxDuration = 60;

export const POST = qstashRoutes.holds;
