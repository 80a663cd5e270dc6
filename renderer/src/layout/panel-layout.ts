// How the two side panels share the window with the article. The analyst's choice (widths,
// hidden or not) is a setting; what is shown is that choice fitted to the window: the article
// column never gets narrower than a readable measure, so in a narrow window the panels shrink
// towards their minimum and, when both still do not fit, the one not asked for last is set
// aside (it comes back when the window is wide enough, or when the analyst shows it).
import type { PanelLayout } from '../../../shared/api';

export type Side = 'left' | 'right';

export const PANEL_MIN = 200;
/**
 * The narrowest the article column gets while a panel is beside it: at 18 px serif text this
 * keeps about 45 characters a line (see e2e/browser/layout.spec.ts for the measure).
 */
export const CENTER_MIN = 520;
/** Keyboard steps on a separator. */
export const STEP = 16;
export const BIG_STEP = 64;

export interface FittedPanel {
  shown: boolean;
  /** Shown width, CSS px (the preferred width when hidden). */
  width: number;
  /** The range a drag or the arrow keys may set now. */
  min: number;
  max: number;
  /** Hidden because the window is too narrow for both, not because the analyst hid it. */
  setAside: boolean;
}

export interface FittedLayout {
  left: FittedPanel;
  right: FittedPanel;
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), Math.max(min, max));

/**
 * Fits `prefs` into `available` px. `prefer` is the panel the analyst asked for last: when
 * only one fits, it is the one shown.
 */
export function fitPanels(prefs: PanelLayout, available: number, prefer: Side): FittedLayout {
  let showLeft = !prefs.leftCollapsed;
  let showRight = !prefs.rightCollapsed;
  let leftAside = false;
  let rightAside = false;
  // The drag handles lie over the panels' edges, so they take no room of their own.
  const room = Math.max(available - CENTER_MIN, PANEL_MIN);
  if (showLeft && showRight && room < 2 * PANEL_MIN) {
    if (prefer === 'left') [showRight, rightAside] = [false, true];
    else [showLeft, leftAside] = [false, true];
  }
  let left = showLeft ? clamp(prefs.left, PANEL_MIN, room) : 0;
  let right = showRight ? clamp(prefs.right, PANEL_MIN, room) : 0;
  const excess = left + right - room;
  if (excess > 0) {
    // Shrink both in proportion to what each has above its minimum.
    const spare = left - (showLeft ? PANEL_MIN : 0) + (right - (showRight ? PANEL_MIN : 0));
    const cut = (width: number, shown: boolean) => (shown ? Math.max(PANEL_MIN, Math.floor(width - (excess * (width - PANEL_MIN)) / Math.max(spare, 1))) : 0);
    [left, right] = [cut(left, showLeft), cut(right, showRight)];
  }
  const maxLeft = Math.max(PANEL_MIN, room - right);
  const maxRight = Math.max(PANEL_MIN, room - left);
  return {
    left: { shown: showLeft, width: showLeft ? left : prefs.left, min: PANEL_MIN, max: maxLeft, setAside: leftAside },
    right: { shown: showRight, width: showRight ? right : prefs.right, min: PANEL_MIN, max: maxRight, setAside: rightAside },
  };
}

/** The layout after the analyst resizes `side` to `width` (kept within what fits now). */
export function resized(prefs: PanelLayout, fitted: FittedLayout, side: Side, width: number): PanelLayout {
  const panel = fitted[side];
  const next = Math.round(clamp(width, panel.min, panel.max));
  // The other panel keeps the width it is shown at, so it does not jump back to a wider
  // preference the moment this one shrinks.
  const other: Side = side === 'left' ? 'right' : 'left';
  const otherWidth = fitted[other].shown ? fitted[other].width : prefs[other];
  return { ...prefs, [side]: next, [other]: otherWidth };
}

/**
 * The layout after the analyst shows or hides `side`. Hiding keeps the other panel as it is
 * on screen (one set aside stays hidden), so hiding one panel never makes the other appear.
 */
export function toggled(prefs: PanelLayout, fitted: FittedLayout, side: Side): PanelLayout {
  const other: Side = side === 'left' ? 'right' : 'left';
  const key = (s: Side): 'leftCollapsed' | 'rightCollapsed' => (s === 'left' ? 'leftCollapsed' : 'rightCollapsed');
  if (fitted[side].shown) return { ...prefs, [key(side)]: true, [key(other)]: !fitted[other].shown };
  return { ...prefs, [key(side)]: false };
}
