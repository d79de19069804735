"use client";
// A moment shown in the shopper's own time zone. The server cannot know that zone, so it renders
// UTC (labelled) and the browser swaps in local time right after hydration, without a mismatch.
import { useSyncExternalStore } from "react";

const noSubscription = () => () => undefined;

const styles = {
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  time: { timeStyle: "medium" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export function LocalTime({ value, format = "dateTime" }: { value: Date | number; format?: keyof typeof styles }) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const date = new Date(value);
  const text = inBrowser
    ? new Intl.DateTimeFormat(undefined, styles[format]).format(date)
    : `${new Intl.DateTimeFormat("en-US", { ...styles[format], timeZone: "UTC" }).format(date)} UTC`;
  return <time dateTime={date.toISOString()}>{text}</time>;
}
