// Globals the Electron preload exposes (absent in the browser host).
import type { MarginaliaBridge } from '../../shared/api/bridge';
import type { MarginaliaMenuBridge } from '../../shared/menu';

declare global {
  interface Window {
    marginalia?: MarginaliaBridge;
    marginaliaMenu?: MarginaliaMenuBridge;
  }
}
