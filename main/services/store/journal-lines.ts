// Reading a journal: JSON Lines appended one fsynced line at a time. The last line may be torn
// by a crash (no newline, or garbage): it was never acknowledged, so it is dropped. Unreadable
// lines before a readable one are damage. Works on bytes so `keptBytes` is exact for truncation.
// Shared by the record store and the reader of the version-1 store. Pure.

export type LineParse<T> = { ok: true; value: T } | { ok: false; why: string };

export interface JournalLines<T> {
  /** The readable lines' values, in order (blank lines skipped). */
  values: T[];
  /** Bytes up to and including the last line kept; anything after it is a torn tail to drop. */
  keptBytes: number;
  /** Unreadable lines that are not the last one: the journal is damaged, not just torn. */
  badLines: { line: number; why: string }[];
}

export function parseJournalLines<T>(bytes: Uint8Array, parseLine: (text: string) => LineParse<T>): JournalLines<T> {
  const decoder = new TextDecoder('utf-8');
  const result: JournalLines<T> = { values: [], keptBytes: 0, badLines: [] };
  const pending: { line: number; why: string }[] = [];
  let start = 0;
  let lineNumber = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    if (newline === -1) break; // torn tail: no newline, never acknowledged
    lineNumber++;
    const text = decoder.decode(bytes.subarray(start, newline));
    start = newline + 1;
    if (text.replace(/\0/g, '').trim() === '') continue;
    const line = parseLine(text);
    if (!line.ok) {
      pending.push({ line: lineNumber, why: line.why });
      continue;
    }
    // A bad line followed by a good one is damage, not a torn tail.
    result.badLines.push(...pending);
    pending.length = 0;
    result.values.push(line.value);
    result.keptBytes = start;
  }
  // Exactly one unreadable last line (unterminated, or terminated garbage) is the torn tail of
  // the last, unacknowledged write. Anything more is damage.
  const tail = start < bytes.length ? decoder.decode(bytes.subarray(start)) : '';
  const hasTornTail = tail.replace(/\0/g, '').trim() !== '';
  result.badLines.push(...(hasTornTail ? pending : pending.slice(0, -1)));
  return result;
}
