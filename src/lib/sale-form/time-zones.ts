// The editor's time-zone list, in the order an admin looks for a zone: their browser's own first,
// then the zones sales are most often run in, then every zone the browser knows, A to Z. Each zone
// appears once, in the first group it belongs to; the zone already chosen is always somewhere.

/** Where sales are most often run, west of Greenwich last: the list's second group. */
export const COMMON_TIME_ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
] as const;

export interface TimeZoneGroups {
  /** The browser's zone; null until it is known (while rendering on the server). */
  browser: string | null;
  common: string[];
  /** Every other zone, A to Z. */
  rest: string[];
}

/** The zones the runtime knows (Intl.supportedValuesOf), or none where it cannot list them. */
export function knownTimeZones(): string[] {
  return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
}

export function timeZoneGroups(browser: string | null, current: string, known: readonly string[]): TimeZoneGroups {
  const common = COMMON_TIME_ZONES.filter((zone) => zone !== browser);
  const listed = new Set<string>([...common, ...(browser ? [browser] : [])]);
  const rest = [...new Set([current, ...known])]
    .filter((zone) => zone !== "" && !listed.has(zone))
    .sort((a, b) => a.localeCompare(b));
  return { browser, common, rest };
}

/** A zone as the list shows it: "America/New York". */
export function timeZoneLabel(zone: string): string {
  return zone.replaceAll("_", " ");
}
