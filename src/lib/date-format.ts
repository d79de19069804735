// The one way Stampede writes a moment, everywhere: "2 Dec 2026, 17:45 UTC" (day month year,
// 24-hour clock, the zone named). Seconds where an operator needs them ("17:45:03"). Pages rendered
// on the server use UTC; the browser re-renders in the shopper's own zone (see LocalTime).
export interface DateFormatOptions {
  /** IANA zone; UTC when not given. */
  timeZone?: string;
  /** Show seconds (admin tables, logs, monitors). */
  seconds?: boolean;
}

type Moment = Date | number | string;

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: "dateTime" | "date" | "time", { timeZone = "UTC", seconds = false }: DateFormatOptions) {
  const key = `${kind}|${timeZone}|${seconds}`;
  let format = cache.get(key);
  if (!format) {
    const date: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric" };
    const time: Intl.DateTimeFormatOptions = {
      hour: "2-digit",
      minute: "2-digit",
      ...(seconds ? { second: "2-digit" } : {}),
      hourCycle: "h23",
      timeZoneName: "short",
    };
    format = new Intl.DateTimeFormat("en-GB", {
      ...(kind === "time" ? {} : date),
      ...(kind === "date" ? {} : time),
      timeZone,
    });
    cache.set(key, format);
  }
  return format;
}

/** "2 Dec 2026, 17:45 UTC" (or "…17:45:03 UTC" with seconds). */
export function formatDateTime(value: Moment, options: DateFormatOptions = {}): string {
  return formatter("dateTime", options).format(new Date(value));
}

/** "2 Dec 2026". */
export function formatDate(value: Moment, options: Pick<DateFormatOptions, "timeZone"> = {}): string {
  return formatter("date", options).format(new Date(value));
}

/** "17:45 UTC" (or "17:45:03 UTC" with seconds). */
export function formatTime(value: Moment, options: DateFormatOptions = {}): string {
  return formatter("time", options).format(new Date(value));
}
