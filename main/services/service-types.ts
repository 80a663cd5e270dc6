// The host-agnostic core that both hosts (Electron IPC and the loopback HTTP host) call.
// Hosts add only what is theirs: dialogs, and how an export reaches the user.
import type { MarginaliaApi, ExportRequest, SessionInfo } from '../../shared/api';

export interface BuiltExport {
  /** Suggested file name, e.g. marginalia-<title>-2026-11-22.json */
  fileName: string;
  /** Pretty-printed JSON of an ExportFile. */
  content: string;
  documents: number;
  annotations: number;
}

/** Every API call that needs no host-specific UI, implemented once in main/services. */
export interface MarginaliaCore
  extends Omit<MarginaliaApi, 'chooseAndOpen' | 'exportAnnotations' | 'getSession'> {
  getSession(host: SessionInfo['host']): Promise<SessionInfo>;
  buildExport(request: ExportRequest): Promise<BuiltExport>;
  /** Reads settings.recentFolders/openSources; opens the sample corpus on first run. */
  openInitialCorpus(explicitPaths?: string[]): Promise<void>;
  /** Flushes pending writes; called before the host exits. */
  close(): Promise<void>;
}

/** The get/set surface shared by electron-store and conf, so services need neither. */
export interface SettingsBackend {
  get store(): Record<string, unknown>;
  set store(value: Record<string, unknown>);
  readonly path: string;
}
