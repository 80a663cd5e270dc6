// Shown while files are dragged over the window: says what can be dropped and what happens to it.
import { DROPPABLE } from './file-upload';

export function DropOverlay() {
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p>Drop {DROPPABLE}</p>
    </div>
  );
}
