// The menu offered when a click lands where several annotations overlap.
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { tagInfo } from '../../../shared/model';
import type { SpanRecord } from '../../../shared/model/records';
import { annotationName } from '../annotations/labels';
import { shortcutFor } from '../help/shortcuts';

export interface ChooseAnnotationMenuProps {
  annotations: readonly SpanRecord[];
  x: number;
  y: number;
  onChoose: (annotation: SpanRecord) => void;
  onClose: () => void;
}

export function ChooseAnnotationMenu({ annotations, x, y, onChoose, onClose }: ChooseAnnotationMenuProps) {
  const menuRef = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: x, top: y + 8 });

  // Keep the menu inside the window.
  useLayoutEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    const rect = menu.getBoundingClientRect();
    const left = Math.max(8, Math.min(x, window.innerWidth - rect.width - 8));
    const top = y + 8 + rect.height > window.innerHeight - 8 ? Math.max(8, y - rect.height - 8) : y + 8;
    setPosition({ left, top });
    // After the click that opened the menu has finished moving the caret (and focus).
    const frame = requestAnimationFrame(() => menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus());
    return () => cancelAnimationFrame(frame);
  }, [x, y]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) onClose();
    };
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      onClose();
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('keydown', onKeyDown, true);
    };
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const current = items.indexOf(document.activeElement as HTMLElement);
    const focusAt = (i: number) => items[(i + items.length) % items.length]?.focus();
    const id = shortcutFor(event.nativeEvent, 'menu');
    if (id === 'menu-next') focusAt(current + 1);
    else if (id === 'menu-previous') focusAt(current - 1);
    else if (id === 'menu-first') focusAt(0);
    else if (id === 'menu-last') focusAt(items.length - 1);
    else if (id === 'menu-close') onClose();
    else return; // menu-choose: the focused item's button clicks itself
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      ref={menuRef}
      className="choose-menu"
      role="menu"
      aria-label="Choose annotation"
      style={{ left: position.left, top: position.top }}
      onKeyDown={onKeyDown}
    >
      {annotations.map((annotation) => {
        const tag = tagInfo(annotation.tag);
        return (
          <button
            key={annotation.id}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={`choose-menu-item tag-${annotation.tag}`}
            aria-label={annotationName(annotation)}
            onClick={() => onChoose(annotation)}
          >
            <span className="tag-glyph" aria-hidden="true">
              {tag.glyph}
            </span>
            <span className="choose-menu-tag">{tag.label}</span>
            <span className="choose-menu-quote">{annotation.target.quote}</span>
          </button>
        );
      })}
    </div>
  );
}
