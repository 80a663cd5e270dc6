// The CSV export: one row per live span, for spreadsheets and scripts. RFC 4180: comma separated,
// CRLF after every record, a field in double quotes when it holds a comma, a double quote, a line
// break or leading/trailing spaces, and a double quote inside doubled. UTF-8 without a byte-order
// mark. Offsets count Unicode code points, end-exclusive, as in the JSON export, so
// `text[start:end] == quote` in Python. No library: the whole of the format is `csvField` below,
// and a dependency would bring streams and options we do not need.
import type { MarginaliaRecord, SpanRecord } from '../../shared/model/records';
import { OffsetConverter } from '../../shared/offsets';

export const CSV_COLUMNS = [
  'document_title',
  'file_name',
  'document_id',
  'start',
  'end',
  'quote',
  'tag',
  'author',
  'note',
  'span_id',
  'author_id',
  'created_at',
  'updated_at',
] as const;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field, quoted when RFC 4180 needs it (and when it starts or ends with a space). */
export function csvField(value: string | number): string {
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, ending with CRLF. */
export function csvLine(values: readonly (string | number)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function csvHeader(): string {
  return csvLine(CSV_COLUMNS);
}

export interface CsvDocument {
  id: string;
  title: string;
  fileName: string;
  text: string;
}

function textOrder(a: SpanRecord, b: SpanRecord): number {
  return a.target.start - b.target.start || b.target.end - a.target.end || a.id.localeCompare(b.id);
}

/**
 * The rows of one document: its live spans in text order. Throws when a span's quote is not the
 * text at its offsets (a bug in Marginalia: nothing is written then).
 */
export function csvRowsOf(doc: CsvDocument, records: readonly MarginaliaRecord[]): { rows: string; count: number } {
  const spans = records.filter((r): r is SpanRecord => r.kind === 'span' && !r.deleted).sort(textOrder);
  if (spans.length === 0) return { rows: '', count: 0 };
  const converter = new OffsetConverter(doc.text);
  let rows = '';
  for (const span of spans) {
    const { start, end, quote } = span.target;
    if (doc.text.slice(start, end) !== quote) {
      throw new Error(`The CSV export failed its own check, so it was not written (this is a bug in Marginalia): span ${span.id} of “${doc.title}” does not match the text at its offsets`);
    }
    rows += csvLine([
      doc.title,
      doc.fileName,
      doc.id,
      converter.toCodepoint(start),
      converter.toCodepoint(end),
      quote,
      span.tag,
      span.creator.name,
      span.note,
      span.id,
      span.creator.id,
      span.createdAt,
      span.updatedAt,
    ]);
  }
  return { rows, count: spans.length };
}
