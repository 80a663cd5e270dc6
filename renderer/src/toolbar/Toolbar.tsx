// Tag buttons (with their key, colour and glyph), the word-snap option, export and the
// save status.
import { memo } from 'react';
import { TAGS, type TagType } from '../../../shared/model';
import { shortcutLabel } from '../help/shortcuts';
import { SaveStatus } from '../saving/SaveStatus';
import type { SaveQueue } from '../state/save-queue';

interface ToolbarProps {
  canTag: boolean;
  wordSnap: boolean;
  saves: SaveQueue;
  onTag: (type: TagType) => void;
  onWordSnapChange: (value: boolean) => void;
  onExport: () => void;
  /** False when no open document has an annotation: nothing to export. */
  canExport?: boolean;
  onImport: () => void;
  reviewOpen: boolean;
  onToggleReview: () => void;
  agreementOpen: boolean;
  onToggleAgreement: () => void;
  onUndo?: () => void;
  onRedo?: () => void;
  /** Opens the keyboard shortcut sheet. */
  onHelp?: () => void;
}

export const Toolbar = memo(function Toolbar({
  canTag,
  wordSnap,
  saves,
  onTag,
  onWordSnapChange,
  onExport,
  canExport = true,
  onImport,
  reviewOpen,
  onToggleReview,
  agreementOpen,
  onToggleAgreement,
  onUndo,
  onRedo,
  onHelp,
}: ToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Tagging">
      <div className="tag-buttons">
        {TAGS.map((tag) => (
          <button
            key={tag.type}
            type="button"
            className={`tag-button tag-${tag.type}`}
            aria-label={tag.label}
            aria-keyshortcuts={tag.key}
            title={`Tag the selection as ${tag.label.toLowerCase()} (${tag.key})`}
            disabled={!canTag}
            // Keep focus and the text selection in the article.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onTag(tag.type)}
          >
            <span className="tag-swatch" aria-hidden="true">
              {tag.glyph}
            </span>
            <span className="tag-button-label">{tag.label}</span>
            <kbd aria-hidden="true">{tag.key}</kbd>
          </button>
        ))}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={wordSnap} onChange={(event) => onWordSnapChange(event.target.checked)} />
        Extend to whole words
      </label>
      <div className="toolbar-history">
        {/* Keep focus and the selection where they are: undo works on the selected annotation's edits too. */}
        <button type="button" className="button button-small" title={`Undo (${shortcutLabel('undo')})`} aria-keyshortcuts="Control+Z" onMouseDown={(event) => event.preventDefault()} onClick={onUndo}>
          Undo
        </button>
        <button type="button" className="button button-small" title={`Redo (${shortcutLabel('redo')})`} aria-keyshortcuts="Control+Shift+Z" onMouseDown={(event) => event.preventDefault()} onClick={onRedo}>
          Redo
        </button>
        <button type="button" className="button button-small" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" aria-keyshortcuts="?" onClick={onHelp}>
          ?
        </button>
      </div>
      <div className="toolbar-end">
        <SaveStatus saves={saves} />
        <button type="button" className="button" aria-pressed={reviewOpen} title="Walk another analyst's pending annotations (J/K, A, R, C)" onClick={onToggleReview}>
          Review
        </button>
        <button type="button" className="button" aria-pressed={agreementOpen} onClick={onToggleAgreement}>
          Agreement
        </button>
        <button type="button" className="button" onClick={onImport}>
          Import annotations…
        </button>
        <button type="button" className="button" disabled={!canExport} title={canExport ? undefined : 'Nothing to export yet: no open document has an annotation'} onClick={onExport}>
          Export
        </button>
      </div>
    </div>
  );
});
