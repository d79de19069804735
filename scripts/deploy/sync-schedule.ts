// This deployment's reconcile schedule, configured from the validated env: used by
// `npm run qstash:schedules` and, when STAMPEDE_SYNC_SCHEDULES=true, by the Vercel build.
import { env } from "~/env";
import { deployment } from "~/server/deployment";
import { createQStashClient } from "~/server/qstash";
import { isLocalUrl } from "../local-stack/service-urls";
import {
  reconcileScheduleRequest,
  upsertReconcileSchedule,
  type ReconcileScheduleConfig,
  type ScheduleSync,
} from "./reconcile-schedule";

export interface SyncOptions {
  /** Overrides the derived public URL. */
  url?: string;
  cron?: string;
  olderThanSeconds?: number;
}

export function deploymentScheduleConfig(options: SyncOptions = {}): ReconcileScheduleConfig {
  const url = options.url ?? deployment.publicUrl;
  if (!url) throw new Error("No public URL: set APP_URL (or pass --url https://…); QStash needs an address to call.");
  // Hosted QStash cannot reach this machine: a localhost destination is a leftover local APP_URL.
  if (isLocalUrl(url) && !isLocalUrl(env.QSTASH_URL)) {
    throw new Error(
      `Refusing to point hosted QStash (${env.QSTASH_URL}) at ${url}. Set APP_URL or pass --url https://your-domain.`,
    );
  }
  return {
    publicUrl: url,
    namespace: deployment.namespace,
    cron: options.cron,
    olderThanSeconds: options.olderThanSeconds,
    protectionBypassSecret: env.VERCEL_AUTOMATION_BYPASS_SECRET,
  };
}

export function describeSync(config: ReconcileScheduleConfig): string {
  const request = reconcileScheduleRequest(config);
  const bypass = config.protectionBypassSecret ? "with the protection bypass header" : "without a protection bypass";
  return `"${request.cron}" → ${request.destination} ${String(request.body)} (namespace ${config.namespace}, ${bypass})`;
}

export async function syncDeploymentSchedule(
  options: SyncOptions = {},
): Promise<ScheduleSync & { description: string }> {
  const config = deploymentScheduleConfig(options);
  const result = await upsertReconcileSchedule(createQStashClient(), config);
  return { ...result, description: describeSync(config) };
}
