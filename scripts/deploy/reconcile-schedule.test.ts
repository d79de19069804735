// The reconcile schedule's id and shape, without QStash.
import type { Schedule } from "@upstash/qstash";
import { describe, expect, it } from "vitest";
import { reconcileScheduleId, reconcileScheduleRequest, scheduleMatches } from "./reconcile-schedule";

describe("reconcileScheduleId", () => {
  it("is stable per namespace and distinct between namespaces", () => {
    expect(reconcileScheduleId("prod")).toBe("stampede-reconcile-prod");
    expect(reconcileScheduleId("preview-feat-a")).toBe(reconcileScheduleId("preview-feat-a"));
    expect(reconcileScheduleId("preview-feat-a")).not.toBe(reconcileScheduleId("preview-feat-b"));
  });

  it("replaces characters an id should not carry, without merging namespaces", () => {
    const colon = reconcileScheduleId("team:a");
    expect(colon).toMatch(/^stampede-reconcile-team_a-[0-9a-f]{8}$/);
    expect(colon).not.toBe(reconcileScheduleId("team_a"));
  });
});

describe("reconcileScheduleRequest", () => {
  it("calls this deployment's reconcile endpoint every minute with the default age", () => {
    const request = reconcileScheduleRequest({ publicUrl: "https://shop.example/", namespace: "prod" });
    expect(request).toMatchObject({
      scheduleId: "stampede-reconcile-prod",
      destination: "https://shop.example/api/qstash/reconcile",
      cron: "* * * * *",
      body: '{"olderThanSeconds":30}',
      headers: { "Content-Type": "application/json" },
      flowControl: { key: "prod.reconcile", parallelism: 1 },
    });
    expect(request.redact).toBeUndefined();
  });

  it("forwards the protection bypass, redacted from QStash's logs", () => {
    const request = reconcileScheduleRequest({
      publicUrl: "https://stampede-git-feat-a.vercel.app",
      namespace: "preview-feat-a",
      cron: "*/5 * * * *",
      olderThanSeconds: 120,
      protectionBypassSecret: "bypass-secret",
    });
    expect(request.headers).toEqual({
      "Content-Type": "application/json",
      "x-vercel-protection-bypass": "bypass-secret",
    });
    expect(request.redact).toEqual({ header: ["x-vercel-protection-bypass"] });
    expect(request).toMatchObject({ cron: "*/5 * * * *", body: '{"olderThanSeconds":120}' });
  });
});

describe("scheduleMatches", () => {
  const request = reconcileScheduleRequest({
    publicUrl: "https://shop.example",
    namespace: "prod",
    protectionBypassSecret: "s",
  });
  const stored: Schedule = {
    scheduleId: request.scheduleId,
    cron: request.cron,
    createdAt: 0,
    destination: request.destination,
    method: "POST",
    header: { "Content-Type": ["application/json"], "X-Vercel-Protection-Bypass": ["s"] },
    body: String(request.body),
    retries: request.retries ?? 0,
    parallelism: 1,
    isPaused: false,
  };

  it("accepts a schedule that already does the same", () => {
    expect(scheduleMatches(stored, request)).toBe(true);
  });

  it.each<[string, Partial<Schedule>]>([
    ["another destination", { destination: "https://old.example/api/qstash/reconcile" }],
    ["another cron", { cron: "*/5 * * * *" }],
    ["another body", { body: '{"olderThanSeconds":60}' }],
    ["an old bypass secret", { header: { "X-Vercel-Protection-Bypass": ["old"] } }],
    ["a paused schedule", { isPaused: true }],
  ])("wants an update for %s", (_label, change) => {
    expect(scheduleMatches({ ...stored, ...change }, request)).toBe(false);
  });
});
