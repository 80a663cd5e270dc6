// Writes the published JSON Schemas of the export from the zod schemas (npm run schema):
// annotations.v1.schema.json (versions 1 and 1.1) and annotations.v2.schema.json (version 2).
// A unit test fails if a committed file differs from what this would write.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED_SCHEMAS } from '../shared/export-format';

const SCHEMA_DIR = join(import.meta.dirname, '..', 'shared', 'schema');

mkdirSync(SCHEMA_DIR, { recursive: true });
for (const { file, generate } of PUBLISHED_SCHEMAS) {
  const path = join(SCHEMA_DIR, file);
  writeFileSync(path, `${JSON.stringify(generate(), null, 2)}\n`);
  console.log(`Wrote ${path}`);
}
