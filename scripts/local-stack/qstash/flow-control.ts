// Flow control per Upstash-Flow-Control-Key: at most `parallelism` deliveries in flight and at most
// `rate` delivery starts per `period` seconds. Retries pass through the same gate as first attempts.
import { parseDuration } from "./durations";
import type { FlowControlSettings } from "./types";

/** Parses "parallelism=2, rate=10, period=1m" (also "rate=10/1m"); an error text when malformed. */
export function parseFlowControlValue(key: string, value: string): FlowControlSettings | string {
  const settings: FlowControlSettings = { key, period: 1 };
  for (const part of value
    .split(/[,;]/)
    .map((piece) => piece.trim())
    .filter(Boolean)) {
    const [name, raw = ""] = part.split("=").map((piece) => piece.trim());
    if (name === "parallelism" && /^\d+$/.test(raw) && Number(raw) > 0) settings.parallelism = Number(raw);
    else if (name === "rate" && /^\d+(\/.+)?$/.test(raw) && Number.parseInt(raw, 10) > 0) {
      const [count = "", period] = raw.split("/");
      settings.rate = Number(count);
      if (period !== undefined) {
        const periodMs = parseDuration(period);
        if (!periodMs) return `invalid flow control period "${period}"`;
        settings.period = periodMs / 1000;
      }
    } else if (name === "period" && parseDuration(raw)) settings.period = parseDuration(raw)! / 1000;
    else return `invalid flow control value "${part}"`;
  }
  if (settings.parallelism === undefined && settings.rate === undefined) {
    return "flow control needs parallelism or rate";
  }
  return settings;
}

interface WaitingDelivery {
  id: string;
  run: () => Promise<void>;
}

interface KeyState {
  settings: FlowControlSettings;
  active: number;
  waitlist: WaitingDelivery[];
  windowStart: number;
  windowCount: number;
  timer?: NodeJS.Timeout;
}

export class FlowGate {
  private readonly keys = new Map<string, KeyState>();

  /** Runs `run` now, or once the key's limits allow. The newest settings for a key win, as in QStash. */
  submit(settings: FlowControlSettings | undefined, id: string, run: () => Promise<void>): void {
    if (!settings) {
      void run();
      return;
    }
    const state = this.keys.get(settings.key) ?? this.createState(settings);
    state.settings = settings;
    state.waitlist.push({ id, run });
    this.pump(state);
  }

  /** Drops a waiting delivery (a cancelled message); true when it was waiting. */
  withdraw(id: string): boolean {
    for (const state of this.keys.values()) {
      const index = state.waitlist.findIndex((waiting) => waiting.id === id);
      if (index >= 0) {
        state.waitlist.splice(index, 1);
        return true;
      }
    }
    return false;
  }

  /** The key's current rate window (unix ms start, starts counted in it), for the flow-control info. */
  rateWindow(key: string, now = Date.now()): { start: number; count: number } {
    const state = this.keys.get(key);
    const periodMs = (state?.settings.period ?? 1) * 1000;
    if (!state || now - state.windowStart >= periodMs) return { start: now, count: 0 };
    return { start: state.windowStart, count: state.windowCount };
  }

  close(): void {
    for (const state of this.keys.values()) {
      clearTimeout(state.timer);
      state.waitlist.length = 0;
    }
    this.keys.clear();
  }

  private createState(settings: FlowControlSettings): KeyState {
    const state: KeyState = { settings, active: 0, waitlist: [], windowStart: 0, windowCount: 0 };
    this.keys.set(settings.key, state);
    return state;
  }

  private pump(state: KeyState): void {
    const { parallelism, rate, period } = state.settings;
    while (state.waitlist.length > 0) {
      if (parallelism !== undefined && state.active >= parallelism) return;
      if (rate !== undefined) {
        const now = Date.now();
        const periodMs = period * 1000;
        if (now - state.windowStart >= periodMs) {
          state.windowStart = now;
          state.windowCount = 0;
        }
        if (state.windowCount >= rate) {
          if (!state.timer) {
            state.timer = setTimeout(
              () => {
                state.timer = undefined;
                this.pump(state);
              },
              state.windowStart + periodMs - now,
            );
          }
          return;
        }
        state.windowCount += 1;
      }
      const next = state.waitlist.shift()!;
      state.active += 1;
      void next.run().finally(() => {
        state.active -= 1;
        this.pump(state);
      });
    }
  }
}
