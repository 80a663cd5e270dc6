import { describe, expect, it } from 'vitest';
import { DEFAULT_PANEL_LAYOUT } from '../../../shared/api';
import { CENTER_MIN, PANEL_MIN, fitPanels, resized, toggled } from './panel-layout';

const centre = (available: number, fitted: ReturnType<typeof fitPanels>): number => {
  const panels = [fitted.left, fitted.right].filter((p) => p.shown);
  return available - panels.reduce((sum, p) => sum + p.width, 0);
};

describe('fitPanels', () => {
  it('shows both panels at their preferred widths in a wide window', () => {
    const fitted = fitPanels(DEFAULT_PANEL_LAYOUT, 1920, 'right');
    expect(fitted.left).toMatchObject({ shown: true, width: 260, setAside: false });
    expect(fitted.right).toMatchObject({ shown: true, width: 320, setAside: false });
  });

  it('shrinks both panels, never below their minimum, to keep the article readable at 1000 px', () => {
    const fitted = fitPanels(DEFAULT_PANEL_LAYOUT, 1000, 'right');
    expect(fitted.left.shown && fitted.right.shown).toBe(true);
    expect(fitted.left.width).toBeGreaterThanOrEqual(PANEL_MIN);
    expect(fitted.right.width).toBeGreaterThanOrEqual(PANEL_MIN);
    expect(centre(1000, fitted)).toBeGreaterThanOrEqual(CENTER_MIN);
  });

  it('sets aside the panel not asked for last when both cannot fit (800 px)', () => {
    const byDefault = fitPanels(DEFAULT_PANEL_LAYOUT, 800, 'right');
    expect(byDefault.left).toMatchObject({ shown: false, setAside: true });
    expect(byDefault.right.shown).toBe(true);
    expect(centre(800, byDefault)).toBeGreaterThanOrEqual(CENTER_MIN);
    const askedLeft = fitPanels(DEFAULT_PANEL_LAYOUT, 800, 'left');
    expect(askedLeft.left.shown).toBe(true);
    expect(askedLeft.right).toMatchObject({ shown: false, setAside: true });
  });

  it('gives all the room to the article when the analyst hid both panels', () => {
    const fitted = fitPanels({ ...DEFAULT_PANEL_LAYOUT, leftCollapsed: true, rightCollapsed: true }, 1366, 'right');
    expect(fitted.left.shown || fitted.right.shown).toBe(false);
    expect(centre(1366, fitted)).toBe(1366);
  });

  it('bounds a resize by what fits beside the article', () => {
    const prefs = DEFAULT_PANEL_LAYOUT;
    const fitted = fitPanels(prefs, 1366, 'right');
    const wide = resized(prefs, fitted, 'left', 5000);
    expect(centre(1366, fitPanels(wide, 1366, 'right'))).toBe(CENTER_MIN);
    expect(resized(prefs, fitted, 'right', 10).right).toBe(PANEL_MIN);
  });
});

describe('toggled', () => {
  it('hides and shows a panel', () => {
    const prefs = DEFAULT_PANEL_LAYOUT;
    const hidden = toggled(prefs, fitPanels(prefs, 1366, 'right'), 'left');
    expect(hidden).toMatchObject({ leftCollapsed: true, rightCollapsed: false });
    expect(toggled(hidden, fitPanels(hidden, 1366, 'right'), 'left')).toMatchObject({ leftCollapsed: false, rightCollapsed: false });
  });

  it('never makes the other panel appear when one is hidden in a narrow window', () => {
    const prefs = DEFAULT_PANEL_LAYOUT;
    const next = toggled(prefs, fitPanels(prefs, 800, 'right'), 'right');
    const fitted = fitPanels(next, 800, 'right');
    expect(fitted.left.shown).toBe(false);
    expect(fitted.right.shown).toBe(false);
  });
});
