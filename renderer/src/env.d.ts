// Globals the Electron preload exposes (absent in the browser host).
import type { MarginaliaApi } from '../../shared/api';
import type { MarginaliaMenuBridge } from '../../shared/menu';

declare global {
  interface Window {
    marginalia?: MarginaliaApi;
    marginaliaMenu?: MarginaliaMenuBridge;
  }
}
