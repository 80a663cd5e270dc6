// Decides whether a file's bytes are an article we can load, and decodes it with the
// project's text rules (UTF-8 with replacement, no BOM, LF line ends). Used for files on
// disk and for uploaded bytes alike, so both give the same document id.
import { createHash } from 'node:crypto';
import { normalizeText } from '../../shared/text';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
const SNIFF_BYTES = 8192;
const MAX_CONTROL_RATIO = 0.1;

export type DecodedFile =
  | { kind: 'text'; text: string; id: string; warnings: string[] }
  | { kind: 'skipped'; reason: string };

interface Magic {
  name: string;
  bytes: readonly number[];
  /** Where the signature starts (most are at 0). */
  at?: number;
  /** A second signature that must also match, for formats whose first bytes could be prose. */
  also?: Omit<Magic, 'name' | 'also'>;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** Signatures of common non-text formats that might carry a .txt or .md name by mistake. */
const MAGIC_NUMBERS: readonly Magic[] = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: ascii('GIF8') },
  { name: 'WebP image', bytes: ascii('RIFF'), also: { bytes: ascii('WEBP'), at: 8 } },
  { name: 'WAV audio', bytes: ascii('RIFF'), also: { bytes: ascii('WAVE'), at: 8 } },
  { name: 'TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'PDF document', bytes: ascii('%PDF-') },
  { name: 'ZIP archive (or a Word/Excel/EPUB file)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'GZIP archive', bytes: [0x1f, 0x8b] },
  { name: '7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'XZ archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'Zstandard archive', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: 'BZIP2 archive', bytes: [0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59] },
  { name: 'old Microsoft Office document', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: 'SQLite database', bytes: ascii('SQLite format 3\0') },
  { name: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'Mach-O executable', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { name: 'Mach-O executable', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { name: 'Java class file', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { name: 'WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'Ogg media', bytes: ascii('OggS') },
  { name: 'Matroska/WebM media', bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { name: 'MP4 media', bytes: [0x00, 0x00, 0x00], also: { bytes: ascii('ftyp'), at: 4 } },
];

function startsWithAt(bytes: Uint8Array, magic: Omit<Magic, 'name'>): boolean {
  const at = magic.at ?? 0;
  if (bytes.length < at + magic.bytes.length) return false;
  if (!magic.bytes.every((b, i) => bytes[at + i] === b)) return false;
  return magic.also ? startsWithAt(bytes, magic.also) : true;
}

/** The format name if the bytes start with a known non-text signature. */
export function knownBinaryFormat(bytes: Uint8Array): string | null {
  return MAGIC_NUMBERS.find((m) => startsWithAt(bytes, m))?.name ?? null;
}

function isAllowedControl(byte: number): boolean {
  return byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x0c;
}

/** Share of control bytes (other than tab, LF, CR, form feed) in the first 8 KB. */
export function controlByteRatio(bytes: Uint8Array): number {
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (sample.length === 0) return 0;
  let control = 0;
  for (const byte of sample) if ((byte < 0x20 && !isAllowedControl(byte)) || byte === 0x7f) control++;
  return control / sample.length;
}

function countOccurrences(text: string, char: string): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) count++;
  return count;
}

/** Replacement characters already present as real UTF-8 (EF BF BD) are not decoding errors. */
function countEncodedReplacementChars(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count++;
  }
  return count;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** SHA-256 (hex) of the normalized text's UTF-8 bytes: the document id. */
export function documentId(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The skipped-list reason for a file over MAX_FILE_BYTES, the same for disk and uploads. */
export function tooLargeReason(size: number): string {
  return `larger than 50 MB (${(size / 1024 / 1024).toFixed(1)} MB)`;
}

/** Applies the loading rules to one file's bytes. Never throws. */
export function decodeTextFile(bytes: Uint8Array): DecodedFile {
  if (bytes.length > MAX_FILE_BYTES) return { kind: 'skipped', reason: tooLargeReason(bytes.length) };
  if (bytes.length === 0) return { kind: 'skipped', reason: 'empty file' };
  const warnings: string[] = [];
  // A UTF-16 file with a byte order mark is text, but would look binary (half its bytes are 0).
  const utf16 = utf16Encoding(bytes);
  let raw: string;
  if (utf16) {
    raw = new TextDecoder(utf16, { ignoreBOM: true }).decode(bytes);
    warnings.push(`decoded as ${utf16.toUpperCase()} (it has a UTF-16 byte order mark), not UTF-8`);
  } else {
    const format = knownBinaryFormat(bytes);
    if (format) return { kind: 'skipped', reason: `binary file (${format})` };
    const ratio = controlByteRatio(bytes);
    if (ratio > MAX_CONTROL_RATIO) {
      return { kind: 'skipped', reason: `binary file (${Math.round(ratio * 100)}% control bytes in the first 8 KB)` };
    }
    raw = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
    const replaced = countOccurrences(raw, '\uFFFD') - countEncodedReplacementChars(bytes);
    if (replaced > 0) {
      warnings.push(`${plural(replaced, 'invalid UTF-8 byte sequence was', 'invalid UTF-8 byte sequences were')} replaced with “\uFFFD”`);
    }
  }
  const text = normalizeText(raw);
  if (text.trim() === '') return { kind: 'skipped', reason: text === '' ? 'empty file' : 'empty file (only whitespace)' };
  const nuls = countOccurrences(text, '\0');
  if (nuls > 0) warnings.push(`contains ${plural(nuls, 'NUL character', 'NUL characters')}`);
  return { kind: 'text', text, id: documentId(text), warnings };
}
