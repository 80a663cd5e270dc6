// The host-agnostic core that both hosts (Electron IPC and the loopback HTTP host) call.
// Hosts add only what is theirs: dialogs, and how an export reaches the user.
import type { CorpusStatus, ExportRequest } from '../../shared/api';
import type { ApiHandlers } from '../../shared/api/contract';
import type { MarginaliaEvent } from '../../shared/api/events';

export interface BuiltExport {
  /** Suggested file name, e.g. marginalia-<title>-2026-11-22.json */
  fileName: string;
  /** Pretty-printed JSON of an ExportFile. */
  content: string;
  documents: number;
  annotations: number;
}

/**
 * Every API call, implemented once in main/services. Where a host has its own way (a dialog, a
 * file written where the analyst chose), it overrides that entry (see api/dispatch.ts): here
 * chooseAndOpen answers null (the UI asks for a path) and exportAnnotations returns the content.
 */
export interface MarginaliaCore extends ApiHandlers {
  buildExport(request: ExportRequest): Promise<BuiltExport>;
  /** Calls `listener` with every event for the windows; returns an unsubscribe function. */
  onEvent(listener: (event: MarginaliaEvent) => void): () => void;
  /**
   * Opens `explicitPaths` if given, else settings.openSources, else the sample corpus (first
   * run). Like openPaths it only starts the load; await whenLoaded() to wait for it.
   */
  openInitialCorpus(explicitPaths?: string[]): Promise<void>;
  /** Resolves with the corpus status once every load started so far has finished. */
  whenLoaded(): Promise<CorpusStatus>;
  /** Flushes pending writes; called before the host exits. */
  close(): Promise<void>;
}

/** The get/set surface shared by electron-store and conf, so services need neither. */
export interface SettingsBackend {
  get store(): Record<string, unknown>;
  set store(value: Record<string, unknown>);
  readonly path: string;
}
