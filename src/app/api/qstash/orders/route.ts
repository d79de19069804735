// POST /api/qstash/orders – persist a reserved order (signed QStash delivery)
import { db } from "~/server/db";
import { namespace, publicUrl } from "~/server/deployment";
import { logger } from "~/server/logger";
import { ORDER_CALLBACK_PATH } from "~/server/purchase/publish-target";
import { createQStashReceiver } from "~/server/qstash";
import { redis } from "~/server/redis";
import { createOrderCallbackHandler } from "~/server/webhooks/order-callback";

const receiver = createQStashReceiver();

export const POST = createOrderCallbackHandler(() => ({
  db,
  redis,
  receiver,
  namespace,
  expectedUrl: publicUrl && `${publicUrl}${ORDER_CALLBACK_PATH}`,
  log: (event, fields) => logger.error(event, fields),
}));
