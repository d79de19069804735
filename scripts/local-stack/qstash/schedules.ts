// Schedules: a cron plus a message template; each due minute publishes a fresh message through the
// normal delivery loop, carrying Upstash-Schedule-Id. Every change is journaled as the whole
// schedule; a recovered schedule is re-armed from the next due minute (ticks missed while the server
// was down are skipped, not fired late).
import { nextCronTime, type CronSpec } from "./cron";
import { newScheduleId } from "./ids";
import type { JournalWriter } from "./journal";
import type { ScheduleFields } from "./journal-records";
import { createMessage } from "./publish";
import type { DeliveryOptions, QueuedMessage } from "./types";
import { bodyFields, deliveredHeaderRecord } from "./views";

const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ScheduleInput {
  scheduleId?: string;
  cron: string;
  spec: CronSpec;
  destination: string;
  body: Buffer;
  options: DeliveryOptions;
  callerIp: string;
}

interface ScheduleRecord extends ScheduleInput {
  scheduleId: string;
  createdAt: number;
  isPaused: boolean;
  lastScheduleTime?: number;
  nextScheduleTime?: number;
  timer?: NodeJS.Timeout;
}

export class ScheduleBook {
  private readonly schedules = new Map<string, ScheduleRecord>();

  constructor(
    private readonly publish: (message: QueuedMessage) => void,
    private readonly log: (line: string) => void,
    private readonly journal: JournalWriter,
  ) {}

  /** Creates a schedule, or replaces the one with the same Upstash-Schedule-Id. */
  upsert(input: ScheduleInput): string {
    const existing = input.scheduleId ? this.schedules.get(input.scheduleId) : undefined;
    const record: ScheduleRecord = {
      ...input,
      scheduleId: input.scheduleId ?? newScheduleId(),
      createdAt: existing?.createdAt ?? Date.now(),
      isPaused: false,
    };
    this.journalSchedule(record);
    clearTimeout(existing?.timer);
    this.schedules.set(record.scheduleId, record);
    this.arm(record);
    this.log(`schedule ${record.scheduleId} "${record.cron}" → ${record.destination}`);
    return record.scheduleId;
  }

  has(scheduleId: string): boolean {
    return this.schedules.has(scheduleId);
  }

  /** Re-arms a schedule recovered from the journal. */
  restore(fields: ScheduleFields, spec: CronSpec): void {
    const record: ScheduleRecord = {
      scheduleId: fields.id,
      cron: fields.cron,
      spec,
      destination: fields.destination,
      body: Buffer.from(fields.body, "base64"),
      options: fields.options,
      callerIp: fields.callerIp,
      createdAt: fields.createdAt,
      isPaused: fields.paused,
    };
    this.schedules.set(record.scheduleId, record);
    this.arm(record);
  }

  remove(scheduleId: string): boolean {
    const record = this.schedules.get(scheduleId);
    if (!record) return false;
    this.journal.append({ t: "sched-del", id: scheduleId });
    clearTimeout(record.timer);
    return this.schedules.delete(scheduleId);
  }

  setPaused(scheduleId: string, paused: boolean): boolean {
    const record = this.schedules.get(scheduleId);
    if (!record) return false;
    this.journalSchedule({ ...record, isPaused: paused });
    record.isPaused = paused;
    return true;
  }

  /** Publishes the schedule's message now (local extension, so a cron need not be waited for). */
  trigger(scheduleId: string): string | undefined {
    const record = this.schedules.get(scheduleId);
    return record ? this.fire(record) : undefined;
  }

  view(scheduleId: string) {
    const record = this.schedules.get(scheduleId);
    if (!record) return undefined;
    const { options } = record;
    const sample = createMessage({ url: record.destination, body: record.body, options });
    return {
      scheduleId: record.scheduleId,
      cron: record.cron,
      createdAt: record.createdAt,
      destination: record.destination,
      method: options.method,
      header: deliveredHeaderRecord(sample),
      ...bodyFields(record.body),
      retries: options.retries,
      delay: options.delayMs > 0 ? Math.round(options.delayMs / 1000) : undefined,
      failureCallback: options.failureCallback?.url,
      callerIP: record.callerIp,
      isPaused: record.isPaused,
      flowControlKey: options.flowControl?.key,
      parallelism: options.flowControl?.parallelism,
      rate: options.flowControl?.rate,
      period: options.flowControl?.period,
      label: options.labels[0],
      labels: options.labels.length > 0 ? options.labels : undefined,
      lastScheduleTime: record.lastScheduleTime,
      nextScheduleTime: record.nextScheduleTime,
    };
  }

  list() {
    return [...this.schedules.keys()].map((scheduleId) => this.view(scheduleId)!);
  }

  close(): void {
    for (const record of this.schedules.values()) clearTimeout(record.timer);
    this.schedules.clear();
  }

  private journalSchedule(record: ScheduleRecord): void {
    this.journal.append({
      t: "sched",
      id: record.scheduleId,
      cron: record.cron,
      destination: record.destination,
      body: record.body.toString("base64"),
      options: record.options,
      callerIp: record.callerIp,
      createdAt: record.createdAt,
      paused: record.isPaused,
    });
  }

  private fire(record: ScheduleRecord): string {
    const message = createMessage({
      url: record.destination,
      body: record.body,
      options: { ...record.options, notBefore: undefined },
      scheduleId: record.scheduleId,
      callerIp: record.callerIp,
    });
    record.lastScheduleTime = Date.now();
    this.publish(message);
    return message.messageId;
  }

  /** A failed journal write must not escape a timer and take the process down; the next tick tries again. */
  private fireFromTimer(record: ScheduleRecord): void {
    try {
      this.fire(record);
    } catch (error) {
      this.log(`schedule ${record.scheduleId} could not fire: ${(error as Error).message}`);
    }
  }

  private arm(record: ScheduleRecord, after = Date.now()): void {
    record.nextScheduleTime = nextCronTime(record.spec, after);
    this.waitForNext(record);
  }

  private waitForNext(record: ScheduleRecord): void {
    const due = record.nextScheduleTime;
    if (due === undefined) return;
    const wait = due - Date.now();
    record.timer = setTimeout(
      () => {
        if (this.schedules.get(record.scheduleId) !== record) return;
        if (wait > MAX_TIMER_MS) return this.waitForNext(record);
        if (!record.isPaused) this.fireFromTimer(record);
        // From the due minute, not from now: a timer that fires a hair early must not fire twice.
        this.arm(record, Math.max(Date.now(), due));
      },
      Math.min(Math.max(0, wait), MAX_TIMER_MS),
    );
  }
}
