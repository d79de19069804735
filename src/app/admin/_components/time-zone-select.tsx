"use client";
// The editor's time-zone list: the admin's own zone (the browser's) first, then the zones sales are
// most often run in, then every zone the browser knows (see ~/lib/sale-form/time-zones).
import { useMemo } from "react";
import { knownTimeZones, timeZoneGroups, timeZoneLabel } from "~/lib/sale-form/time-zones";
import type { ControlProps } from "./editor-field";
import { useBrowserTimeZone } from "./use-sale-form";

function ZoneOption({ zone }: { zone: string }) {
  return <option value={zone}>{timeZoneLabel(zone)}</option>;
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
  const browser = useBrowserTimeZone();
  const groups = useMemo(() => timeZoneGroups(browser, value, knownTimeZones()), [browser, value]);
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
      {groups.browser && (
        <optgroup label="Your time zone">
          <ZoneOption zone={groups.browser} />
        </optgroup>
      )}
      <optgroup label="Common time zones">
        {groups.common.map((zone) => (
          <ZoneOption key={zone} zone={zone} />
        ))}
      </optgroup>
      <optgroup label="All time zones">
        {groups.rest.map((zone) => (
          <ZoneOption key={zone} zone={zone} />
        ))}
      </optgroup>
    </select>
  );
}
