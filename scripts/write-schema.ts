// Writes the published JSON Schema of the export from the zod schema (npm run schema).
// A unit test fails if the committed file differs from what this would write.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportJsonSchema } from '../shared/export-format';

const SCHEMA_PATH = join(import.meta.dirname, '..', 'shared', 'schema', 'annotations.v1.schema.json');

function schemaFileContent(): string {
  return `${JSON.stringify(exportJsonSchema(), null, 2)}\n`;
}

mkdirSync(dirname(SCHEMA_PATH), { recursive: true });
writeFileSync(SCHEMA_PATH, schemaFileContent());
console.log(`Wrote ${SCHEMA_PATH}`);
