// Every author is a layer. Which layers are shown (checkboxes and the View select), how
// another analyst's spans are painted, and the "differences only" rule. Pure.
import type { Annotation } from '../../../shared/model';
import type { LayerOf } from '../article/highlights';

export const LAYER_VIEWS = [
  { value: 'both', label: 'Both' },
  { value: 'mine', label: 'Mine' },
  { value: 'theirs', label: 'Theirs' },
  { value: 'differences', label: 'Differences only' },
] as const;
export type LayerView = (typeof LAYER_VIEWS)[number]['value'];

export interface LayerSettings {
  view: LayerView;
  /** Authors whose layer is switched off (new authors are shown by default). */
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

function spanKey(a: Pick<Annotation, 'start' | 'end' | 'type'>): string {
  return `${a.start}:${a.end}:${a.type}`;
}

/** Ids of annotations that no other author matches with an identical span and tag. */
export function differenceIds(annotations: readonly Annotation[]): Set<string> {
  const authorsBySpan = new Map<string, Set<string>>();
  for (const a of annotations) {
    const key = spanKey(a);
    let authors = authorsBySpan.get(key);
    if (!authors) authorsBySpan.set(key, (authors = new Set()));
    authors.add(a.author);
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
export function layerFunction(settings: LayerSettings, me: string | null, annotations: readonly Annotation[]): LayerOf {
  const differences = settings.view === 'differences' ? differenceIds(annotations) : null;
  return (a) => {
    if (settings.hidden.has(a.author)) return null;
    const mine = a.author === me;
    if (settings.view === 'mine' && !mine) return null;
    if (settings.view === 'theirs' && mine) return null;
    if (differences && !differences.has(a.id)) return null;
    return mine ? 'mine' : 'theirs';
  };
}

/** Every author to offer as a layer: me first, then the others by name. */
export function layerAuthors(me: string | null, ...sources: readonly (readonly string[])[]): string[] {
  const others = new Set<string>();
  for (const names of sources) for (const name of names) if (name !== me) others.add(name);
  return [...(me ? [me] : []), ...[...others].sort((x, y) => x.localeCompare(y))];
}
