// Where this deployment's order messages go, and how they get past preview protection.
import { env } from "~/env";
import type { OrderPublishTarget } from "./publish-order";

export const ORDER_CALLBACK_PATH = "/api/qstash/orders";
export const FAILURE_CALLBACK_PATH = "/api/qstash/failures";
export const RECONCILE_PATH = "/api/qstash/reconcile";

export function orderPublishTarget(deployment: {
  namespace: string;
  publicUrl: string | undefined;
}): OrderPublishTarget {
  if (!deployment.publicUrl) {
    throw new Error("APP_URL is not set and no Vercel URL is available: QStash has nowhere to deliver orders.");
  }
  return {
    namespace: deployment.namespace,
    orderCallbackUrl: `${deployment.publicUrl}${ORDER_CALLBACK_PATH}`,
    failureCallbackUrl: `${deployment.publicUrl}${FAILURE_CALLBACK_PATH}`,
    protectionBypassSecret: env.VERCEL_AUTOMATION_BYPASS_SECRET,
  };
}
