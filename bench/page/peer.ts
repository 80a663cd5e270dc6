// Peer: @recogito/text-annotator over the same paragraphs, loading the same spans.
import { type TextAnnotation, type TextAnnotationLike, createTextAnnotator } from '@recogito/text-annotator';
import '@recogito/text-annotator/text-annotator.css';
import { type BenchSpan, TAG_COLOURS, loadData, markAfterNextPaint, renderParagraphs, requireElement } from './shared-page';

function toPeerAnnotation(span: BenchSpan, text: string): TextAnnotation {
  return {
    id: span.id,
    bodies: [{ id: `${span.id}-tag`, annotation: span.id, purpose: 'tagging', value: span.type }],
    target: { annotation: span.id, selector: [{ quote: text.slice(span.start, span.end), start: span.start, end: span.end }] },
  } as unknown as TextAnnotation; // ranges are revived by the library from start/end
}

function tagOf(annotation: TextAnnotationLike): BenchSpan['type'] {
  const value = annotation.bodies.find((b) => b.purpose === 'tagging')?.value;
  return value === 'source' || value === 'figure' || value === 'place' ? value : 'claim';
}

requireElement('open').addEventListener('click', () => {
  void loadData().then((data) => {
    const container = requireElement('article');
    renderParagraphs(container, data.text);
    const annotator = createTextAnnotator(container, {
      style: (annotation: TextAnnotationLike) => ({ fill: TAG_COLOURS[tagOf(annotation)], fillOpacity: 0.45 }),
    });
    let opened = false;
    let created = false;
    annotator.on('createAnnotation', () => {
      created = true;
    });
    annotator.renderer.on('onRedraw', () => {
      // The redraw that follows the load, then each one that follows a new annotation.
      if (!opened) {
        opened = true;
        markAfterNextPaint('bench:ready');
      } else if (created) {
        created = false;
        performance.clearMarks('bench:annotation-painted');
        performance.mark('bench:annotation-painted');
      }
    });
    annotator.setAnnotations(data.spans.map((span) => toPeerAnnotation(span, data.text)));
  });
});
