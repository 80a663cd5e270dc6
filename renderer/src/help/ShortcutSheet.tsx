// The keyboard shortcut sheet (`?`): every key the app handles, listed from the one table the
// key handlers use (shortcuts.ts), grouped by where the keys work.
import { Fragment, useId } from 'react';
import { CloseActions, Modal } from '../ui/Modal';
import { type KeyChord, SCOPE_TITLES, SHORTCUTS, type ShortcutScope, chordKeys } from './shortcuts';
import './help.css';

function Chord({ chord }: { chord: KeyChord }) {
  const keys = chordKeys(chord);
  return (
    <span className="shortcut-chord">
      {keys.map((key, i) => (
        <Fragment key={i}>
          {i > 0 && <span aria-hidden="true">+</span>}
          <kbd>{key}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

function Section({ scope }: { scope: ShortcutScope }) {
  const id = useId();
  const rows = SHORTCUTS.filter((s) => s.scope === scope);
  if (rows.length === 0) return null;
  return (
    <section className="shortcut-section" aria-labelledby={id}>
      <h3 id={id}>{SCOPE_TITLES[scope]}</h3>
      <table className="shortcut-table">
        <tbody>
          {rows.map((shortcut) => (
            <tr key={shortcut.id}>
              <th scope="row">
                {shortcut.chords.map((chord: KeyChord, i) => (
                  <Fragment key={i}>
                    {i > 0 && <span className="shortcut-or"> or </span>}
                    <Chord chord={chord} />
                  </Fragment>
                ))}
              </th>
              <td>{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onCancel={onClose} className="shortcut-sheet">
      <p className="shortcut-intro">Keys do nothing while you type in a text field. Press ? at any time to see this list.</p>
      <div className="shortcut-sections">
        {(Object.keys(SCOPE_TITLES) as ShortcutScope[]).map((scope) => (
          <Section key={scope} scope={scope} />
        ))}
      </div>
      <CloseActions onClose={onClose} />
    </Modal>
  );
}
