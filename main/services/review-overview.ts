// Where in the corpus the analyst has something to review: per open document, the other analysts'
// spans without the analyst's decision (the review queue's items, counted by the same function the
// queue uses). A document whose spans are all the analyst's own is answered from the store's
// per-creator counts without reading it; the others are read once and then kept until a batch
// changes them.
import type { ReviewPendingDocument } from '../../shared/api';
import { pendingSpans, reviewableSpans } from '../../shared/model/review-steps';
import type { RecordStore } from './store/record-store';
import { mapWithConcurrency } from './concurrency';

export class ReviewOverview {
  /** docId → counts for `reviewerId`, dropped when the document's records change. */
  private readonly cache = new Map<string, { reviewerId: string; pending: number; total: number }>();

  /** Batches applied per document, so a count read while one lands is not kept. */
  private readonly changes = new Map<string, number>();

  constructor(private readonly store: Pick<RecordStore, 'list' | 'counts' | 'cachedCountsByCreator' | 'onApplied'>) {
    store.onApplied((batch) => {
      this.cache.delete(batch.scope);
      this.changes.set(batch.scope, (this.changes.get(batch.scope) ?? 0) + 1);
    });
  }

  /** Documents in the order given with their pending and reviewable counts (documents with none left out). */
  async pending(documents: readonly { id: string }[], reviewerId: string): Promise<ReviewPendingDocument[]> {
    const rows = await mapWithConcurrency([...documents], 8, async (doc): Promise<ReviewPendingDocument> => {
      const cached = this.cache.get(doc.id);
      if (cached && cached.reviewerId === reviewerId) return { docId: doc.id, pending: cached.pending, total: cached.total };
      await this.store.counts(doc.id);
      const byCreator = this.store.cachedCountsByCreator(doc.id) ?? {};
      if (Object.keys(byCreator).every((id) => id === reviewerId)) return { docId: doc.id, pending: 0, total: 0 };
      const seen = this.changes.get(doc.id) ?? 0;
      const records = await this.store.list(doc.id);
      const counts = { reviewerId, pending: pendingSpans(records, reviewerId).length, total: reviewableSpans(records, reviewerId).length };
      if ((this.changes.get(doc.id) ?? 0) === seen) this.cache.set(doc.id, counts);
      return { docId: doc.id, pending: counts.pending, total: counts.total };
    });
    return rows.filter((r) => r.total > 0);
  }
}
