// POST /api/qstash/failures – record order messages QStash gave up on (signed failure callback)
import { qstashRoutes } from "~/server/app-services";

export const POST = qstashRoutes.failures;
