import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;
// MARGINALIA_OUT builds elsewhere than out/ (e.g. to test two builds side by side).
const out = process.env.MARGINALIA_OUT ?? 'out';

export default defineConfig({
  main: {
    build: {
      outDir: `${out}/main`,
      rollupOptions: {
        input: {
          // The Electron shell and the loopback browser host share one build.
          index: resolve(root, 'main/electron/main.ts'),
          server: resolve(root, 'main/web/server.ts'),
        },
        // Code both entries use (the core, shared/) goes in one chunk with a plain name.
        output: { chunkFileNames: 'chunks/core-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: `${out}/preload`,
      rollupOptions: {
        input: { index: resolve(root, 'main/electron/preload.ts') },
        // Sandboxed preloads cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, `${out}/renderer`),
      minify: true,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
