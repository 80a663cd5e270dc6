// Text normalization rules shared by the loader and the tests.

/** Strips a BOM and turns CRLF (and lone CR) into LF. The result is the immutable document text. */
export function normalizeText(raw: string): string {
  const noBom = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return noBom.replace(/\r\n?/g, '\n');
}

/** The first non-empty line, trimmed, without a Markdown heading marker, shortened for display. */
export function titleOf(text: string, fallback: string): string {
  for (const line of text.split('\n', 200)) {
    const trimmed = line.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/\s+/g, ' ').trim();
    if (trimmed) return trimmed.length > 200 ? `${trimmed.slice(0, 199)}…` : trimmed;
  }
  return fallback;
}

/** Paragraph start offsets (UTF-16) for text split on LF: one paragraph per line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
