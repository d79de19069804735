// Wall-clock times in a named time zone (IANA, e.g. "Europe/Paris") to UTC instants and back, with
// Intl alone. The admin types local start and end times; the sale stores the UTC instant.
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::00(?:\.0{1,3})?)?$/;
/** Names like "UTC", "Europe/Paris", "America/Argentina/Buenos_Aires", "Etc/GMT+5"; no raw offsets. */
const ZONE_NAME = /^[A-Za-z][A-Za-z_]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(name: string): boolean {
  if (!ZONE_NAME.test(name)) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** "2026-03-01T09:30" (the value of an <input type="datetime-local">) → its fields, or null. */
export function parseLocalDateTime(text: string): LocalDateTime | null {
  const match = LOCAL_INPUT.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  const probe = new Date(Date.UTC(2000, 0, 1));
  probe.setUTCFullYear(year, month - 1, day);
  // Rejects 2026-02-30 and 24:00 rather than letting Date roll them over.
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return { year, month, day, hour, minute };
}

function wallClockMs(local: LocalDateTime): number {
  const date = new Date(Date.UTC(2000, 0, 1, local.hour, local.minute));
  date.setUTCFullYear(local.year, local.month - 1, local.day);
  return date.getTime();
}

/** The wall-clock time `instant` shows in `timeZone`, as if that wall clock were UTC. */
function wallClockAt(instantMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const date = new Date(Date.UTC(2000, 0, 1, get("hour") % 24, get("minute"), get("second")));
  date.setUTCFullYear(get("year"), get("month") - 1, get("day"));
  return date.getTime();
}

export type ZonedConversion = { ok: true; date: Date } | { ok: false; reason: "NONEXISTENT" };

/**
 * The UTC instant at which clocks in `timeZone` show `local`. A time skipped by a daylight-saving
 * jump does not exist and is refused; a time that happens twice (clocks going back) is the earlier one.
 */
export function zonedLocalToUtc(local: LocalDateTime, timeZone: string): ZonedConversion {
  const wall = wallClockMs(local);
  const DAY = 86_400_000;
  // Offsets a day either side bracket any one transition; each gives a candidate instant.
  const candidates = [wall - DAY, wall + DAY]
    .map((probe) => wall - (wallClockAt(probe, timeZone) - probe))
    .filter((instant) => wallClockAt(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  return first === undefined ? { ok: false, reason: "NONEXISTENT" } : { ok: true, date: new Date(first) };
}

/** `instant` as the "YYYY-MM-DDTHH:mm" a datetime-local field shows in `timeZone` (seconds dropped). */
export function utcToZonedLocalInput(instant: Date, timeZone: string): string {
  const wall = new Date(wallClockAt(instant.getTime(), timeZone));
  return wall.toISOString().slice(0, 16);
}
