// The handle between a side panel and the article (WAI-ARIA window splitter): drag it, or
// focus it and press ←/→ (Shift: bigger steps), Home/End for the narrowest/widest, Enter to
// hide the panel. Its value is the panel's width in CSS px.
import { type KeyboardEvent, type PointerEvent, useRef } from 'react';
import { BIG_STEP, type FittedPanel, STEP, type Side } from './panel-layout';

interface PanelSeparatorProps {
  side: Side;
  /** What the panel is called in "Resize … panel". */
  name: string;
  controls: string;
  panel: FittedPanel;
  onResize: (side: Side, width: number, commit: boolean) => void;
  onCommit: () => void;
  onHide: (side: Side) => void;
}

export function PanelSeparator({ side, name, controls, panel, onResize, onCommit, onHide }: PanelSeparatorProps) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  // Dragging right widens the left panel and narrows the right one.
  const direction = side === 'left' ? 1 : -1;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    drag.current = { x: event.clientX, width: panel.width };
    document.documentElement.classList.add('is-resizing-panel');
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start) return;
    onResize(side, start.width + direction * (event.clientX - start.x), false);
  };
  const endDrag = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
    document.documentElement.classList.remove('is-resizing-panel');
    onCommit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    let width: number | null = null;
    if (event.key === 'ArrowRight') width = panel.width + direction * step;
    else if (event.key === 'ArrowLeft') width = panel.width - direction * step;
    else if (event.key === 'Home') width = panel.min;
    else if (event.key === 'End') width = panel.max;
    else if (event.key === 'Enter') {
      event.preventDefault();
      onHide(side);
      return;
    } else return;
    event.preventDefault();
    onResize(side, width, false);
  };

  return (
    <div
      className={`panel-separator panel-separator-${side}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${name} panel`}
      aria-controls={controls}
      aria-valuenow={panel.width}
      aria-valuemin={panel.min}
      aria-valuemax={panel.max}
      aria-valuetext={`${panel.width} pixels wide`}
      tabIndex={0}
      title="Drag to resize; ←/→ with the keyboard, Enter hides the panel"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onLostPointerCapture={endDrag}
      onKeyDown={onKeyDown}
      onBlur={onCommit}
    />
  );
}
