// POST /api/qstash/orders – persist a reserved order (signed QStash delivery)
import { qstashRoutes } from "~/server/app-services";

export const POST = qstashRoutes.orders;
