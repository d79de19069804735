// Schedules through the official Client (create, get, list, pause/resume, delete) and the local
// trigger extension that fires a schedule without waiting for its minute.
import type { QstashError } from "@upstash/qstash";
import { describe, expect, it } from "vitest";
import { qstashForFile } from "./test-qstash";

const { local, destination } = qstashForFile();

describe("schedules", () => {
  it("creates, reads, lists, pauses, resumes and deletes a schedule", async () => {
    const url = destination.newUrl("reconcile");
    const { scheduleId } = await local.client.schedules.create({
      destination: url,
      cron: "*/5 * * * *",
      body: '{"job":"reconcile"}',
      retries: 2,
    });
    expect(scheduleId).toMatch(/^scd_/);

    const schedule = await local.client.schedules.get(scheduleId);
    expect(schedule).toMatchObject({ scheduleId, cron: "*/5 * * * *", destination: url, retries: 2, isPaused: false });
    expect(schedule.body).toBe('{"job":"reconcile"}');
    const next = schedule.nextScheduleTime!;
    expect(next).toBeGreaterThan(Date.now());
    expect(next - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(new Date(next).getUTCMinutes() % 5).toBe(0);

    expect((await local.client.schedules.list()).map((entry) => entry.scheduleId)).toContain(scheduleId);
    await local.client.schedules.pause({ schedule: scheduleId });
    expect((await local.client.schedules.get(scheduleId)).isPaused).toBe(true);
    await local.client.schedules.resume({ schedule: scheduleId });
    expect((await local.client.schedules.get(scheduleId)).isPaused).toBe(false);

    await local.client.schedules.delete(scheduleId);
    const gone = await local.client.schedules.get(scheduleId).catch((error: QstashError) => error);
    expect((gone as QstashError).status).toBe(404);
  });

  it("replaces a schedule created again with the same scheduleId", async () => {
    const url = destination.newUrl("upsert");
    const scheduleId = `reconcile-${crypto.randomUUID()}`;
    await local.client.schedules.create({ destination: url, cron: "0 * * * *", scheduleId });
    await local.client.schedules.create({ destination: url, cron: "30 2 * * *", scheduleId });
    const schedule = await local.client.schedules.get(scheduleId);
    expect(schedule.cron).toBe("30 2 * * *");
    expect((await local.client.schedules.list()).filter((entry) => entry.scheduleId === scheduleId)).toHaveLength(1);
  });

  it("delivers the scheduled message with Upstash-Schedule-Id when triggered", async () => {
    const url = destination.newUrl("triggered");
    const { scheduleId } = await local.client.schedules.create({
      destination: url,
      cron: "0 0 1 1 *",
      body: '{"sweep":true}',
      headers: { "X-Job": "sweep" },
    });
    const answer = await fetch(`${local.qstash.url}/v2/schedules/${scheduleId}/trigger`, {
      method: "POST",
      headers: { Authorization: `Bearer ${local.token}` },
    });
    const { messageId } = (await answer.json()) as { messageId: string };

    const [delivered] = await destination.waitFor(url, 1);
    expect(delivered!.headers["upstash-schedule-id"]).toBe(scheduleId);
    expect(delivered!.headers["upstash-message-id"]).toBe(messageId);
    expect(delivered!.headers["x-job"]).toBe("sweep");
    expect(delivered!.text).toBe('{"sweep":true}');
  });

  it("rejects an invalid cron with 400", async () => {
    const error = await local.client.schedules
      .create({ destination: destination.newUrl("bad-cron"), cron: "every minute" })
      .catch((caught: QstashError) => caught);
    expect((error as QstashError).status).toBe(400);
    expect((error as QstashError).message).toMatch(/cron/i);
  });
});
