// Five-field cron ("*/5 * * * *") evaluated in UTC at minute granularity, as QStash schedules use it.
// Supports *, numbers, ranges, lists, steps (*/N, a-b/N), month/day names and the @daily-style macros.

export interface CronSpec {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};
const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface FieldRange {
  name: string;
  min: number;
  max: number;
  names?: string[];
  namesStartAt?: number;
}

const FIELDS: FieldRange[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTH_NAMES, namesStartAt: 1 },
  { name: "day of week", min: 0, max: 7, names: DAY_NAMES, namesStartAt: 0 },
];

function parseValue(text: string, field: FieldRange): number {
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = index >= 0 ? index + (field.namesStartAt ?? 0) : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= field.min && value <= field.max)) throw new Error(`invalid ${field.name} "${text}"`);
  return value;
}

function parseField(text: string, field: FieldRange): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const [rangeText = "", stepText] = item.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`invalid step in ${field.name} "${item}"`);
    let [low, high] = [field.min, field.max];
    if (rangeText !== "*") {
      const [from = "", to] = rangeText.split("-");
      low = parseValue(from, field);
      high = to === undefined ? (stepText === undefined ? low : field.max) : parseValue(to, field);
      if (high < low) throw new Error(`invalid range in ${field.name} "${item}"`);
    }
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return values;
}

/** Parses a cron expression; CRON_TZ is accepted only for UTC because this server evaluates in UTC. */
export function parseCron(expression: string): CronSpec | string {
  let text = expression.trim();
  const zone = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(text);
  if (zone) {
    if (!["UTC", "Etc/UTC", "GMT"].includes(zone[1]!))
      return `the local server evaluates cron in UTC only, got ${zone[1]}`;
    text = text.slice(zone[0].length);
  }
  text = MACROS[text] ?? text;
  const parts = text.split(/\s+/);
  if (parts.length !== 5) return `cron needs 5 fields (minute hour day month weekday), got "${expression}"`;
  try {
    const [minutes, hours, daysOfMonth, months, daysOfWeek] = parts.map((part, index) =>
      parseField(part, FIELDS[index]!),
    );
    if (daysOfWeek!.delete(7)) daysOfWeek!.add(0);
    return {
      minutes: minutes!,
      hours: hours!,
      daysOfMonth: daysOfMonth!,
      months: months!,
      daysOfWeek: daysOfWeek!,
      dayOfMonthRestricted: !parts[2]!.startsWith("*"),
      dayOfWeekRestricted: !parts[4]!.startsWith("*"),
    };
  } catch (error) {
    return (error as Error).message;
  }
}

function dayMatches(spec: CronSpec, date: Date): boolean {
  const byMonthDay = spec.daysOfMonth.has(date.getUTCDate());
  const byWeekDay = spec.daysOfWeek.has(date.getUTCDay());
  // Classic cron: when both day fields are restricted, either one matching is enough.
  if (spec.dayOfMonthRestricted && spec.dayOfWeekRestricted) return byMonthDay || byWeekDay;
  return byMonthDay && byWeekDay;
}

/** The first matching minute strictly after `after` (unix ms), or undefined if none within 5 years. */
export function nextCronTime(spec: CronSpec, after: number): number | undefined {
  const date = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  const limit = after + 5 * 366 * 86_400_000;
  while (date.getTime() <= limit) {
    if (!spec.months.has(date.getUTCMonth() + 1)) {
      date.setUTCMonth(date.getUTCMonth() + 1, 1);
      date.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(spec, date)) {
      date.setUTCDate(date.getUTCDate() + 1);
      date.setUTCHours(0, 0, 0, 0);
    } else if (!spec.hours.has(date.getUTCHours())) {
      date.setUTCHours(date.getUTCHours() + 1, 0, 0, 0);
    } else if (!spec.minutes.has(date.getUTCMinutes())) {
      date.setUTCMinutes(date.getUTCMinutes() + 1, 0, 0);
    } else {
      return date.getTime();
    }
  }
  return undefined;
}
