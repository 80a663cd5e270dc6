// Commands from the Electron application menu (absent in the browser host).
import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../../shared/menu';

export interface MenuActions {
  openFolder: () => void;
  openFiles: () => void;
  exportAnnotations: () => void;
  importAnnotations: () => void;
}

export function useMenuCommands(actions: MenuActions): void {
  const actionsRef = useRef(actions);
  useEffect(() => {
    actionsRef.current = actions;
  }, [actions]);

  useEffect(() => {
    const menu = window.marginaliaMenu;
    if (!menu) return;
    return menu.onCommand((command: MenuCommand) => {
      const a = actionsRef.current;
      if (command === 'open-folder') a.openFolder();
      else if (command === 'open-files') a.openFiles();
      else if (command === 'export') a.exportAnnotations();
      else if (command === 'import') a.importAnnotations();
    });
  }, []);
}
