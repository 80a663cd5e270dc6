// Types for electron-fuses.mjs (electron-builder loads the hook as plain JavaScript).
import type { FuseV1Config, FuseV1Options } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';

export declare const FUSES: Record<FuseV1Options, boolean>;
export declare function packedBinaryPath(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>): string;
export declare function fuseConfig(context: Pick<AfterPackContext, 'electronPlatformName' | 'arch'>): FuseV1Config;
export default function afterPack(context: AfterPackContext): Promise<void>;
