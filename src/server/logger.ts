// Structured logs: one JSON line per event, so hosted log search can filter by field.
// Callers pass ids and figures only; never tokens, connection strings or personal data.
// Domain code receives a Logger; `logger` is the app's, built from env. Tests build their own
// with a sink that collects lines instead of swapping a global.
import { env } from "~/env";

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = Exclude<keyof typeof levels, "silent">;
export type LogFields = Record<string, unknown>;

export type LogSink = (level: LogLevel, line: string) => void;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const consoleSink: LogSink = (level, line) =>
  level === "error" || level === "warn" ? console.error(line) : console.log(line);

export function createLogger(options: { level: keyof typeof levels; sink?: LogSink }): Logger {
  const sink = options.sink ?? consoleSink;
  const threshold = levels[options.level];
  const write =
    (level: LogLevel) =>
    (event: string, fields: LogFields = {}) => {
      if (levels[level] < threshold) return;
      sink(level, JSON.stringify({ level, event, time: new Date().toISOString(), ...fields }));
    };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

/** A logger that writes nothing, for callers that have nothing to say (scripts' quiet mode). */
export const silentLogger: Logger = createLogger({ level: "silent" });

export const logger: Logger = createLogger({ level: env.LOG_LEVEL });
