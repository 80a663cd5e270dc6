// The window's regions in F6 order, found by the names of the UI contract (../shared/DESIGN.md), and
// where focus lands in each: the current item of a list, the article text, or the first control.
export interface RegionSpec {
  /** The region's element. */
  selector: string;
  /** Where focus goes inside it, first match wins; otherwise its first focusable element. */
  targets: string[];
}

export const REGIONS: readonly RegionSpec[] = [
  { selector: '#documents-panel', targets: ['[aria-label="Documents"] [aria-current="true"]', '[aria-label="Documents"] .document-button'] },
  { selector: '[role="toolbar"][aria-label="Tagging"]', targets: [] },
  { selector: '[aria-label="Review queue"]', targets: [':scope'] },
  { selector: '[aria-label="Article text"]', targets: ['.article-text[contenteditable]'] },
  { selector: '[aria-label="Agreement"]', targets: [] },
  { selector: '#annotations-panel', targets: ['[aria-label="Annotations"] [aria-current="true"]', '[aria-label="Annotations"] .annotation-row'] },
];

const FOCUSABLE = 'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"]), [contenteditable]:not([contenteditable="false"])';

function visible(element: Element): boolean {
  return element instanceof HTMLElement && !element.closest('[hidden], [inert]') && element.getClientRects().length > 0;
}

/** The regions shown now, in order, each with where focus would land. */
export function shownRegions(root: ParentNode = document): { region: HTMLElement; target: HTMLElement }[] {
  const found: { region: HTMLElement; target: HTMLElement }[] = [];
  for (const spec of REGIONS) {
    const region = root.querySelector<HTMLElement>(spec.selector);
    if (!region || !visible(region)) continue;
    let target: HTMLElement | null = null;
    for (const selector of spec.targets) {
      const candidate = selector === ':scope' ? region : region.querySelector<HTMLElement>(selector);
      if (candidate && visible(candidate)) {
        target = candidate;
        break;
      }
    }
    target ??= [...region.querySelectorAll<HTMLElement>(FOCUSABLE)].find(visible) ?? null;
    if (target) found.push({ region, target });
  }
  return found;
}

/** Moves focus to the next (or previous) region from the one holding focus. Returns the region. */
export function focusNextRegion(backwards: boolean): HTMLElement | null {
  const regions = shownRegions();
  if (regions.length === 0) return null;
  const active = document.activeElement;
  const at = regions.findIndex(({ region }) => active instanceof Node && region.contains(active));
  const next = at === -1 ? (backwards ? regions.length - 1 : 0) : (at + (backwards ? regions.length - 1 : 1)) % regions.length;
  const { region, target } = regions[next] as { region: HTMLElement; target: HTMLElement };
  target.focus();
  return region;
}
