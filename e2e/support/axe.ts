// Accessibility checks with axe-core on the page as it is shown: WCAG 2.x A and AA rules plus
// axe's best practices. A check fails on any serious or critical violation, and its message
// lists each one with the elements it found, so a failure says what to fix.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Result } from 'axe-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeReport {
  /** Serious and critical violations. */
  blocking: Result[];
  /** Every violation, for the log. */
  all: Result[];
  /** How many rules passed, to show the check looked at something. */
  passes: number;
}

export async function runAxe(page: Page, options: { include?: string } = {}): Promise<AxeReport> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (options.include) builder = builder.include(options.include);
  const results = await builder.analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return { blocking, all: results.violations, passes: results.passes.length };
}

/** One line per violation and element: rule, impact, selector and axe's summary. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map((node) => `${v.id} (${v.impact ?? 'unknown'}): ${node.target.join(' ')} — ${node.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`),
    )
    .join('\n');
}
