// The QStash schedule that calls this deployment's reconcile endpoint. Its id is derived from the
// namespace, so creating it again updates the one schedule instead of adding a second.
import { createHash } from "node:crypto";
import type { Client, CreateScheduleRequest, Schedule } from "@upstash/qstash";
import { QSTASH_PATHS } from "~/server/orders/qstash-destinations";
import { DEFAULT_RECONCILE_AGE_SECONDS } from "~/server/orders/reconcile";

export const RECONCILE_SCHEDULE_PREFIX = "stampede-reconcile-";
export const DEFAULT_RECONCILE_CRON = "* * * * *";
export const PROTECTION_BYPASS_HEADER = "x-vercel-protection-bypass";

export interface ReconcileScheduleConfig {
  publicUrl: string;
  namespace: string;
  cron?: string;
  olderThanSeconds?: number;
  /** Vercel's automation bypass secret, for deployments behind Deployment Protection. */
  protectionBypassSecret?: string;
}

/** `stampede-reconcile-<namespace>`; characters a schedule id should not carry become `_`, plus a hash so ids stay distinct. */
export function reconcileScheduleId(namespace: string): string {
  const safe = namespace.replace(/[^A-Za-z0-9_-]/g, "_");
  if (safe === namespace) return `${RECONCILE_SCHEDULE_PREFIX}${safe}`;
  const hash = createHash("sha256").update(namespace).digest("hex").slice(0, 8);
  return `${RECONCILE_SCHEDULE_PREFIX}${safe}-${hash}`;
}

export function reconcileScheduleRequest(
  config: ReconcileScheduleConfig,
): CreateScheduleRequest & { scheduleId: string; headers: Record<string, string> } {
  const bypass = config.protectionBypassSecret;
  return {
    scheduleId: reconcileScheduleId(config.namespace),
    destination: `${config.publicUrl.replace(/\/+$/, "")}${QSTASH_PATHS.reconcile}`,
    cron: config.cron ?? DEFAULT_RECONCILE_CRON,
    body: JSON.stringify({ olderThanSeconds: config.olderThanSeconds ?? DEFAULT_RECONCILE_AGE_SECONDS }),
    headers: { "Content-Type": "application/json", ...(bypass ? { [PROTECTION_BYPASS_HEADER]: bypass } : {}) },
    // A missed run is covered by the next minute's; retrying longer only piles runs up.
    retries: 2,
    timeout: 60,
    // One run at a time per deployment: a slow run never overlaps the next tick.
    flowControl: { key: `${config.namespace}.reconcile`, parallelism: 1 },
    label: "stampede-reconcile",
    ...(bypass ? { redact: { header: [PROTECTION_BYPASS_HEADER] } } : {}),
  };
}

function headerValue(header: Record<string, string[]> | undefined, name: string): string | undefined {
  const entry = Object.entries(header ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry?.[1][0];
}

/** Whether the stored schedule already does what the request asks. */
export function scheduleMatches(existing: Schedule, request: ReturnType<typeof reconcileScheduleRequest>): boolean {
  const wantedBypass = request.headers[PROTECTION_BYPASS_HEADER];
  return (
    !existing.isPaused &&
    existing.destination === request.destination &&
    existing.cron === request.cron &&
    existing.body === request.body &&
    existing.retries === request.retries &&
    existing.parallelism === request.flowControl?.parallelism &&
    headerValue(existing.header, PROTECTION_BYPASS_HEADER) === wantedBypass
  );
}

export type ScheduleSync = {
  scheduleId: string;
  destination: string;
  cron: string;
  action: "created" | "updated" | "unchanged";
};

/** Looked up through the list: a `get` of a missing id makes the client print a 404 error line. */
async function findSchedule(client: Client, scheduleId: string): Promise<Schedule | undefined> {
  return (await client.schedules.list()).find((schedule) => schedule.scheduleId === scheduleId);
}

export async function upsertReconcileSchedule(client: Client, config: ReconcileScheduleConfig): Promise<ScheduleSync> {
  const request = reconcileScheduleRequest(config);
  const existing = await findSchedule(client, request.scheduleId);
  const summary = { scheduleId: request.scheduleId, destination: request.destination, cron: request.cron };
  if (existing && scheduleMatches(existing, request)) return { ...summary, action: "unchanged" };
  await client.schedules.create(request);
  return { ...summary, action: existing ? "updated" : "created" };
}

export async function deleteReconcileSchedule(client: Client, namespace: string): Promise<boolean> {
  const scheduleId = reconcileScheduleId(namespace);
  if (!(await findSchedule(client, scheduleId))) return false;
  await client.schedules.delete(scheduleId);
  return true;
}

/** Every reconcile schedule in this QStash account: production's and any preview's. */
export async function listReconcileSchedules(client: Client): Promise<Schedule[]> {
  const all = await client.schedules.list();
  return all.filter((schedule) => schedule.scheduleId.startsWith(RECONCILE_SCHEDULE_PREFIX));
}
