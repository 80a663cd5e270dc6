// The "Agreement" panel: pick analysts A (the reference) and B and a scope, see the
// per-tag figures and the disagreements; clicking one opens its document and flashes it.
import { useEffect, useId, useRef, useState } from 'react';
import type { Disagreement } from '../../../shared/agreement';
import type { AgreementReport } from '../../../shared/api';
import type { Creator } from '../../../shared/model/records';
import { CLIENT_ID, api } from '../api/api';
import { useHostEvent } from '../api/useHostEvents';
import { AgreementTable } from './AgreementTable';
import { DisagreementText } from './DisagreementText';

interface AgreementPanelProps {
  analysts: readonly Creator[];
  me: Creator | null;
  currentDocId: string | null;
  onJump: (disagreement: Disagreement) => void;
  onClose: () => void;
}

const MAX_SHOWN = 500;
/** Saved changes arrive in bursts (a review queue run): compute again once they pause. */
const REFRESH_AFTER_MS = 400;

export function AgreementPanel({ analysts, me, currentDocId, onJump, onClose }: AgreementPanelProps) {
  const ids = { a: useId(), b: useId(), scope: useId(), copies: useId() };
  const creatorIds = analysts.map((a) => a.id);
  const mine = me && creatorIds.includes(me.id) ? me.id : null;
  const [analystA, setAnalystA] = useState<string>(() => mine ?? creatorIds[0] ?? '');
  const [analystB, setAnalystB] = useState<string>(() => creatorIds.find((n) => n !== analystA) ?? '');
  const [scope, setScope] = useState<'document' | 'all'>(currentDocId ? 'document' : 'all');
  // Agreement measures independent work: spans copied in by accepting are left out unless asked for.
  const [includeCopies, setIncludeCopies] = useState(false);
  const [report, setReport] = useState<AgreementReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  // Any saved change (in this window or another) may change the figures.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const refreshSoon = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setRevision((n) => n + 1), REFRESH_AFTER_MS);
  };
  useHostEvent('changes', refreshSoon, refreshSoon);
  useHostEvent('progress', (event) => {
    if (event.task === 'agreement' && event.clientId === CLIENT_ID) setProgress(event.done < event.total ? { done: event.done, total: event.total } : null);
  });

  // Fill in defaults once analysts are known.
  if (!analystA && creatorIds[0]) setAnalystA(mine ?? creatorIds[0]);
  if (!analystB && creatorIds.some((n) => n !== analystA)) setAnalystB(creatorIds.find((n) => n !== analystA) ?? '');
  // Two analysts who share a name are told apart by where their work came from.
  const label = (c: Creator) => (analysts.filter((o) => o.name === c.name).length > 1 ? `${c.name} (${c.id.startsWith('name:') ? 'from a 1.x file' : c.id === me?.id ? 'you' : c.id.slice(0, 8)})` : c.name);

  const scopeArg = scope === 'document' && currentDocId ? currentDocId : 'all';
  useEffect(() => {
    if (!analystA || !analystB) return;
    let live = true;
    api
      .getAgreement(analystA, analystB, scopeArg, { includeAcceptedCopies: includeCopies })
      .then(
        (next) => {
          if (!live) return;
          setReport(next);
          setError(null);
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      )
      .finally(() => setProgress(null));
    return () => {
      live = false;
    };
  }, [analystA, analystB, scopeArg, includeCopies, revision]);

  const shown = report && report.analystA.id === analystA && report.analystB.id === analystB && report.acceptedCopies.included === includeCopies ? report : null;
  const copies = shown ? shown.acceptedCopies.a + shown.acceptedCopies.b : 0;
  return (
    <section className="agreement-panel" role="dialog" aria-label="Agreement">
      <header className="agreement-header">
        <h2 className="panel-title">Agreement</h2>
        <div className="filter-field">
          <label htmlFor={ids.a}>Analyst A</label>
          <select id={ids.a} value={analystA} onChange={(event) => setAnalystA(event.target.value)}>
            {analysts.map((c) => (
              <option key={c.id} value={c.id}>
                {label(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-field">
          <label htmlFor={ids.b}>Analyst B</label>
          <select id={ids.b} value={analystB} onChange={(event) => setAnalystB(event.target.value)}>
            {analysts.map((c) => (
              <option key={c.id} value={c.id}>
                {label(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-field">
          <label htmlFor={ids.scope}>Scope</label>
          <select id={ids.scope} value={scope} onChange={(event) => setScope(event.target.value as 'document' | 'all')}>
            <option value="document" disabled={!currentDocId}>
              This document
            </option>
            <option value="all">All documents</option>
          </select>
        </div>
        <div className="filter-field agreement-copies">
          <input id={ids.copies} type="checkbox" checked={includeCopies} onChange={(event) => setIncludeCopies(event.target.checked)} />
          <label htmlFor={ids.copies} title="Spans copied into a layer by accepting another analyst's span. Left out, agreement compares independent work only.">
            Include accepted copies
          </label>
        </div>
        <button type="button" className="button button-small agreement-close" onClick={onClose}>
          Close agreement
        </button>
      </header>
      <div className="agreement-body">
        {analysts.length < 2 && <p className="panel-empty">Agreement needs two analysts. Import a colleague&rsquo;s export first.</p>}
        {progress && (
          <p className="hint" role="status" aria-label="Agreement progress">
            Comparing… <progress max={progress.total} value={progress.done} /> {Math.round((100 * progress.done) / progress.total)}%
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {shown && (
          <>
            <p className="hint">
              {shown.analystA.name} is the reference (A): precision = matched / B&rsquo;s spans, recall = matched / A&rsquo;s spans. κ and α over{' '}
              {shown.summary.tokens.toLocaleString()} word tokens in {shown.documents.length} document{shown.documents.length === 1 ? '' : 's'}.{' '}
              {copies > 0 &&
                (shown.acceptedCopies.included
                  ? `${copies.toLocaleString()} accepted ${copies === 1 ? 'copy is' : 'copies are'} compared too.`
                  : `${copies.toLocaleString()} accepted ${copies === 1 ? 'copy is' : 'copies are'} left out: agreement compares independent work.`)}
            </p>
            <AgreementTable summary={shown.summary} />
            <h3 className="import-subtitle">
              Disagreements <span className="panel-count">{shown.disagreementsTotal.toLocaleString()}</span>
            </h3>
            {shown.disagreements.length === 0 ? (
              <p className="panel-empty">None: every span matches exactly.</p>
            ) : (
              <ul className="disagreement-list" aria-label="Disagreements">
                {shown.disagreements.slice(0, MAX_SHOWN).map((d) => (
                  <li key={`${d.docId}-${d.kind}-${d.start}-${d.end}-${d.a?.id ?? ''}-${d.b?.id ?? ''}`}>
                    <button type="button" className={`disagreement disagreement-${d.kind}`} onClick={() => onJump(d)}>
                      <DisagreementText d={d} a={shown.analystA.name} b={shown.analystB.name} />
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
