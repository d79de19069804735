// Screenshots of the states a test walks through, kept as artifacts: attached to the report and
// written to test-results/screens/<name>.png for quick viewing.
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";

export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join(process.cwd(), "test-results", "screens", `${name}.png`);
  const body = await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { body, contentType: "image/png" });
}
