// The Electron configuration, checked on the output of `electron-vite build` (no Electron
// binary needed): the preload is CommonJS requiring only electron, every window is isolated
// and sandboxed, a CSP is set (meta tag and response header), and navigation and new windows
// are refused. Assertions read the built files' syntax trees, not the sources.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import vm from 'node:vm';
import { expect, test } from '@playwright/test';
import ts from 'typescript';
import { API_METHOD_NAMES } from '../../shared/api-methods';
import { compactText, findAll, importOf, literalProperty, methodCalls, objectProperty, parseBuiltJs } from './built-js';

const OUT = resolve(import.meta.dirname, '../../out');
const PRELOAD = join(OUT, 'preload/index.cjs');
const MAIN = join(OUT, 'main/index.js');
const RENDERER_HTML = join(OUT, 'renderer/index.html');

test.beforeAll(() => {
  for (const path of [PRELOAD, MAIN, RENDERER_HTML]) expect(existsSync(path), `${path} exists (run \`npm run build\`)`).toBe(true);
});

/** CSP directives as a map: "script-src" -> ["'self'"]. */
function directives(policy: string): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) parsed.set(name.toLowerCase(), values);
  }
  return parsed;
}

function expectStrictPolicy(policy: string, where: string): void {
  const csp = directives(policy);
  expect(csp.get('default-src'), `${where}: default-src`).toEqual(["'self'"]);
  expect(csp.get('script-src'), `${where}: script-src (no inline, no eval)`).toEqual(["'self'"]);
  expect(csp.get('object-src'), `${where}: object-src`).toEqual(["'none'"]);
  expect(csp.get('base-uri'), `${where}: base-uri`).toEqual(["'none'"]);
  for (const [name, values] of csp) {
    expect(values.filter((v) => /unsafe-eval|^\*$|^https?:$|^data:$/.test(v) && name !== 'img-src'), `${where}: ${name}`).toEqual([]);
  }
}

/** Evaluates a constant made of string literals: "a", `b`, or ["a", "b"].join("; "). */
function constantString(file: ts.SourceFile, name: string): string | undefined {
  const declaration = findAll(file, ts.isVariableDeclaration).find((d) => ts.isIdentifier(d.name) && d.name.text === name);
  const init = declaration?.initializer;
  if (!init) return undefined;
  if (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init)) return init.text;
  if (ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && init.expression.name.text === 'join') {
    const list = init.expression.expression;
    const separator = init.arguments[0];
    if (ts.isArrayLiteralExpression(list) && separator && ts.isStringLiteral(separator) && list.elements.every(ts.isStringLiteral)) {
      return list.elements.map((e) => (e as ts.StringLiteral).text).join(separator.text);
    }
  }
  return undefined;
}

/** Follows `name` in `file` to its constant value, through one import from a built chunk. */
function resolveConstant(path: string, name: string): string | undefined {
  const file = parseBuiltJs(path);
  const local = constantString(file, name);
  if (local !== undefined) return local;
  const imported = importOf(file, name);
  if (!imported || !imported.module.startsWith('.')) return undefined;
  const chunkPath = resolve(dirname(path), imported.module);
  const chunk = parseBuiltJs(chunkPath);
  // `export { CONTENT_SECURITY_POLICY as C }`: find the local name behind the exported one.
  const specifier = findAll(chunk, ts.isExportSpecifier).find((s) => s.name.text === imported.exported);
  return constantString(chunk, (specifier?.propertyName ?? specifier?.name)?.text ?? imported.exported);
}

test.describe('preload (out/preload/index.cjs)', () => {
  test('is CommonJS that requires only "electron", statically and when run', () => {
    const file = parseBuiltJs(PRELOAD);
    expect(findAll(file, ts.isImportDeclaration), 'no import statements').toEqual([]);
    expect(findAll(file, ts.isExportDeclaration), 'no export statements').toEqual([]);
    const calls = findAll(file, ts.isCallExpression);
    expect(calls.filter((c) => c.expression.kind === ts.SyntaxKind.ImportKeyword), 'no import()').toEqual([]);
    const requires = calls.filter((c) => ts.isIdentifier(c.expression) && c.expression.text === 'require');
    expect(requires.map((c) => compactText(c))).toEqual(requires.map(() => 'require("electron")'));
    expect(requires.length).toBeGreaterThan(0);

    // Run it as Node would run a CJS module (ESM syntax would not even compile here).
    const code = readFileSync(PRELOAD, 'utf8');
    const wrapper = vm.runInNewContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {}, { filename: PRELOAD }) as (
      ...args: unknown[]
    ) => void;
    const required: string[] = [];
    const exposed = new Map<string, Record<string, unknown>>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: Record<string, unknown>) => exposed.set(key, value) },
      ipcRenderer: { invoke: async () => ({ result: null }), on: () => undefined, removeListener: () => undefined },
    };
    const fakeRequire = (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`the preload required ${id}`);
      return electron;
    };
    wrapper({}, fakeRequire, { exports: {} }, PRELOAD, dirname(PRELOAD));
    expect([...new Set(required)]).toEqual(['electron']);
    expect([...exposed.keys()].sort()).toEqual(['marginalia', 'marginaliaMenu']);
    expect(Object.keys(exposed.get('marginalia') ?? {}).sort()).toEqual([...API_METHOD_NAMES].sort());
  });
});

test.describe('main process (out/main/index.js)', () => {
  test('every BrowserWindow is context-isolated and sandboxed, without Node, and uses the built preload', () => {
    const file = parseBuiltJs(MAIN);
    const windows = findAll(file, ts.isNewExpression).filter((n) => ts.isIdentifier(n.expression) && n.expression.text === 'BrowserWindow');
    expect(windows.length).toBeGreaterThan(0);
    for (const created of windows) {
      const options = created.arguments?.[0];
      expect(options && ts.isObjectLiteralExpression(options), 'options are an object literal').toBe(true);
      const prefs = objectProperty(options as ts.ObjectLiteralExpression, 'webPreferences');
      expect(prefs, 'webPreferences are set').toBeDefined();
      if (!prefs) continue;
      expect(literalProperty(prefs, 'contextIsolation')).toBe(true);
      expect(literalProperty(prefs, 'sandbox')).toBe(true);
      expect(literalProperty(prefs, 'nodeIntegration')).toBe(false);
      expect(literalProperty(prefs, 'nodeIntegrationInWorker') ?? false).toBe(false);
      expect(literalProperty(prefs, 'webSecurity') ?? true).toBe(true);
      expect(literalProperty(prefs, 'webviewTag') ?? false).toBe(false);
      expect(prefs.properties.some((p) => p.name?.getText() === 'preload'), 'a preload is given').toBe(true);
    }
    expect(readFileSync(MAIN, 'utf8')).toContain('"../preload/index.cjs"');
  });

  test('no built main file weakens those settings anywhere', () => {
    const dir = join(OUT, 'main');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    for (const name of files) {
      const code = readFileSync(join(dir, name), 'utf8');
      expect(code, name).not.toMatch(/contextIsolation:\s*false|sandbox:\s*false|nodeIntegration:\s*true|webSecurity:\s*false|allowRunningInsecureContent:\s*true/);
    }
  });

  test('navigation and new windows are refused for every web contents', () => {
    const file = parseBuiltJs(MAIN);
    const created = methodCalls(file, 'on', 'web-contents-created');
    expect(created.length).toBeGreaterThan(0);
    const handlerScope = created[0] as ts.CallExpression;
    const navigate = methodCalls(handlerScope, 'on', 'will-navigate');
    expect(navigate.map((c) => compactText(c.arguments[1] as ts.Node))).toEqual([expect.stringContaining('preventDefault()')]);
    const openHandler = methodCalls(handlerScope, 'setWindowOpenHandler');
    expect(openHandler.map((c) => compactText(c.arguments[0] as ts.Node))).toEqual([expect.stringMatching(/action: "deny"/)]);
    // The function that registers them runs at startup.
    let scope: ts.Node | undefined = handlerScope;
    while (scope && !ts.isFunctionDeclaration(scope)) scope = scope.parent;
    const registrar = scope && ts.isFunctionDeclaration(scope) ? scope.name?.text : undefined;
    if (registrar) {
      const invoked = findAll(file, ts.isCallExpression).some((c) => ts.isIdentifier(c.expression) && c.expression.text === registrar);
      expect(invoked, `${registrar}() is called`).toBe(true);
    }
  });

  test('responses carry a strict Content-Security-Policy header', () => {
    const file = parseBuiltJs(MAIN);
    const hooks = methodCalls(file, 'onHeadersReceived');
    expect(hooks.length).toBeGreaterThan(0);
    const header = findAll(hooks[0] as ts.Node, ts.isPropertyAssignment).find((p) => ts.isStringLiteral(p.name) && p.name.text === 'Content-Security-Policy');
    expect(header, 'the hook sets Content-Security-Policy').toBeDefined();
    const value = header?.initializer;
    const element = value && ts.isArrayLiteralExpression(value) ? value.elements[0] : value;
    const policy = element && ts.isStringLiteral(element) ? element.text : element && ts.isIdentifier(element) ? resolveConstant(MAIN, element.text) : undefined;
    expect(policy, 'the header value resolves to a constant').toBeDefined();
    expectStrictPolicy(policy ?? '', 'response header');
    expect(directives(policy ?? '').get('frame-ancestors')).toEqual(["'none'"]);
  });
});

test.describe('renderer (out/renderer/index.html)', () => {
  test('has a strict CSP meta tag and no inline script', () => {
    const html = readFileSync(RENDERER_HTML, 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta, 'CSP meta tag').not.toBeNull();
    expectStrictPolicy(meta?.[1] ?? '', 'meta tag');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes, 'scripts load from files').toMatch(/\bsrc="\.\/assets\/[^"]+\.js"/);
      expect(body?.trim()).toBe('');
    }
  });
});
