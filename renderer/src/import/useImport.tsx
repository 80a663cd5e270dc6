// "Import annotations…": reads the chosen (or dropped) export file in the renderer, checks
// its size, and sends its text to the host. A bad file changes nothing; its message is shown.
import { type ReactNode, useCallback, useRef, useState } from 'react';
import type { ImportResult } from '../../../shared/api';
import { MAX_IMPORT_BYTES } from '../../../shared/import-format';
import { api } from '../api/api';

export type ImportOutcome = { kind: 'done'; fileName: string; result: ImportResult } | { kind: 'failed'; fileName: string; message: string };

export function isImportFile(name: string): boolean {
  return /\.json$/i.test(name);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `beforeImport` lets pending saves reach the host; `afterImport` reloads what the import changed. */
export function useImport(beforeImport: () => Promise<void>, afterImport: () => Promise<void>) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const importFile = useCallback(
    async (file: File) => {
      if (file.size > MAX_IMPORT_BYTES) {
        setOutcome({ kind: 'failed', fileName: file.name, message: `${file.name} is too large to import: ${megabytes(file.size)}, and imports are limited to ${megabytes(MAX_IMPORT_BYTES)}. Nothing was changed.` });
        return;
      }
      setBusy(true);
      try {
        const content = await file.text();
        await beforeImport();
        const result = await api.importAnnotations(content, file.name);
        await afterImport();
        setOutcome({ kind: 'done', fileName: file.name, result });
      } catch (e) {
        setOutcome({ kind: 'failed', fileName: file.name, message: e instanceof Error ? e.message : String(e) });
      } finally {
        setBusy(false);
      }
    },
    [beforeImport, afterImport],
  );

  const chooseImportFile = useCallback(() => inputRef.current?.click(), []);
  const closeOutcome = useCallback(() => setOutcome(null), []);

  const importInput: ReactNode = (
    <input
      ref={inputRef}
      type="file"
      accept=".json,application/json"
      hidden
      aria-label="Annotations file to import"
      tabIndex={-1}
      data-testid="import-file-input"
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (file) void importFile(file);
      }}
    />
  );

  return { importFile, chooseImportFile, importInput, outcome, closeOutcome, busy };
}
