// The "Layers" region: one checkbox per analyst and the View select (mine, theirs, both,
// differences only), with a legend of how another analyst's spans look.
import { memo, useId } from 'react';
import type { Creator } from '../../../shared/model/records';
import { LAYER_VIEWS, type LayerSettings, type LayerView, initials } from './layers';

interface LayersPanelProps {
  authors: readonly Creator[];
  me: Creator | null;
  settings: LayerSettings;
  onChange: (settings: LayerSettings) => void;
  onShowOrphans: () => void;
}

export const LayersPanel = memo(function LayersPanel({ authors, me, settings, onChange, onShowOrphans }: LayersPanelProps) {
  const viewId = useId();
  const toggle = (author: string, shown: boolean) => {
    const hidden = new Set(settings.hidden);
    if (shown) hidden.delete(author);
    else hidden.add(author);
    onChange({ ...settings, hidden });
  };
  return (
    <section className="layers-region panel" aria-label="Layers">
      <header className="panel-header">
        <h2 className="panel-title">Layers</h2>
        <div className="filter-field">
          <label htmlFor={viewId}>View</label>
          <select id={viewId} value={settings.view} onChange={(event) => onChange({ ...settings, view: event.target.value as LayerView })}>
            {LAYER_VIEWS.map((view) => (
              <option key={view.value} value={view.value}>
                {view.label}
              </option>
            ))}
          </select>
        </div>
      </header>
      <ul className="layer-list">
        {authors.map((author) => (
          <li key={author.id}>
            <label className="checkbox layer-item">
              <input type="checkbox" checked={!settings.hidden.has(author.id)} onChange={(event) => toggle(author.id, event.target.checked)} />
              <span className={`author-badge${author.id === me?.id ? ' is-mine' : ''}`} aria-hidden="true">
                {initials(author.name)}
              </span>
              {author.name}
              {author.id === me?.id && <span className="layer-you"> (you)</span>}
            </label>
          </li>
        ))}
      </ul>
      <p className="hint layer-legend">
        <span className="legend-theirs">Dashed overline</span>: another analyst&rsquo;s span.
      </p>
      <button type="button" className="button button-small" onClick={onShowOrphans}>
        Orphaned annotations…
      </button>
    </section>
  );
});
