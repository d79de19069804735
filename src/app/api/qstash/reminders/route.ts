// POST /api/qstash/reminders – email a shopper that a sale is opening (signed, sent with not-before)
import { qstashRoutes } from "~/server/app-services";

export const POST = qstashRoutes.reminders;
