// Types for electron-binary.mjs (run by `npm start` with plain Node).
export type InstallerResult = { exitCode: number; output: string };
export type ElectronDecision =
  | { kind: 'ready'; binary: string; installed: boolean }
  | { kind: 'unavailable'; reason: string; message: string };

export declare const SERVE_HINT: string;
export declare function findElectronBinary(require?: NodeJS.Require): string | null;
export declare function electronInstallerPath(require?: NodeJS.Require): string | null;
export declare function explainInstallFailure(output: string | null | undefined, exitCode: number): string;
export declare function ensureElectron(io: {
  findBinary: () => string | null;
  runInstaller: () => Promise<InstallerResult>;
  log: (line: string) => void;
}): Promise<ElectronDecision>;
export declare function runElectronInstaller(installer?: string | null, env?: NodeJS.ProcessEnv, terminal?: 'inherit' | 'ignore'): Promise<InstallerResult>;
