// Every creator is a layer (by stable id: two analysts who share a name are two layers). Which
// layers are shown (checkboxes and the View select), how another analyst's spans are painted,
// and the "differences only" rule. Pure.
import type { Creator, SpanRecord } from '../../../shared/model/records';

/** Which layer a span is painted in, or null when its layer is hidden. */
export type PaintLayer = 'mine' | 'theirs';
export type LayerOf = (span: SpanRecord) => PaintLayer | null;

export const LAYER_VIEWS = [
  { value: 'both', label: 'Both' },
  { value: 'mine', label: 'Mine' },
  { value: 'theirs', label: 'Theirs' },
  { value: 'differences', label: 'Differences only' },
] as const;
export type LayerView = (typeof LAYER_VIEWS)[number]['value'];

export interface LayerSettings {
  view: LayerView;
  /** Creator ids whose layer is switched off (new ones are shown by default). */
  hidden: ReadonlySet<string>;
}

export const DEFAULT_LAYERS: LayerSettings = { view: 'both', hidden: new Set() };

/** "Ben" -> "B", "Ana Lima" -> "AL". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1] ?? '') : '';
  return (Array.from(first)[0] ?? '?').toUpperCase() + (last ? (Array.from(last)[0] ?? '').toUpperCase() : '');
}

function spanKey(a: SpanRecord): string {
  return `${a.target.start}:${a.target.end}:${a.tag}`;
}

/** Ids of spans that no other creator matches with an identical span and tag. */
export function differenceIds(annotations: readonly SpanRecord[]): Set<string> {
  const authorsBySpan = new Map<string, Set<string>>();
  for (const a of annotations) {
    const key = spanKey(a);
    let authors = authorsBySpan.get(key);
    if (!authors) authorsBySpan.set(key, (authors = new Set()));
    authors.add(a.creator.id);
  }
  const ids = new Set<string>();
  for (const a of annotations) {
    const authors = authorsBySpan.get(spanKey(a));
    if (!authors || authors.size < 2) ids.add(a.id);
  }
  return ids;
}

/**
 * How each annotation is painted under these settings: in my layer, in another analyst's, or
 * hidden. `annotations` is only read for the differences view.
 */
export function layerFunction(settings: LayerSettings, me: Creator | null, annotations: readonly SpanRecord[]): LayerOf {
  const differences = settings.view === 'differences' ? differenceIds(annotations) : null;
  return (a) => {
    if (settings.hidden.has(a.creator.id)) return null;
    const mine = a.creator.id === me?.id;
    if (settings.view === 'mine' && !mine) return null;
    if (settings.view === 'theirs' && mine) return null;
    if (differences && !differences.has(a.id)) return null;
    return mine ? 'mine' : 'theirs';
  };
}

/** Every creator to offer as a layer: me first, then the others by name. */
export function layerAuthors(me: Creator | null, ...sources: readonly (readonly Creator[])[]): Creator[] {
  const others = new Map<string, Creator>();
  for (const creators of sources) for (const c of creators) if (c.id !== me?.id && !others.has(c.id)) others.set(c.id, { id: c.id, name: c.name, kind: c.kind });
  return [...(me ? [me] : []), ...[...others.values()].sort((x, y) => x.name.localeCompare(y.name) || x.id.localeCompare(y.id))];
}
