// Agreement between two analysts (creators, by id) over the open documents, from the record store.
// The figures themselves are pure (shared/agreement.ts); this gathers the layers.
import { type AgreementSpan, type Disagreement, addTally, compareDocumentSteps, emptyTally, summarize } from '../../shared/agreement';
import type { AgreementDocumentRow, AgreementReport, AnalystSummary } from '../../shared/api';
import type { Creator, MarginaliaRecord, SpanRecord } from '../../shared/model/records';
import type { RecordStore } from './store/record-store';
import type { LoadedDocument } from './corpus-loader';
import { NotFoundError } from './errors';

/** Enough to list in the UI; the total is reported too. */
export const MAX_DISAGREEMENTS = 5000;

function spansBy(records: readonly MarginaliaRecord[], creatorId: string): AgreementSpan[] {
  return records
    .filter((r): r is SpanRecord => r.kind === 'span' && r.creator.id === creatorId)
    .map((r) => ({ id: r.id, type: r.tag, start: r.target.start, end: r.target.end, quote: r.target.quote }));
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
  store: RecordStore,
  onProgress?: AgreementProgress,
): Promise<AgreementReport> {
  const selected = scope === 'all' ? documents : documents.filter((d) => d.id === scope);
  if (scope !== 'all' && selected.length === 0) throw new NotFoundError(`Cannot compare analysts: no open document has id ${scope}.`);
  const pooled = emptyTally();
  const rows: AgreementDocumentRow[] = [];
  const disagreements: Disagreement[] = [];
  let disagreementsTotal = 0;
  const creators = new Map<string, Creator>();
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
    const records = await store.list(doc.id);
    for (const r of records) if (r.kind === 'span') creators.set(r.creator.id, r.creator);
    const a = spansBy(records, analystA);
    const b = spansBy(records, analystB);
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
  const creator = (id: string): Creator => creators.get(id) ?? { id, name: id, kind: 'person' };
  return { analystA: creator(analystA), analystB: creator(analystB), scope, summary: summarize(pooled), documents: rows, disagreements, disagreementsTotal };
}

/** Every creator of spans in the open documents (a layer each), with how much they annotated. */
export async function listAnalysts(documents: readonly LoadedDocument[], store: RecordStore): Promise<AnalystSummary[]> {
  const withFiles = await store.scopesWithFiles();
  const byId = new Map<string, AnalystSummary>();
  for (const doc of documents) {
    if (!withFiles.has(doc.id)) continue;
    const seen = new Set<string>();
    for (const r of await store.list(doc.id)) {
      if (r.kind !== 'span') continue;
      let summary = byId.get(r.creator.id);
      if (!summary) byId.set(r.creator.id, (summary = { ...r.creator, annotations: 0, documents: 0 }));
      summary.annotations++;
      if (!seen.has(r.creator.id)) {
        seen.add(r.creator.id);
        summary.documents++;
      }
    }
  }
  return [...byId.values()].sort((x, y) => x.name.localeCompare(y.name) || x.id.localeCompare(y.id));
}
