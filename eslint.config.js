// ESLint flat config. Beyond the recommended rules, `no-restricted-imports` keeps the layers
// honest: shared/ is pure, main/services and main/web never load electron, renderer/ never
// touches node or electron.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

const electronPaths = [
  { name: 'electron', message: 'Only main/electron may import electron.' },
  { name: 'electron-store', message: 'electron-store loads electron; take a SettingsBackend (conf in the browser host).' },
];
const nodePaths = nodeBuiltins.map((name) => ({ name, message: 'This layer must not use Node built-ins.' }));
const nodePattern = { group: ['node:*'], message: 'This layer must not use Node built-ins.' };
const reactPaths = ['react', 'react-dom', 'react/jsx-runtime'].map((name) => ({ name, message: 'shared/ must not depend on React.' }));

/** Relative imports that climb into one of the given top-level folders. */
function folderPattern(folders, message) {
  return { regex: `^(\\.\\./)+(${folders.join('|')})/`, message };
}

function restrict(paths, patterns) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

export default tseslint.config(
  { ignores: ['out/**', 'out-*/**', 'release/**', 'node_modules/**', 'playwright-report/**', 'test-results/**', 'dist/**', 'coverage/**', '.vite/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['main/**', 'scripts/**', 'e2e/**', 'bench/**', 'tests/**', '*.config.{js,ts,mjs}', '*.{js,mjs,cjs}', '.ci/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Playwright fixtures must destructure their first parameter, even when they use nothing.
    files: ['e2e/**'],
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },
  {
    files: ['renderer/**', 'bench/page/**'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['shared/**'],
    rules: restrict(
      [...electronPaths, ...nodePaths, ...reactPaths],
      [nodePattern, folderPattern(['main', 'renderer'], 'shared/ must not import from main/ or renderer/.')],
    ),
  },
  {
    files: ['main/services/**'],
    rules: restrict(electronPaths, [
      { group: ['electron/*', 'electron-store/*'], message: 'main/services must not load electron.' },
      folderPattern(['renderer'], 'main/services must not import from renderer/.'),
    ]),
  },
  {
    files: ['main/web/**'],
    rules: restrict(electronPaths, [
      { group: ['electron/*', 'electron-store/*'], message: 'The browser host must not load electron.' },
      folderPattern(['renderer', 'electron'], 'The browser host must not import from renderer/ or main/electron/.'),
    ]),
  },
  {
    // The sandboxed preload may require only 'electron': types from anywhere, values only
    // from dependency-free modules.
    files: ['main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'The sandboxed preload cannot load zod.', allowTypeImports: true }],
          patterns: [
            {
              regex: '^\\.\\./\\.\\./shared/(api|model|export-format|offsets|text|api-errors)$',
              message: 'The preload bundles to CJS requiring only electron; import values from shared/api-methods or shared/menu.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: restrict(
      [...electronPaths, ...nodePaths],
      [nodePattern, folderPattern(['main'], 'renderer/ talks to the host only through the typed API.')],
    ),
  },
  {
    // Renderer unit tests run a real host in-process (a core on a temp dir behind the web API
    // router), so they may import main/ and Node; the renderer's own code still may not.
    files: ['renderer/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrict(electronPaths, []),
  },
);
