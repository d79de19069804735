// POST /api/qstash/reconcile – persist stale reservations and check every sale's books (signed, schedulable)
import { db } from "~/server/db";
import { namespace, publicUrl } from "~/server/deployment";
import { logger } from "~/server/logger";
import { RECONCILE_PATH } from "~/server/purchase/publish-target";
import { createQStashReceiver } from "~/server/qstash";
import { redis } from "~/server/redis";
import { createReconcileHandler } from "~/server/webhooks/reconcile-callback";

const receiver = createQStashReceiver();

export const maxDuration = 60;

export const POST = createReconcileHandler(() => ({
  db,
  redis,
  namespace,
  receiver,
  expectedUrl: publicUrl && `${publicUrl}${RECONCILE_PATH}`,
  log: (level, event, fields) => logger[level](event, fields),
}));
