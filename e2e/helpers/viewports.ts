// The two widths every storefront state is designed for: a small phone and a laptop.
import type { Page, TestInfo } from "@playwright/test";
import { seriousAxeViolations, type AxeFinding } from "./axe";
import { snap } from "./screens";

export const VIEWPORTS = [
  { label: "360", width: 360, height: 780 },
  { label: "1280", width: 1280, height: 800 },
] as const;

/**
 * Screenshots the page at each width (test-results/screens/<name>-<width>.png) and checks it with
 * axe at each; returns the serious and critical findings by width. Leaves the page at 1280.
 */
export async function snapAndCheck(
  page: Page,
  testInfo: TestInfo,
  name: string,
): Promise<Record<string, AxeFinding[]>> {
  const findings: Record<string, AxeFinding[]> = {};
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await snap(page, testInfo, `${name}-${viewport.label}`);
    findings[viewport.label] = await seriousAxeViolations(page, testInfo, `${name}-${viewport.label}`);
  }
  return findings;
}
