// Per flow-control key: which accepted messages are still coming, split into deliveries in progress
// and everything else (waiting for a slot, for a delay or not-before, or for a retry after a failed
// attempt). The app waits for both to reach zero to know every message of a key has landed, so a
// message leaves only when it is finished: delivered, dead-lettered, or cancelled — and a cancelled
// message whose attempt is already on the wire still counts until that attempt returns.
import type { FlowControlSettings, QueuedMessage } from "./types";

interface KeyLoad {
  /** The newest settings a message of this key carried, as QStash applies them. */
  settings: FlowControlSettings;
  waiting: Set<string>;
  active: Set<string>;
}

export interface KeyLoadCounts {
  settings: FlowControlSettings;
  waiting: number;
  active: number;
}

export class FlowControlLoad {
  private readonly keys = new Map<string, KeyLoad>();

  /** A message was accepted (or recovered from the journal). */
  accept(message: QueuedMessage): void {
    const load = this.loadOf(message, true);
    load?.waiting.add(message.messageId);
  }

  /** An attempt is going out now. */
  begin(message: QueuedMessage): void {
    const load = this.loadOf(message);
    if (!load) return;
    load.waiting.delete(message.messageId);
    load.active.add(message.messageId);
  }

  /** An attempt returned; `outstanding` when the message will be attempted again. */
  end(message: QueuedMessage, outstanding: boolean): void {
    const load = this.loadOf(message);
    if (!load) return;
    load.active.delete(message.messageId);
    if (outstanding) load.waiting.add(message.messageId);
  }

  /** The message was cancelled; an attempt already out is left to end(). */
  withdraw(message: QueuedMessage): void {
    this.loadOf(message)?.waiting.delete(message.messageId);
  }

  /** Undefined for a key no message has used since this server started (or was recovered). */
  counts(key: string): KeyLoadCounts | undefined {
    const load = this.keys.get(key);
    return load && { settings: load.settings, waiting: load.waiting.size, active: load.active.size };
  }

  private loadOf(message: QueuedMessage, updateSettings = false): KeyLoad | undefined {
    const settings = message.options.flowControl;
    if (!settings) return undefined;
    let load = this.keys.get(settings.key);
    if (!load) {
      load = { settings, waiting: new Set(), active: new Set() };
      this.keys.set(settings.key, load);
    } else if (updateSettings) {
      load.settings = settings;
    }
    return load;
  }
}
