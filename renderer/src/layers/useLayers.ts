// Layer state for the open document: which analysts are shown and how, the annotations that
// are visible as a result, and every known author (from the host and this document).
import { type RefObject, useCallback, useEffect, useMemo, useState } from 'react';
import type { AnalystSummary } from '../../../shared/api';
import type { Annotation } from '../../../shared/model';
import { api } from '../api/api';
import { useHostEvent } from '../api/useHostEvents';
import type { ArticleController } from '../article/article-controller';
import { DEFAULT_LAYERS, type LayerSettings, layerAuthors, layerFunction } from './layers';

const NONE: readonly Annotation[] = [];

export function useLayers(annotations: readonly Annotation[], me: string | null, controllerRef: RefObject<ArticleController | null>, docId: string | null) {
  const [settings, setSettings] = useState<LayerSettings>(DEFAULT_LAYERS);
  const [analysts, setAnalysts] = useState<AnalystSummary[]>([]);

  const refreshAnalysts = useCallback(() => {
    api.listAnalysts().then(setAnalysts, () => {});
  }, []);
  useEffect(refreshAnalysts, [refreshAnalysts, docId]);
  // A new author appears with a saved batch (an import, another window): list them.
  const known = useMemo(() => new Set(analysts.map((a) => a.name)), [analysts]);
  useHostEvent('changes', (event) => {
    if (event.put.some((a) => !known.has(a.author))) refreshAnalysts();
  }, refreshAnalysts);

  // Only the differences view depends on the annotations themselves.
  const basis = settings.view === 'differences' ? annotations : NONE;
  const layerOf = useMemo(() => layerFunction(settings, me, basis), [settings, me, basis]);
  useEffect(() => {
    controllerRef.current?.setLayers(layerOf);
  }, [controllerRef, layerOf, docId]);

  const visible = useMemo(() => annotations.filter((a) => layerOf(a) !== null), [annotations, layerOf]);
  const isShown = useCallback((a: Annotation) => layerOf(a) !== null, [layerOf]);
  const docAuthors = useMemo(() => [...new Set(annotations.map((a) => a.author))], [annotations]);
  const authors = useMemo(() => layerAuthors(me, analysts.map((a) => a.name), docAuthors), [me, analysts, docAuthors]);

  return { settings, setSettings, visible, isShown, authors, refreshAnalysts };
}
