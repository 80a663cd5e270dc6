// Files uploaded through the UI (drag-and-drop in the browser host) are saved into
// dataDir/documents under a safe name, so they load again at every start like any corpus file.
import { extname, join } from 'node:path';
import { isTextFileName } from './corpus-loader';
import { exists } from './fs-safety';
import { replaceFile } from './storage/durable-write';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;
const MAX_NAME_LENGTH = 100;

/**
 * A file name that is safe on every OS and that the loader will pick up: no folders, no
 * leading dot, only letters, digits and a few punctuation marks, ending in .txt or .md.
 */
export function safeFileName(uploadedName: string): string {
  const lastPart = uploadedName.split(/[\\/]/).pop() ?? '';
  let name = lastPart
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]+/gu, '_')
    .replace(/^[ .]+|[ .]+$/g, '');
  if (!isTextFileName(name)) name = `${name || 'document'}.txt`;
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (name.length > MAX_NAME_LENGTH) {
    const ext = extname(name);
    name = name.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return name;
}


/** Saves the uploaded bytes (fsynced and verified) under a free safe name in `dir`; returns the full path. */
export async function saveUpload(dir: string, uploadedName: string, bytes: Uint8Array): Promise<string> {
  const name = safeFileName(uploadedName);
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let target = join(dir, name);
  for (let n = 2; await exists(target); n++) target = join(dir, `${stem}-${n}${ext}`);
  await replaceFile(target, bytes);
  return target;
}
