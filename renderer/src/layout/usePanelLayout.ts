// The side panels as shown: the analyst's layout setting fitted to the window's width, with
// the actions that change it. A drag or a run of arrow keys changes a draft at once and
// saves the setting when it ends, so config.json is written once per gesture.
import { type CSSProperties, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_PANEL_LAYOUT, type PanelLayout, type SettingsPatch } from '../../../shared/api';
import { type FittedLayout, type Side, fitPanels, resized, toggled } from './panel-layout';

/** How long after the last arrow key a keyboard resize is saved. */
const KEY_SAVE_DELAY_MS = 400;

export interface PanelLayoutControls {
  fitted: FittedLayout;
  /** Put on the workspace: its width is what the panels are fitted into. */
  workspaceRef: (element: HTMLElement | null) => void;
  /** CSS variables with the shown widths, for the workspace. */
  style: CSSProperties;
  /** Live resize (drag or keys); `commit` saves it now, otherwise it is saved shortly. */
  resize: (side: Side, width: number, commit: boolean) => void;
  /** Saves a resize in progress (the end of a drag). */
  commit: () => void;
  toggle: (side: Side) => void;
}

export function usePanelLayout(saved: PanelLayout | undefined, updateSettings: (patch: SettingsPatch) => Promise<void>, onError: (message: string) => void): PanelLayoutControls {
  const [available, setAvailable] = useState(() => window.innerWidth);
  const [draft, setDraft] = useState<PanelLayout | null>(null);
  const [prefer, setPrefer] = useState<Side>('right');
  const prefs = draft ?? saved ?? DEFAULT_PANEL_LAYOUT;
  const fitted = useMemo(() => fitPanels(prefs, available, prefer), [prefs, available, prefer]);

  const observer = useRef<ResizeObserver | null>(null);
  const workspaceRef = useCallback((element: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    setAvailable(element.clientWidth);
    observer.current = new ResizeObserver(([entry]) => {
      if (entry) setAvailable(Math.round(entry.contentRect.width));
    });
    observer.current.observe(element);
  }, []);

  const save = useCallback(
    (layout: PanelLayout) => {
      updateSettings({ layout }).then(
        () => setDraft((current) => (current === layout ? null : current)),
        (error: unknown) => {
          setDraft(null);
          onError(`The panel layout was not saved: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    },
    [updateSettings, onError],
  );

  const pending = useRef<{ layout: PanelLayout; timer: number } | null>(null);
  const commit = useCallback(() => {
    const current = pending.current;
    if (!current) return;
    window.clearTimeout(current.timer);
    pending.current = null;
    save(current.layout);
  }, [save]);
  useEffect(() => () => commit(), [commit]);

  const resize = useCallback(
    (side: Side, width: number, now: boolean) => {
      const next = resized(prefs, fitted, side, width);
      setDraft(next);
      if (pending.current) window.clearTimeout(pending.current.timer);
      pending.current = { layout: next, timer: window.setTimeout(() => commit(), KEY_SAVE_DELAY_MS) };
      if (now) commit();
    },
    [prefs, fitted, commit],
  );

  const toggle = useCallback(
    (side: Side) => {
      if (pending.current) {
        window.clearTimeout(pending.current.timer);
        pending.current = null;
      }
      const next = toggled(prefs, fitted, side);
      if (!fitted[side].shown) setPrefer(side);
      setDraft(next);
      save(next);
    },
    [prefs, fitted, save],
  );

  const style = useMemo(
    () => ({ '--left-width': `${fitted.left.width}px`, '--right-width': `${fitted.right.width}px` }) as CSSProperties,
    [fitted.left.width, fitted.right.width],
  );
  return { fitted, workspaceRef, style, resize, commit, toggle };
}
