// Agreement between two analysts (creators, by id) over the open documents, from the record store.
// The figures themselves are pure (shared/agreement.ts); this gathers the layers.
import { type AgreementSpan, type Disagreement, addTally, compareDocumentSteps, emptyTally, summarize } from '../../shared/agreement';
import type { AgreementDocumentRow, AgreementReport, AnalystSummary } from '../../shared/api';
import type { AgreementOptions } from '../../shared/api/contract';
import type { Creator, MarginaliaRecord } from '../../shared/model/records';
import type { RecordStore } from './store/record-store';
import type { LoadedDocument } from './corpus-loader';
import { NotFoundError } from './errors';

/** Enough to list in the UI; the total is reported too. */
export const MAX_DISAGREEMENTS = 5000;

/**
 * One analyst's spans to compare, and how many of their spans are copies made by accepting
 * another's (`origin`): those are a decision about someone's work, not independent work, so
 * they are compared only when asked (else accepting everything would make agreement 100%).
 */
function spansBy(records: readonly MarginaliaRecord[], creatorId: string, includeCopies: boolean): { spans: AgreementSpan[]; copies: number } {
  const spans: AgreementSpan[] = [];
  let copies = 0;
  for (const r of records) {
    if (r.kind !== 'span' || r.deleted || r.creator.id !== creatorId) continue;
    if (r.origin) {
      copies++;
      if (!includeCopies) continue;
    }
    spans.push({ id: r.id, type: r.tag, start: r.target.start, end: r.target.end, quote: r.target.quote });
  }
  return { spans, copies };
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
  options: AgreementOptions = {},
): Promise<AgreementReport> {
  const includeCopies = options.includeAcceptedCopies === true;
  const acceptedCopies = { included: includeCopies, a: 0, b: 0 };
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
    const layerA = spansBy(records, analystA, includeCopies);
    const layerB = spansBy(records, analystB, includeCopies);
    acceptedCopies.a += layerA.copies;
    acceptedCopies.b += layerB.copies;
    const a = layerA.spans;
    const b = layerB.spans;
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
  return { analystA: creator(analystA), analystB: creator(analystB), scope, summary: summarize(pooled), documents: rows, disagreements, disagreementsTotal, acceptedCopies };
}

/**
 * Every creator of spans in the open documents (a layer each), with how much they annotated. The
 * analyst's own layer carries their current name (older records keep the name they were made with).
 */
export async function listAnalysts(documents: readonly LoadedDocument[], store: RecordStore, me: Creator | null = null): Promise<AnalystSummary[]> {
  const withFiles = await store.scopesWithFiles();
  const byId = new Map<string, AnalystSummary>();
  for (const doc of documents) {
    if (!withFiles.has(doc.id)) continue;
    const seen = new Set<string>();
    for (const r of await store.list(doc.id)) {
      if (r.kind !== 'span') continue;
      let summary = byId.get(r.creator.id);
      if (!summary) byId.set(r.creator.id, (summary = { ...(r.creator.id === me?.id ? me : r.creator), annotations: 0, documents: 0 }));
      summary.annotations++;
      if (!seen.has(r.creator.id)) {
        seen.add(r.creator.id);
        summary.documents++;
      }
    }
  }
  return [...byId.values()].sort((x, y) => x.name.localeCompare(y.name) || x.id.localeCompare(y.id));
}
