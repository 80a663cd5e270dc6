// Builds the core for the browser host: settings through `conf` (electron-store's base, same
// file format and place as the desktop app: <dataDir>/config.json), annotations beside them.
import { createMarginaliaCore } from '../services/marginalia-core';
import type { MarginaliaCore } from '../services/service-types';
import { confSettingsBackend } from '../services/settings';

export interface WebCoreOptions {
  dataDir: string;
  sampleCorpusDir: string;
  /** The port it serves on, to name it in the data dir's lock. */
  port?: number;
}

export function openWebCore(options: WebCoreOptions): Promise<MarginaliaCore> {
  return createMarginaliaCore({
    dataDir: options.dataDir,
    // A factory, so the core can move an unparsable config.json aside before conf opens it.
    settingsBackend: confSettingsBackend(options.dataDir),
    sampleCorpusDir: options.sampleCorpusDir,
    program: `the browser host (npm run serve${options.port ? ` on port ${options.port}` : ''})`,
  });
}
