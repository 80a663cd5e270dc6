// Layer state for the open document: which creators are shown and how, the spans that are
// visible as a result, and every known creator (from the host and this document).
import { type RefObject, useCallback, useEffect, useMemo, useState } from 'react';
import type { AnalystSummary } from '../../../shared/api';
import type { Creator, SpanRecord } from '../../../shared/model/records';
import { api } from '../api/api';
import { useHostEvent } from '../api/useHostEvents';
import type { ArticleController } from '../article/article-controller';
import { DEFAULT_LAYERS, type LayerSettings, layerAuthors, layerFunction } from './layers';

const NONE: readonly SpanRecord[] = [];

export function useLayers(annotations: readonly SpanRecord[], me: Creator | null, controllerRef: RefObject<ArticleController | null>, docId: string | null) {
  const [settings, setSettings] = useState<LayerSettings>(DEFAULT_LAYERS);
  const [analysts, setAnalysts] = useState<AnalystSummary[]>([]);

  const refreshAnalysts = useCallback(() => {
    api.listAnalysts().then(setAnalysts, () => {});
  }, []);
  useEffect(refreshAnalysts, [refreshAnalysts, docId]);
  // A new creator appears with a saved batch (an import, another window): list them.
  const known = useMemo(() => new Set(analysts.map((a) => a.id)), [analysts]);
  useHostEvent(
    'changes',
    (event) => {
      if (event.records.some((r) => r.kind === 'span' && !r.deleted && !known.has(r.creator.id))) refreshAnalysts();
    },
    refreshAnalysts,
  );

  // Only the differences view depends on the spans themselves.
  const basis = settings.view === 'differences' ? annotations : NONE;
  const layerOf = useMemo(() => layerFunction(settings, me, basis), [settings, me, basis]);
  useEffect(() => {
    controllerRef.current?.setLayers(layerOf);
  }, [controllerRef, layerOf, docId]);

  const visible = useMemo(() => annotations.filter((a) => layerOf(a) !== null), [annotations, layerOf]);
  const isShown = useCallback((a: SpanRecord) => layerOf(a) !== null, [layerOf]);
  const docAuthors = useMemo(() => {
    const byId = new Map<string, Creator>();
    for (const a of annotations) byId.set(a.creator.id, a.creator);
    return [...byId.values()];
  }, [annotations]);
  const authors = useMemo(() => layerAuthors(me, analysts, docAuthors), [me, analysts, docAuthors]);

  return { settings, setSettings, visible, isShown, authors, refreshAnalysts };
}
