// Globals the Electron preload exposes (absent in the browser host).
import type { MarginaliaIpcBridge } from '../../shared/api';
import type { MarginaliaMenuBridge } from '../../shared/menu';

declare global {
  interface Window {
    marginalia?: MarginaliaIpcBridge;
    marginaliaMenu?: MarginaliaMenuBridge;
  }
}
