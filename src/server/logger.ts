// Structured logs: one JSON line per event, so hosted log search can filter by field.
// Callers pass ids and figures only; never tokens, connection strings or personal data.
import { env } from "~/env";

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof levels, "silent">;

export type LogSink = (level: Level, line: string) => void;

const consoleSink: LogSink = (level, line) =>
  level === "error" || level === "warn" ? console.error(line) : console.log(line);
let sink = consoleSink;

/** Sends log lines elsewhere (tests capture them); returns the function that restores the previous sink. */
export function setLogSink(next: LogSink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

function write(level: Level, event: string, fields: Record<string, unknown> = {}) {
  if (levels[level] < levels[env.LOG_LEVEL]) return;
  sink(level, JSON.stringify({ level, event, time: new Date().toISOString(), ...fields }));
}

export const logger = {
  debug: (event: string, fields?: Record<string, unknown>) => write("debug", event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write("info", event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write("warn", event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write("error", event, fields),
};
