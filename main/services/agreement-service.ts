// Agreement between two analysts over the open documents, from the annotation store.
// The figures themselves are pure (shared/agreement.ts); this gathers the layers.
import { type AgreementSpan, type Disagreement, addTally, compareDocumentSteps, emptyTally, summarize } from '../../shared/agreement';
import type { AgreementDocumentRow, AgreementReport, AnalystSummary } from '../../shared/api';
import type { Annotation } from '../../shared/model';
import type { AnnotationStore } from './annotation-store';
import type { LoadedDocument } from './corpus-loader';
import { NotFoundError } from './errors';

/** Enough to list in the UI; the total is reported too. */
export const MAX_DISAGREEMENTS = 5000;

function spansBy(annotations: readonly Annotation[], author: string): AgreementSpan[] {
  return annotations.filter((a) => a.author === author).map((a) => ({ id: a.id, type: a.type, start: a.start, end: a.end, quote: a.quote }));
}

/** Documents compared so far (a fraction within the current one) and documents to compare. */
export type AgreementProgress = (done: number, total: number) => void;

/** Lets saves and other requests run between steps of a long comparison. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function computeAgreement(
  analystA: string,
  analystB: string,
  scope: string,
  documents: readonly LoadedDocument[],
  store: AnnotationStore,
  onProgress?: AgreementProgress,
): Promise<AgreementReport> {
  const selected = scope === 'all' ? documents : documents.filter((d) => d.id === scope);
  if (scope !== 'all' && selected.length === 0) throw new NotFoundError(`Cannot compare analysts: no open document has id ${scope}.`);
  const pooled = emptyTally();
  const rows: AgreementDocumentRow[] = [];
  const disagreements: Disagreement[] = [];
  let disagreementsTotal = 0;
  const report = (done: number) => {
    try {
      onProgress?.(done, selected.length);
    } catch {
      // a failing progress display must not stop the comparison
    }
  };
  for (const [index, doc] of selected.entries()) {
    report(index);
    await yieldToEventLoop();
    const annotations = await store.list(doc.id);
    const a = spansBy(annotations, analystA);
    const b = spansBy(annotations, analystB);
    // Pooled figures skip documents neither analyst touched (their "none" tokens would
    // inflate agreement); a single requested document is always compared.
    if (scope === 'all' && a.length === 0 && b.length === 0) continue;
    const steps = compareDocumentSteps(doc.id, doc.text, a, b);
    let step = steps.next();
    for (; !step.done; step = steps.next()) {
      report(index + step.value);
      await yieldToEventLoop();
    }
    const compared = step.value;
    addTally(pooled, compared.tally);
    rows.push({ docId: doc.id, title: doc.title, fileName: doc.fileName, countA: a.length, countB: b.length, summary: summarize(compared.tally) });
    disagreementsTotal += compared.disagreements.length;
    for (const item of compared.disagreements) if (disagreements.length < MAX_DISAGREEMENTS) disagreements.push(item);
  }
  report(selected.length);
  return { analystA, analystB, scope, summary: summarize(pooled), documents: rows, disagreements, disagreementsTotal };
}

/** Every author in the open documents with how much they annotated. */
export async function listAnalysts(documents: readonly LoadedDocument[], store: AnnotationStore): Promise<AnalystSummary[]> {
  const withFiles = await store.documentsWithFiles();
  const byName = new Map<string, AnalystSummary>();
  for (const doc of documents) {
    if (!withFiles.has(doc.id)) continue;
    const seen = new Set<string>();
    for (const a of await store.list(doc.id)) {
      let summary = byName.get(a.author);
      if (!summary) byName.set(a.author, (summary = { name: a.author, annotations: 0, documents: 0 }));
      summary.annotations++;
      if (!seen.has(a.author)) {
        seen.add(a.author);
        summary.documents++;
      }
    }
  }
  return [...byName.values()].sort((x, y) => x.name.localeCompare(y.name));
}
