// The colour theme on <html data-theme="light|dark">: the analyst's setting, or the system's
// when it is "system" (followed live). The last theme shown is kept in localStorage and put on
// <html> as soon as this module loads, so a window does not flash light before its settings
// arrive.
import { useEffect, useState } from 'react';
import type { Theme } from '../../../shared/api';
import { installThemedTagStyles } from './tag-palette';

export type ShownTheme = 'light' | 'dark';

const STORAGE_KEY = 'marginalia-theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function systemTheme(): ShownTheme {
  return window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

function show(theme: ShownTheme): void {
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
}

function remembered(): ShownTheme | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null; // storage refused: the system's theme until the settings arrive
  }
}

show(remembered() ?? systemTheme());
installThemedTagStyles();

/** Applies `setting` (null: settings not loaded yet) and returns the theme shown. */
export function useTheme(setting: Theme | null): ShownTheme {
  const [system, setSystem] = useState<ShownTheme>(systemTheme);
  useEffect(() => {
    const query = window.matchMedia(DARK_QUERY);
    const onChange = () => setSystem(query.matches ? 'dark' : 'light');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const shown: ShownTheme = setting === 'light' || setting === 'dark' ? setting : system;
  useEffect(() => {
    if (setting === null) return;
    show(shown);
    try {
      window.localStorage.setItem(STORAGE_KEY, shown);
    } catch {
      // not remembered between starts; the setting still applies once loaded
    }
  }, [setting, shown]);
  return shown;
}
