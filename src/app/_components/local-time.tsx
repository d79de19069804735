"use client";
// A moment shown in the reader's own time zone, written the one way (~/lib/date-format). The
// server cannot know that zone, so it renders UTC (labelled "UTC") and the browser swaps in its own
// zone right after hydration, without a mismatch: the first client render matches the server's.
import { useSyncExternalStore } from "react";
import { formatDateTime, formatTime } from "~/lib/date-format";

const noSubscription = () => () => undefined;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const serverZone = () => "UTC";

const formats = {
  dateTime: formatDateTime,
  time: formatTime,
} as const;

export function LocalTime({
  value,
  format = "dateTime",
  seconds = false,
}: {
  value: Date | number;
  format?: keyof typeof formats;
  /** To the second, where a reader compares moments closely (admin tables, monitors). */
  seconds?: boolean;
}) {
  const timeZone = useSyncExternalStore(noSubscription, browserZone, serverZone);
  const date = new Date(value);
  return <time dateTime={date.toISOString()}>{formats[format](date, { timeZone, seconds })}</time>;
}
