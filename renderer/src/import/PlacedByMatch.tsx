// "8 annotations placed by matching nearby text (check them: Show)": the imported annotations that
// were not at their exported offsets. Show lists them (read from the host), each a button that
// opens its document and selects it.
import { useState } from 'react';
import type { ImportPlacement } from '../../../shared/api';
import type { SpanRecord } from '../../../shared/model/records';
import { api } from '../api/api';
import { annotationName } from '../annotations/labels';

interface PlacedByMatchProps {
  /** How many were placed so (the list may hold fewer: it is capped). */
  count: number;
  placements: readonly ImportPlacement[];
  onShow?: (docId: string, spanId: string) => void;
}

interface Found {
  placement: ImportPlacement;
  span: SpanRecord | null;
}

function how(placement: ImportPlacement): string {
  return placement.method === 'context' ? 'found by the words around it' : `found by a close match (${Math.round(placement.score * 100)}% alike)`;
}

export function PlacedByMatch({ count, placements, onShow }: PlacedByMatchProps) {
  const [found, setFound] = useState<Found[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  const show = async () => {
    setOpen((o) => !o);
    if (found) return;
    try {
      const docIds = [...new Set(placements.map((p) => p.docId))];
      const records = new Map<string, SpanRecord>();
      for (const docId of docIds) {
        for (const r of await api.listRecords(docId)) if (r.kind === 'span') records.set(`${docId}\n${r.id}`, r);
      }
      setFound(placements.map((placement) => ({ placement, span: records.get(`${placement.docId}\n${placement.spanId}`) ?? null })));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="import-placed" aria-label="Placed by matching text">
      <p>
        {count.toLocaleString()} annotation{count === 1 ? '' : 's'} placed by matching nearby text (check {count === 1 ? 'it' : 'them'}:{' '}
        <button type="button" className="link-button" aria-expanded={open} onClick={() => void show()}>
          {open ? 'Hide' : 'Show'}
        </button>
        )
      </p>
      {open && error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {open && found && (
        <ul className="import-placed-list">
          {found.map(({ placement, span }) => (
            <li key={`${placement.docId}-${placement.spanId}`}>
              {span ? (
                <button type="button" className="link-button" disabled={!onShow} onClick={() => onShow?.(placement.docId, placement.spanId)}>
                  {annotationName(span)} — {span.creator.name}
                </button>
              ) : (
                <span>An annotation that is no longer there</span>
              )}{' '}
              <span className="hint">({how(placement)})</span>
            </li>
          ))}
          {count > found.length && <li className="hint">…and {(count - found.length).toLocaleString()} more.</li>}
        </ul>
      )}
    </section>
  );
}
