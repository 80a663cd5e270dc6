// Saved window size and position, checked against the current displays before reuse.
// Pure, so it is unit-tested without Electron.

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState extends Bounds {
  maximized: boolean;
}

export const WINDOW_BOUNDS_KEY = 'windowBounds';
export const DEFAULT_SIZE = { width: 1280, height: 820 };
const MIN_SIZE = { width: 640, height: 480 };
/** How much of the window must be on a display to reuse its position. */
const MIN_VISIBLE = 100;

function isFiniteInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

export function parseSavedWindowState(value: unknown): SavedWindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (![v.x, v.y, v.width, v.height].every(isFiniteInt)) return null;
  return {
    x: v.x as number,
    y: v.y as number,
    width: Math.max(MIN_SIZE.width, Math.min(v.width as number, 10_000)),
    height: Math.max(MIN_SIZE.height, Math.min(v.height as number, 10_000)),
    maximized: v.maximized === true,
  };
}

function overlap(a: Bounds, b: Bounds): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** Saved bounds if enough of them is on some display's work area; otherwise only the saved size. */
export function restoreWindowState(
  saved: unknown,
  workAreas: readonly Bounds[],
): { bounds: Partial<Bounds> & { width: number; height: number }; maximized: boolean } {
  const state = parseSavedWindowState(saved);
  if (!state) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const visible = workAreas.some((area) => {
    const o = overlap(state, area);
    return o.width >= MIN_VISIBLE && o.height >= MIN_VISIBLE;
  });
  const { x, y, width, height } = state;
  return { bounds: visible ? { x, y, width, height } : { width, height }, maximized: state.maximized };
}
