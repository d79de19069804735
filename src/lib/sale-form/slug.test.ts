import { describe, expect, it } from "vitest";
import { SLUG_MAX, SLUG_PATTERN, slugFromTitle } from "./slug";

describe("slugFromTitle", () => {
  it.each([
    ["Summer Sneaker Drop", "summer-sneaker-drop"],
    ["  Crème brûlée — 50% off!  ", "creme-brulee-50-off"],
    ["Ünïcödé & Friends", "unicode-friends"],
    ["MIXED case__and...dots", "mixed-case-and-dots"],
  ])("%s → %s", (title, slug) => {
    expect(slugFromTitle(title)).toBe(slug);
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it("cuts a long title at a word boundary within the limit", () => {
    const slug = slugFromTitle("The very long title of a limited edition handmade ceramic teapot collection");
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug).toBe("the-very-long-title-of-a-limited-edition-handmade-ceramic");
  });
});
