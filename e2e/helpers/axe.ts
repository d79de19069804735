// Accessibility checks with axe-core, run inside the page as it stands (a state the test walked
// to), so every state of a flow can be checked, not only its first render. Serious and critical
// findings fail the check; the rest are attached to the report for whoever tidies up.
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import type { AxeResults, Result } from "axe-core";

const AXE_SCRIPT = path.join(process.cwd(), "node_modules", "axe-core", "axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

export interface AxeFinding {
  id: string;
  impact: Result["impact"];
  help: string;
  targets: string[];
}

/** Runs axe on the page and returns its serious and critical violations (attaching all of them). */
export async function seriousAxeViolations(page: Page, testInfo: TestInfo, name: string): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.addScriptTag({ path: AXE_SCRIPT });
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] },
      ),
    TAGS,
  );
  const findings = results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
  await testInfo.attach(`axe-${name}.json`, {
    body: JSON.stringify(findings, null, 2),
    contentType: "application/json",
  });
  return findings.filter((finding) => finding.impact === "serious" || finding.impact === "critical");
}
