// GET /v2/local/stats: the counters another process (the benchmark) reads to price a run, behind the
// same bearer token as the rest of the API.
import { describe, expect, it } from "vitest";
import type { LocalQStashStats } from "./server";
import { eventually, qstashForFile } from "./test-qstash";

const { local, destination } = qstashForFile({ retryBaseDelayMs: 10 });

const readStats = async (token = local.token) => {
  const answer = await fetch(`${local.qstash.url}/v2/local/stats`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: answer.status, body: (await answer.json()) as LocalQStashStats };
};

describe("local stats endpoint", () => {
  it("counts publishes, attempts, deliveries, retries, dead letters and schedule fires", async () => {
    const flaky = destination.newUrl("flaky");
    const broken = destination.newUrl("broken");
    const scheduled = destination.newUrl("scheduled");
    destination.respond(flaky, (_request, index) => ({ status: index === 0 ? 500 : 200 }));
    destination.respond(broken, () => ({ status: 500 }));

    await local.client.publishJSON({ url: flaky, body: {} });
    await local.client.publishJSON({ url: broken, body: {}, retries: 1 });
    const { scheduleId } = await local.client.schedules.create({ destination: scheduled, cron: "0 0 1 1 *" });
    await fetch(`${local.qstash.url}/v2/schedules/${scheduleId}/trigger`, {
      method: "POST",
      headers: { Authorization: `Bearer ${local.token}` },
    });

    const settled = await eventually(async () => {
      const { body } = await readStats();
      return body.pending === 0 && body.inFlight === 0 ? body : undefined;
    });
    expect(settled).toEqual({
      published: 3,
      deliveryAttempts: 5,
      delivered: 2,
      retried: 2,
      deadLettered: 1,
      schedulesFired: 1,
      pending: 0,
      due: 0,
      inFlight: 0,
    });
    expect(settled).toEqual(local.qstash.stats());
  });

  it("answers 401 without the token", async () => {
    expect((await readStats("wrong")).status).toBe(401);
  });
});
