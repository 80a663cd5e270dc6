// Uploading local files to the host (drag-and-drop, or the browser's file picker).
import { type ReactNode, useCallback, useRef } from 'react';
import type { UploadedFile } from '../../../shared/api';
import { isArticleFile, uploadBatches } from '../documents/file-upload';

export function useUploads(addFiles: (files: UploadedFile[]) => Promise<void>, say: (message: string | null) => void) {
  const inputRef = useRef<HTMLInputElement>(null);

  const upload = useCallback(
    async (files: File[]) => {
      const articles = files.filter((f) => isArticleFile(f.name));
      if (articles.length === 0) {
        say('Nothing to open: only .txt and .md files can be opened.');
        return;
      }
      say(`Opening ${articles.length} file${articles.length === 1 ? '' : 's'}…`);
      try {
        for await (const batch of uploadBatches(articles)) await addFiles(batch);
        say(null);
      } catch (e) {
        say(`Could not open the files: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    [addFiles, say],
  );

  const pickFiles = useCallback(() => inputRef.current?.click(), []);

  const fileInput: ReactNode = (
    <input
      ref={inputRef}
      type="file"
      multiple
      accept=".txt,.md,text/plain,text/markdown"
      hidden
      aria-hidden="true"
      tabIndex={-1}
      onChange={(event) => {
        const files = [...(event.target.files ?? [])];
        event.target.value = '';
        void upload(files);
      }}
    />
  );

  return { upload, pickFiles, fileInput };
}
