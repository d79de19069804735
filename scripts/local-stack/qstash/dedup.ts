// Remembers deduplication keys for a window so a repeated publish answers with the first message id
// instead of delivering twice. Expired keys are dropped lazily; no timer keeps the process alive.
// Each key is journaled, so a publisher retrying across a server restart is still deduplicated.
import type { JournalWriter } from "./journal";
import type { DedupFields } from "./journal-records";

export class DeduplicationWindow {
  private readonly seen = new Map<string, { messageId: string; expiresAt: number }>();
  private publishesSinceSweep = 0;

  constructor(
    private readonly windowMs: number,
    private readonly journal: JournalWriter,
  ) {}

  /** The first message id for this key while the window lasts, else undefined. */
  firstMessageId(key: string, now = Date.now()): string | undefined {
    const entry = this.seen.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.seen.delete(key);
      return undefined;
    }
    return entry.messageId;
  }

  remember(key: string, messageId: string, now = Date.now()): void {
    const expiresAt = now + this.windowMs;
    this.journal.append({ t: "dedup", key, id: messageId, expiresAt });
    this.seen.set(key, { messageId, expiresAt });
    this.publishesSinceSweep += 1;
    if (this.publishesSinceSweep >= 1000) this.sweep(now);
  }

  restore({ key, id, expiresAt }: DedupFields): void {
    this.seen.set(key, { messageId: id, expiresAt });
  }

  private sweep(now: number): void {
    this.publishesSinceSweep = 0;
    for (const [key, entry] of this.seen) if (entry.expiresAt <= now) this.seen.delete(key);
  }
}
