// Admin screens write moments the one way Stampede writes them (~/lib/date-format), rendered on the
// server in UTC. New code calls formatDateTime directly; this name stays for pages that still use
// it, and gives the same text.
import { formatDateTime } from "~/lib/date-format";

/** "2 Dec 2026, 17:45 UTC": the same as formatDateTime(date). */
export function formatUtc(date: Date): string {
  return formatDateTime(date);
}
