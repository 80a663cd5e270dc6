// In the Import result: authors of the file who have the analyst's name but are not the analyst.
// They stay separate layers; a name-only layer (from a 1.x file) can be claimed: "This is me".
import { useState } from 'react';
import type { NameClash } from '../../../shared/api';
import { claimLayer } from './claim';

function ClashRow({ clash }: { clash: NameClash }) {
  const [state, setState] = useState<{ kind: 'open' } | { kind: 'busy' } | { kind: 'done'; message: string } | { kind: 'error'; message: string }>({ kind: 'open' });
  const claim = () => {
    setState({ kind: 'busy' });
    claimLayer(clash.creator.name).then(
      (message) => setState({ kind: 'done', message }),
      (e: unknown) => setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  };
  return (
    <li className="name-clash">
      <p>{clash.message}.</p>
      {clash.claimable && (state.kind === 'open' || state.kind === 'busy') && (
        <div className="name-clash-actions">
          <button type="button" className="button button-small" disabled={state.kind === 'busy'} onClick={claim}>
            This is me
          </button>
          <button type="button" className="button button-small" disabled={state.kind === 'busy'} onClick={() => setState({ kind: 'done', message: 'Kept as a separate layer.' })}>
            Keep separate
          </button>
        </div>
      )}
      {!clash.claimable && <p className="hint">Another analyst with the same name: their work stays theirs.</p>}
      {state.kind === 'done' && <p role="status">{state.message}</p>}
      {state.kind === 'error' && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
    </li>
  );
}

export function NameClashes({ clashes }: { clashes: readonly NameClash[] | undefined }) {
  if (!clashes || clashes.length === 0) return null;
  return (
    <section className="name-clashes" aria-label="Same name, not you">
      <h3 className="import-subtitle">Same name, not you</h3>
      <ul>
        {clashes.map((clash) => (
          <ClashRow key={clash.creator.id} clash={clash} />
        ))}
      </ul>
    </section>
  );
}
