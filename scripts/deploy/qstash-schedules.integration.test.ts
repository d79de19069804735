// `npm run qstash:schedules` against the local QStash: idempotent, and the schedule it leaves
// delivers a signed request (carrying the protection bypass) to the real reconcile endpoint.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Receiver } from "@upstash/qstash";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "~/server/db";
import { silentLogger } from "~/server/logger";
import { QSTASH_PATHS } from "~/server/orders/qstash-destinations";
import { createQStashClient, createQStashReceiver } from "~/server/qstash";
import { createRedisClient } from "~/server/redis";
import { createServices } from "~/server/services";
import { testPaymentProvider } from "~/testing/webhook-routes";
import { createQStashRoutes } from "~/server/webhooks/qstash-routes";
import { testChallengeVerifier } from "~/testing/challenges";
import { uniqueId } from "~/testing/fixtures";
import { serveRoutes, type ServedRoutes } from "~/testing/serve-routes";
import { deleteReconcileSchedule, reconcileScheduleId } from "./reconcile-schedule";

const run = promisify(execFile);
const RECONCILE_PATH = QSTASH_PATHS.reconcile;
const stack = inject("stack");
const qstash = createQStashClient(stack.QSTASH_URL, stack.QSTASH_TOKEN);
const db = createPrismaClient(stack.DATABASE_URL);
const namespace = `${stack.STAMPEDE_NAMESPACE}-sched-${uniqueId("")}`;
const scheduleId = reconcileScheduleId(namespace);
const bypassSecret = `bypass-${uniqueId("")}`;

interface Delivery {
  headers: Headers;
  body: string;
  signatureValid: boolean;
  status: number;
}
const deliveries: Delivery[] = [];
let routes: ServedRoutes;

async function verified(receiver: Receiver, request: Request, body: string, url: string): Promise<boolean> {
  const signature = request.headers.get("upstash-signature") ?? "";
  return receiver.verify({ signature, body, url }).catch(() => false);
}

beforeAll(async () => {
  const receiver = createQStashReceiver(stack.QSTASH_CURRENT_SIGNING_KEY, stack.QSTASH_NEXT_SIGNING_KEY);
  const base = {
    db,
    redis: createRedisClient(stack.UPSTASH_REDIS_REST_URL, stack.UPSTASH_REDIS_REST_TOKEN),
    qstash,
    deployment: { namespace, publicUrl: undefined },
    logger: silentLogger,
    challenges: testChallengeVerifier(),
  };
  const services = createServices({ ...base, payments: testPaymentProvider(base) });
  const { reconcile } = createQStashRoutes(services, receiver, () => routes.url);
  routes = await serveRoutes({
    // Records what arrived, then hands the untouched request to the real endpoint.
    [RECONCILE_PATH]: async (request) => {
      const body = await request.clone().text();
      const signatureValid = await verified(receiver, request, body, `${routes.url}${RECONCILE_PATH}`);
      const response = await reconcile(request);
      deliveries.push({ headers: request.headers, body, signatureValid, status: response.status });
      return response;
    },
  });
});
afterAll(async () => {
  await deleteReconcileSchedule(qstash, namespace);
  await routes.close();
  await db.$disconnect();
});

async function schedulesCli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/qstash-schedules.ts", ...args], {
    env: {
      ...process.env,
      APP_URL: routes.url,
      STAMPEDE_NAMESPACE: namespace,
      VERCEL_AUTOMATION_BYPASS_SECRET: bypassSecret,
    },
  });
  return stdout.trim();
}

async function ours() {
  return (await qstash.schedules.list()).filter((schedule) => schedule.scheduleId === scheduleId);
}

describe("npm run qstash:schedules", () => {
  it("creates the schedule once; running it again leaves one, unchanged or updated", async () => {
    expect(await schedulesCli()).toMatch(
      new RegExp(`^${scheduleId} created: "\\* \\* \\* \\* \\*" → ${routes.url}${RECONCILE_PATH}`),
    );
    expect(await schedulesCli()).toMatch(`${scheduleId} unchanged`);
    expect(await ours()).toHaveLength(1);

    expect(await schedulesCli("--cron", "*/5 * * * *")).toMatch(`${scheduleId} updated`);
    const [schedule] = await ours();
    expect(await ours()).toHaveLength(1);
    expect(schedule).toMatchObject({
      cron: "*/5 * * * *",
      destination: `${routes.url}${RECONCILE_PATH}`,
      body: '{"olderThanSeconds":30}',
    });
  }, 30_000);

  it("the schedule calls the reconcile endpoint with a valid signature and the bypass header", async () => {
    await schedulesCli();
    const trigger = await fetch(`${stack.QSTASH_URL}/v2/schedules/${scheduleId}/trigger`, {
      method: "POST",
      headers: { Authorization: `Bearer ${stack.QSTASH_TOKEN}` },
    });
    expect(trigger.status).toBe(200);

    const deadline = Date.now() + 15_000;
    while (deliveries.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    const [delivery] = deliveries;
    expect(delivery).toBeDefined();
    expect(delivery!.signatureValid).toBe(true);
    expect(delivery!.status).toBe(200);
    expect(JSON.parse(delivery!.body)).toEqual({ olderThanSeconds: 30 });
    expect(delivery!.headers.get("upstash-schedule-id")).toBe(scheduleId);
    expect(delivery!.headers.get("x-vercel-protection-bypass")).toBe(bypassSecret);
  }, 30_000);

  it("--dry-run changes nothing, --delete removes only this deployment's schedule", async () => {
    await schedulesCli();
    const before = await ours();
    expect(await schedulesCli("--dry-run", "--cron", "0 * * * *")).toMatch(`would sync ${scheduleId}: "0 * * * *"`);
    expect((await ours())[0]?.cron).toBe(before[0]?.cron);

    expect(await schedulesCli("--delete")).toBe(`${scheduleId}: deleted`);
    expect(await ours()).toHaveLength(0);
    expect(await schedulesCli("--delete")).toBe(`${scheduleId}: did not exist`);
  }, 30_000);
});
