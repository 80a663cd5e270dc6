// A short first-run tour of the three jobs (tag, review, export): shown once after the name
// dialog, in the page rather than over it, so the analyst can try each step as they read it.
// Dismissing it is remembered in the settings (tourDone).
import { useId, useState } from 'react';
import './help.css';

interface Step {
  title: string;
  body: string;
}

export const TOUR_STEPS: readonly Step[] = [
  {
    title: 'Tag',
    body: 'Select a passage with the mouse or Shift+arrows, then press 1 Claim, 2 Source, 3 Figure or 4 Place (or click the tag button). Click a highlight to select it: 1–4 retags it, drag its end handles or press Shift+Alt+arrows to move its ends, Delete removes it.',
  },
  {
    title: 'Review',
    body: 'Import a colleague’s export with Import annotations…, then click Review to walk their tags one by one: J and K move, A accepts, R rejects with a reason, C comments. Agreement shows how far you agree.',
  },
  {
    title: 'Export',
    body: 'Everything is saved as you work. Export writes your annotations, decisions and comments as JSON with exact offsets. Press ? for every keyboard shortcut.',
  },
];

export function Tour({ onDismiss }: { onDismiss: () => void }) {
  const [index, setIndex] = useState(0);
  const titleId = useId();
  const step = TOUR_STEPS[index] as Step;
  const last = index === TOUR_STEPS.length - 1;
  return (
    <section className="tour" aria-label="Tour">
      <p className="tour-progress">
        Tour · step {index + 1} of {TOUR_STEPS.length}
      </p>
      <h2 id={titleId} className="tour-title">
        {step.title}
      </h2>
      <p className="tour-body">{step.body}</p>
      <div className="tour-actions">
        <button type="button" className="button button-small" onClick={onDismiss}>
          Skip tour
        </button>
        <span className="tour-nav">
          {index > 0 && (
            <button type="button" className="button button-small" onClick={() => setIndex(index - 1)}>
              Previous step
            </button>
          )}
          {last ? (
            <button type="button" className="button button-small button-primary" onClick={onDismiss}>
              Finish tour
            </button>
          ) : (
            <button type="button" className="button button-small button-primary" onClick={() => setIndex(index + 1)}>
              Next step
            </button>
          )}
        </span>
      </div>
    </section>
  );
}
