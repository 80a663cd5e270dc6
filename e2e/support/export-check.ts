// Checks an exported file the way a consumer would: JSON Schema, then every quote against
// the text by code points (JS) and, where python3 exists, by Python slicing.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from '@playwright/test';
import type { ExportFile } from '../../shared/export-format';

/** The published schema of a file's version: 1 and 1.1 share one, 2 has its own. */
function schemaPath(version: unknown): string {
  return resolve(import.meta.dirname, `../../shared/schema/annotations.v${version === 2 ? 2 : 1}.schema.json`);
}

export function checkExportFile(path: string): ExportFile {
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath((data as { version?: unknown }).version), 'utf8')));
  expect(validate(data), JSON.stringify(validate.errors, null, 2)).toBe(true);
  const file = data as ExportFile;
  for (const doc of file.documents) {
    expect(doc.text, `document ${doc.fileName} carries its text`).toBeDefined();
    const codepoints = Array.from(doc.text ?? '');
    expect(codepoints.length).toBe(doc.length);
    for (const a of doc.annotations) {
      expect(codepoints.slice(a.start, a.end).join(''), `quote of ${a.id} in ${doc.fileName}`).toBe(a.quote);
    }
  }
  checkWithPython(path);
  return file;
}

function checkWithPython(path: string): void {
  const script = [
    'import json, sys',
    'data = json.load(open(sys.argv[1], encoding="utf-8"))',
    'bad = [a["id"] for d in data["documents"] for a in d["annotations"] if d["text"][a["start"]:a["end"]] != a["quote"]]',
    'print(len(bad)); sys.exit(1 if bad else 0)',
  ].join('\n');
  const result = spawnSync('python3', ['-c', script, path], { encoding: 'utf8' });
  if (result.error) {
    console.log(`python3 not available (${result.error.message}); Python slicing check skipped`);
    return;
  }
  expect(result.status, `python slicing mismatches: ${result.stdout}${result.stderr}`).toBe(0);
}
