// The theme switch in the status bar: System (follows the operating system), Light or Dark.
import { useId } from 'react';
import { THEMES, type Theme } from '../../../shared/api';

const LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeSwitch({ value, onChange }: { value: Theme; onChange: (theme: Theme) => void }) {
  const id = useId();
  return (
    <span className="theme-switch">
      <label htmlFor={id}>Theme</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as Theme)}>
        {THEMES.map((theme) => (
          <option key={theme} value={theme}>
            {LABELS[theme]}
          </option>
        ))}
      </select>
    </span>
  );
}
