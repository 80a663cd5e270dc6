// The article view: a Lexical editor that only displays the text. Annotations are painted
// over it by the controller; this component re-renders only when the document changes.
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { PlainTextPlugin } from '@lexical/react/LexicalPlainTextPlugin';
import { memo, type MouseEvent, type RefObject, useEffect, useRef } from 'react';
import type { DocumentStore } from '../state/document-store';
import { ArticleController } from './article-controller';
import { Legend } from './Legend';
import { type SpanHandleCallbacks, SpanHandles } from './SpanHandles';

const EDITOR_CONFIG: InitialConfigType = {
  namespace: 'marginalia-article',
  editable: true,
  theme: { paragraph: 'article-paragraph' },
  onError: (error) => console.error('Article view error', error),
};

export interface ArticleHandlers extends SpanHandleCallbacks {
  onUndo: () => void;
  onRedo: () => void;
  /** A click that left no text selection, at a character offset (null: not on text). */
  onPointAt: (offset: number | null, clientX: number, clientY: number) => void;
}

interface BridgeProps {
  store: DocumentStore | null;
  controllerRef: RefObject<ArticleController | null>;
  scrollerRef: RefObject<HTMLDivElement | null>;
  handlers: RefObject<ArticleHandlers>;
}

/** Owns the ArticleController for the composer's editor and feeds it the document. */
function ArticleBridge({ store, controllerRef, scrollerRef, handlers }: BridgeProps) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const controller = new ArticleController(editor, scroller, {
      onUndo: () => handlers.current.onUndo(),
      onRedo: () => handlers.current.onRedo(),
    });
    controllerRef.current = controller;
    return () => {
      controller.dispose();
      if (controllerRef.current === controller) controllerRef.current = null;
    };
  }, [editor, controllerRef, scrollerRef, handlers]);
  useEffect(() => {
    controllerRef.current?.load(store);
  }, [store, controllerRef]);
  return null;
}

interface LexicalArticleProps {
  store: DocumentStore | null;
  loading: boolean;
  controllerRef: RefObject<ArticleController | null>;
  scrollerRef: RefObject<HTMLDivElement | null>;
  handlers: RefObject<ArticleHandlers>;
}

export const LexicalArticle = memo(function LexicalArticle({ store, loading, controllerRef, scrollerRef, handlers }: LexicalArticleProps) {
  const pageRef = useRef<HTMLDivElement>(null);
  const onClick = (event: MouseEvent) => {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return; // a drag or double-click selected text
    const controller = controllerRef.current;
    if (!controller || !store) return;
    handlers.current.onPointAt(controller.characterAt(event.clientX, event.clientY), event.clientX, event.clientY);
  };

  return (
    <section className="article-region" id="article-text" aria-label="Article text" aria-busy={loading}>
      <div
        className="article-scroller"
        ref={scrollerRef}
        onClick={onClick}
      >
        {!store && <p className="article-empty">{loading ? 'Opening…' : 'Choose a document on the left to start reading.'}</p>}
        <div ref={pageRef} className={store ? 'article-page' : 'article-page article-page-hidden'}>
          <LexicalComposer initialConfig={EDITOR_CONFIG}>
            <PlainTextPlugin
              contentEditable={
                <ContentEditable
                  className="article-text"
                  // Not "true": on every commit React walks the whole of a focused
                  // contenteditable="true" to save and restore the selection, which costs
                  // milliseconds on a long article. Nothing is typed here anyway.
                  contentEditable="plaintext-only"
                  // Explicit, so tools that only count native controls see the article as focusable.
                  tabIndex={0}
                  ariaLabel="Article"
                  aria-readonly
                  ariaMultiline
                  spellCheck={false}
                  autoCorrect="off"
                  autoCapitalize="off"
                />
              }
              ErrorBoundary={LexicalErrorBoundary}
            />
            <ArticleBridge store={store} controllerRef={controllerRef} scrollerRef={scrollerRef} handlers={handlers} />
          </LexicalComposer>
          {store && <SpanHandles store={store} controllerRef={controllerRef} pageRef={pageRef} callbacks={handlers} />}
        </div>
      </div>
      {store && <Legend />}
    </section>
  );
});
