// buildExportFile's own checks (schema and offsets) and the compact layout of large exports.
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../shared/model';
import type { AnnotationStore } from './annotation-store';
import type { LoadedDocument } from './corpus-loader';
import { buildExportFile, serializeExport } from './export-service';
import { makeAnnotation } from './test-support';

const DOC = { id: 'c'.repeat(64), title: 'Floods', fileName: 'floods.txt', text: 'Floods 📍 reached Lesnaya on Monday.' };

function exportOf(annotations: Annotation[]) {
  const store = { list: async () => annotations } as unknown as AnnotationStore;
  return buildExportFile({
    request: { scope: 'all', includeText: true },
    documents: [DOC as unknown as LoadedDocument],
    store,
    exportedBy: 'Ana',
    now: new Date('2026-03-14T10:00:00Z'),
  });
}

describe('buildExportFile', () => {
  it('exports consistent annotations with code point offsets', async () => {
    const built = await exportOf([makeAnnotation(DOC, 10, 17)]);
    const file = JSON.parse(built.content);
    expect(file.documents[0].annotations[0]).toMatchObject({ start: 9, end: 16, quote: 'reached' });
    expect(built.content).toContain('\n  "format"'); // small: pretty-printed
  });

  it('refuses an export with offsets beyond the text', async () => {
    const bad = { ...makeAnnotation(DOC, 10, 17), end: DOC.text.length + 5 };
    await expect(exportOf([bad])).rejects.toThrow(/failed its own checks.*end \d+ is beyond the document length/);
  });

  it('refuses an export that does not conform to the schema', async () => {
    const bad = { ...makeAnnotation(DOC, 10, 17), author: '' };
    await expect(exportOf([bad])).rejects.toThrow(/failed its own checks.*author/);
  });
});

describe('serializeExport', () => {
  it('writes large exports compact, on one line, with the same content', () => {
    const file = { format: 'marginalia/annotations', documents: [{ id: 'x', annotations: [] }] };
    const compact = serializeExport(file, 10);
    expect(compact).toBe(`${JSON.stringify(file)}\n`);
    expect(JSON.parse(serializeExport(file))).toEqual(JSON.parse(compact));
    expect(serializeExport(file)).toBe(`${JSON.stringify(file, null, 2)}\n`);
  });
});
