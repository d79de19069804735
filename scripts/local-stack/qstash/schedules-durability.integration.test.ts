// Schedules survive a kill: created before it, they are listed, triggered and — for an every-minute
// cron — fired by the clock after the restart. The last test waits for a real minute boundary
// (up to 60 s), which is why it has a file of its own that runs beside the quicker ones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReceiver, type TestReceiver } from "./test-receiver";
import { restartTestQStash, startTestQStash, temporaryDataDir, type TestQStash } from "./test-qstash";

let destination: TestReceiver;
let dataDir: ReturnType<typeof temporaryDataDir>;
let local: TestQStash;

beforeAll(async () => {
  destination = await startTestReceiver();
  dataDir = temporaryDataDir();
  local = await startTestQStash({ dataDir: dataDir.dir });
});
afterAll(async () => {
  await local.qstash.close();
  await destination.close();
  dataDir.remove();
});

const trigger = async (scheduleId: string) => {
  const answer = await fetch(`${local.qstash.url}/v2/schedules/${scheduleId}/trigger`, {
    method: "POST",
    headers: { Authorization: `Bearer ${local.token}` },
  });
  return ((await answer.json()) as { messageId: string }).messageId;
};

describe("schedules across a kill", () => {
  it("keeps every schedule, its settings and its paused state", async () => {
    const url = destination.newUrl("nightly");
    const scheduleId = `reconcile-${crypto.randomUUID()}`;
    await local.client.schedules.create({
      destination: url,
      cron: "30 2 * * *",
      scheduleId,
      body: '{"job":"reconcile"}',
      headers: { "X-Job": "reconcile" },
      retries: 2,
      flowControl: { key: "reconcile", parallelism: 1 },
    });
    const paused = await local.client.schedules.create({ destination: url, cron: "0 * * * *" });
    await local.client.schedules.pause({ schedule: paused.scheduleId });
    const deleted = await local.client.schedules.create({ destination: url, cron: "0 * * * *" });
    await local.client.schedules.delete(deleted.scheduleId);
    const before = await local.client.schedules.get(scheduleId);

    local = await restartTestQStash(local);

    expect(await local.client.schedules.get(scheduleId)).toEqual(before);
    expect((await local.client.schedules.get(paused.scheduleId)).isPaused).toBe(true);
    const ids = (await local.client.schedules.list()).map((schedule) => schedule.scheduleId);
    expect(ids).toEqual(expect.arrayContaining([scheduleId, paused.scheduleId]));
    expect(ids).not.toContain(deleted.scheduleId);

    const messageId = await trigger(scheduleId);
    const [delivered] = await destination.waitFor(url, 1);
    expect(delivered!.headers["upstash-message-id"]).toBe(messageId);
    expect(delivered!.headers["upstash-schedule-id"]).toBe(scheduleId);
    expect(delivered!.headers["x-job"]).toBe("reconcile");
    expect(delivered!.text).toBe('{"job":"reconcile"}');
  });

  it("fires an every-minute schedule created before the kill on the next minute after the restart", async () => {
    // Not in the last seconds of a minute, so the old server cannot fire it before the kill.
    const secondsIntoMinute = (Date.now() % 60_000) / 1000;
    if (secondsIntoMinute > 55) await new Promise((resolve) => setTimeout(resolve, (61 - secondsIntoMinute) * 1000));
    const url = destination.newUrl("every-minute");
    const { scheduleId } = await local.client.schedules.create({ destination: url, cron: "* * * * *", body: "tick" });

    local = await restartTestQStash(local);
    const restartedAt = Date.now();
    const nextScheduleTime = (await local.client.schedules.get(scheduleId)).nextScheduleTime!;
    expect(nextScheduleTime).toBe(Math.floor(restartedAt / 60_000) * 60_000 + 60_000);

    const [fired] = await destination.waitFor(url, 1, 65_000);
    expect(fired!.receivedAt).toBeGreaterThanOrEqual(nextScheduleTime);
    expect(fired!.headers["upstash-schedule-id"]).toBe(scheduleId);
    expect(fired!.text).toBe("tick");
    expect(local.qstash.stats().schedulesFired).toBeGreaterThanOrEqual(1);
  }, 75_000);
});
