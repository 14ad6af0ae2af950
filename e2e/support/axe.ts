import type { Page } from "playwright-core";
import { expect } from "vitest";
import { axePath } from "./house";

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now and returns its serious and critical violations,
 * each with the elements it found. (The context needs bypassCSP: axe is injected inline.)
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // A dialog that is still fading in has a half-transparent button whose colours fail the
  // contrast rule; judge the page only once every finite transition and animation has settled
  // (a spinner's endless one is left alone).
  // Two frames first, so a transition that starts on the next frame has started.
  await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))`);
  await page.waitForFunction(`document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity)`);
  await page.addScriptTag({ path: axePath });
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ["violations"] }).then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) })))`,
  )) as AxeViolation[];
  return violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

/** One line per violation, for an assertion message a person can act on. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.slice(0, 5).join(", ")}`).join("\n");
}

/** Fails the test, naming `where` and each violation, when axe finds a serious or critical one on the page as it is now. */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
}
