"use client";
// Every IANA zone the browser knows, with the current choice always present.
import { useMemo } from "react";
import type { ControlProps } from "./editor-field";

function zoneNames(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set(["UTC", current, ...known])].sort((a, b) =>
    a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b),
  );
}

export function TimeZoneSelect({
  value,
  onChange,
  control,
}: {
  value: string;
  onChange: (zone: string) => void;
  control: ControlProps;
}) {
  const zones = useMemo(() => zoneNames(value), [value]);
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll("_", " ")}
        </option>
      ))}
    </select>
  );
}
