// Files and folders dropped anywhere on the window: articles are opened (uploaded to the host),
// a Marginalia export (.json) is imported.
import { useEffect, useRef, useState } from 'react';
import { DROPPABLE, filesFromDrop, isArticleFile, isExportFile } from '../documents/file-upload';

export interface SortedDrop {
  /** The export to import (one at a time: its result is a dialog). */
  exportFile: File | null;
  articles: File[];
  /** What to tell the analyst, if anything was left out. */
  message: string | null;
}

/** Which dropped files are opened, which one is imported, and what is said about the rest. */
export function sortDrop(files: readonly File[]): SortedDrop {
  const exports = files.filter((f) => isExportFile(f.name));
  const articles = files.filter((f) => isArticleFile(f.name));
  const exportFile = exports[0] ?? null;
  let message: string | null = null;
  if (!exportFile && articles.length === 0) message = `Nothing to open here: drop ${DROPPABLE}.`;
  else if (exports.length > 1) message = `Importing ${exportFile?.name ?? ''} only: drop one export at a time.`;
  return { exportFile, articles, message };
}

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** Returns whether files are being dragged over the window. */
export function useFileDrop(onFiles: (files: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const onFilesRef = useRef(onFiles);
  useEffect(() => {
    onFilesRef.current = onFiles;
  }, [onFiles]);

  useEffect(() => {
    let depth = 0;
    const onDragEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDragLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      filesFromDrop(event.dataTransfer).then(
        (files) => onFilesRef.current(files),
        () => onFilesRef.current([]),
      );
    };
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return dragging;
}
