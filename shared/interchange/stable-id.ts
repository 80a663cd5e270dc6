// Deterministic ids for records derived from older data (a review embedded in a format-1.1
// annotation becomes a record of its own): the same input gives the same id on every machine
// and at every run, so converting twice, or importing the same file twice, changes nothing.
// FNV-1a over UTF-16 code units, 2 × 32 bits. Pure.

function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function stableId(prefix: string, ...parts: string[]): string {
  const joined = parts.join('\u0000');
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return `${prefix}-${hex(fnv1a(joined, 0x811c9dc5))}${hex(fnv1a(joined, 0x050c5d1f))}`;
}
