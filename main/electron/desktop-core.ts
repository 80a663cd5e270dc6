// Builds the core for the desktop app: settings in electron-store (<userData>/config.json,
// the same file the browser host reads with conf), annotations beside them.
import Store from 'electron-store';
import { createMarginaliaCore } from '../services/marginalia-core';
import type { MarginaliaCore } from '../services/service-types';
import { withVerifiedWrites } from '../services/storage/verified-conf';

// electron-store writes through `atomically`; route it through the verified write path.
const VerifiedStore = withVerifiedWrites(Store);

export interface DesktopCoreOptions {
  dataDir: string;
  sampleCorpusDir: string;
}

export async function openDesktopCore(options: DesktopCoreOptions): Promise<{ core: MarginaliaCore; store: Store }> {
  let store: Store | undefined;
  const core = await createMarginaliaCore({
    dataDir: options.dataDir,
    // A factory, so the core can move an unparsable config.json aside before the store opens it.
    settingsBackend: () => {
      store = new VerifiedStore({ name: 'config', cwd: options.dataDir, clearInvalidConfig: false, configFileMode: 0o600 });
      return store;
    },
    sampleCorpusDir: options.sampleCorpusDir,
    program: 'the Marginalia desktop app',
  });
  // The same file also keeps the window bounds; the settings service preserves keys it does not own.
  if (!store) throw new Error('The settings file was not opened');
  return { core, store };
}
