// "This is me": makes a name-based layer (from a 1.x file) the analyst's, and says what it did.
import type { LayerClaimResult } from '../../../shared/api';
import { api } from '../api/api';
import { notifyLayersChanged } from './layer-events';

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
}

export function describeClaim(name: string, result: LayerClaimResult): string {
  const { span, review, comment } = result.claimed;
  if (span + review + comment === 0) return `Nothing to claim: no annotations of “${name}” known by name only are left.`;
  const parts = [plural(span, 'annotation'), ...(review > 0 ? [plural(review, 'review decision')] : []), ...(comment > 0 ? [plural(comment, 'comment')] : [])];
  return `${parts.join(', ')} of “${name}” ${span + review + comment === 1 ? 'is' : 'are'} now yours.`;
}

export async function claimLayer(name: string): Promise<string> {
  const result = await api.claimLegacyLayer(name);
  notifyLayersChanged();
  return describeClaim(name, result);
}
