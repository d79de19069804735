import { describe, expect, it } from "vitest";
import { compactedRecords, foldJournal, type JournalRecord, type MessageFields } from "./journal-records";

const message = (id: string, overrides: Partial<MessageFields> = {}): MessageFields => ({
  id,
  kind: "message",
  url: "http://127.0.0.1:3000/api/qstash/orders",
  body: Buffer.from(`{"id":"${id}"}`).toString("base64"),
  options: { method: "POST", forwardHeaders: {}, retries: 3, delayMs: 0, labels: [] },
  createdAt: 1_000,
  dueAt: 1_000,
  retried: 0,
  callerIp: "127.0.0.1",
  ...overrides,
});
const lines = (...records: JournalRecord[]) => records.map((record) => JSON.stringify(record));
const header: JournalRecord = { t: "journal", version: 1 };

describe("journal fold", () => {
  it("keeps only unfinished messages, with the attempts and due time of their last retry", () => {
    const state = foldJournal(
      lines(
        header,
        { t: "msg", ...message("a") },
        { t: "msg", ...message("b") },
        { t: "msg", ...message("c") },
        { t: "msg", ...message("d") },
        { t: "retry", id: "a", retried: 2, dueAt: 5_000 },
        { t: "done", id: "b" },
        {
          t: "dlq",
          dlqId: "dlq-1",
          deadAt: 4_000,
          message: message("c", { retried: 3 }),
          response: { status: 500, headers: {}, body: "" },
        },
      ),
      0,
    );
    expect(state.messages.map(({ id, retried, dueAt }) => ({ id, retried, dueAt }))).toEqual([
      { id: "a", retried: 2, dueAt: 5_000 },
      { id: "d", retried: 0, dueAt: 1_000 },
    ]);
    expect(state.dlq.map((entry) => entry.message.id)).toEqual(["c"]);
  });

  it("drops deleted dead letters and schedules, expired dedup ids, and keeps a replaced schedule once", () => {
    const schedule = {
      cron: "* * * * *",
      destination: "http://127.0.0.1:3000/api/qstash/reconcile",
      body: "",
      options: message("x").options,
      callerIp: "127.0.0.1",
      createdAt: 1,
      paused: false,
    };
    const state = foldJournal(
      lines(
        header,
        { t: "dlq", dlqId: "gone", deadAt: 1, message: message("x"), response: { status: 0, headers: {}, body: "" } },
        { t: "dlq-del", dlqId: "gone" },
        { t: "sched", id: "s1", ...schedule },
        { t: "sched", id: "s2", ...schedule },
        { t: "sched", id: "s1", ...schedule, paused: true },
        { t: "sched", id: "s3", ...schedule },
        { t: "sched-del", id: "s3" },
        { t: "dedup", key: "old", id: "m1", expiresAt: 10 },
        { t: "dedup", key: "fresh", id: "m2", expiresAt: 1_000 },
      ),
      100,
    );
    expect(state.dlq).toEqual([]);
    expect(state.schedules.map(({ id, paused }) => ({ id, paused }))).toEqual([
      { id: "s2", paused: false },
      { id: "s1", paused: true },
    ]);
    expect(state.dedup).toEqual([{ key: "fresh", id: "m2", expiresAt: 1_000 }]);
  });

  it("skips a line cut short by a killed process and counts it", () => {
    const whole = lines(header, { t: "msg", ...message("a") }, { t: "msg", ...message("b") });
    const cut = [...whole.slice(0, 2), whole[2]!.slice(0, 40)];
    const state = foldJournal(cut, 0);
    expect(state.messages.map((entry) => entry.id)).toEqual(["a"]);
    expect(state.skippedLines).toBe(1);
  });

  it("refuses a journal written in another format version rather than lose its messages", () => {
    expect(() => foldJournal(lines({ t: "journal", version: 2 }), 0)).toThrow(/version 2/);
  });

  it("compacts to records that fold back to the same state", () => {
    const state = foldJournal(
      lines(
        header,
        { t: "msg", ...message("a") },
        { t: "retry", id: "a", retried: 1, dueAt: 9 },
        { t: "dedup", key: "k", id: "a", expiresAt: 50 },
      ),
      0,
    );
    const compacted = compactedRecords(state);
    expect(compacted.map((record) => record.t)).toEqual(["journal", "dedup", "msg"]);
    expect(foldJournal(lines(...compacted), 0)).toEqual(state);
  });
});
