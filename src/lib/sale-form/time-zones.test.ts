import { describe, expect, it } from "vitest";
import { COMMON_TIME_ZONES, knownTimeZones, timeZoneGroups, timeZoneLabel } from "./time-zones";

const KNOWN = ["Africa/Abidjan", "America/New_York", "Asia/Tokyo", "Europe/Paris", "Pacific/Auckland"];

describe("timeZoneGroups", () => {
  it("puts the browser's zone first, then the common zones, then every other zone A to Z, each once", () => {
    const groups = timeZoneGroups("Pacific/Auckland", "Pacific/Auckland", KNOWN);
    expect(groups.browser).toBe("Pacific/Auckland");
    expect(groups.common).toEqual([...COMMON_TIME_ZONES]);
    expect(groups.rest).toEqual(["Africa/Abidjan"]);
    const all = [groups.browser, ...groups.common, ...groups.rest];
    expect(new Set(all).size).toBe(all.length);
  });

  it("a browser in a common zone does not list it twice", () => {
    const groups = timeZoneGroups("Europe/Paris", "Europe/Paris", KNOWN);
    expect(groups.common).not.toContain("Europe/Paris");
    expect(groups.common[0]).toBe("UTC");
    expect(groups.rest).toEqual(["Africa/Abidjan", "Pacific/Auckland"]);
  });

  it("keeps the zone already chosen, even one the runtime does not list", () => {
    expect(timeZoneGroups("Europe/Paris", "Etc/GMT+5", KNOWN).rest).toContain("Etc/GMT+5");
  });

  it("before the browser's zone is known, starts with the common zones", () => {
    const groups = timeZoneGroups(null, "UTC", KNOWN);
    expect(groups.browser).toBeNull();
    expect(groups.common[0]).toBe("UTC");
  });

  it("every common zone is a zone the runtime knows (or UTC)", () => {
    const known = new Set(knownTimeZones());
    for (const zone of COMMON_TIME_ZONES) {
      if (zone !== "UTC") expect(known.has(zone), zone).toBe(true);
      expect(() => new Intl.DateTimeFormat("en-GB", { timeZone: zone })).not.toThrow();
    }
  });

  it("labels zones with spaces for underscores", () => {
    expect(timeZoneLabel("America/Los_Angeles")).toBe("America/Los Angeles");
  });
});
