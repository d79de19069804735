// POST /api/qstash/failures – record order messages QStash gave up on (signed failure callback)
import { db } from "~/server/db";
import { publicUrl } from "~/server/deployment";
import { logger } from "~/server/logger";
import { FAILURE_CALLBACK_PATH } from "~/server/purchase/publish-target";
import { createQStashReceiver } from "~/server/qstash";
import { createFailureCallbackHandler } from "~/server/webhooks/failure-callback";

const receiver = createQStashReceiver();

export const POST = createFailureCallbackHandler(() => ({
  db,
  receiver,
  expectedUrl: publicUrl && `${publicUrl}${FAILURE_CALLBACK_PATH}`,
  log: (event, fields) => logger.error(event, fields),
}));
