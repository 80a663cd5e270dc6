// "Hide documents panel" / "Show documents panel" (and the annotations panel): in the status
// bar, under the panel it controls.
import type { Side } from './panel-layout';

interface PanelToggleProps {
  side: Side;
  /** "documents" or "annotations". */
  name: string;
  /** Short visible label. */
  label: string;
  controls: string;
  shown: boolean;
  onToggle: (side: Side) => void;
}

export function PanelToggle({ side, name, label, controls, shown, onToggle }: PanelToggleProps) {
  const action = shown ? 'Hide' : 'Show';
  return (
    <button
      type="button"
      className={`panel-toggle panel-toggle-${side}`}
      aria-label={`${action} ${name} panel`}
      aria-expanded={shown}
      aria-controls={controls}
      title={`${action} the ${name} panel`}
      onClick={() => onToggle(side)}
    >
      <svg className="panel-toggle-icon" width="16" height="14" viewBox="0 0 16 14" aria-hidden="true" focusable="false">
        <rect x="0.75" y="0.75" width="14.5" height="12.5" rx="2" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <rect x={side === 'left' ? 1.5 : 10} y="1.5" width="4.5" height="11" fill={shown ? 'currentColor' : 'none'} />
        <line x1={side === 'left' ? 6 : 10} y1="1" x2={side === 'left' ? 6 : 10} y2="13" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <span>{label}</span>
    </button>
  );
}
