// The Electron configuration, checked on the output of `electron-vite build` (no Electron
// binary needed): the preload is CommonJS requiring only electron, every window is isolated
// and sandboxed, a CSP is set (meta tag and response header), navigation and new windows are
// refused, the renderer is served on a privileged app:// scheme (never file:// or a URL from
// the environment), and packaging flips Electron's fuses. Assertions read the built files'
// syntax trees, not the sources, and the packaging config as electron-builder reads it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { FuseV1Options } from '@electron/fuses';
import { expect, test } from '@playwright/test';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { resolveFunction } from 'app-builder-lib/out/util/resolve.js';
import { DebugLogger } from 'builder-util';
import { Arch } from 'electron-builder';
import ts from 'typescript';
import {
  callsOf,
  compactText,
  enclosingFunctionName,
  findAll,
  importOf,
  literalProperty,
  methodCalls,
  objectProperty,
  parseBuiltJs,
  propertyName,
  runsAtModuleLoad,
} from './built-js';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'out');
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

/** A string literal, or a constant the built main file names (followed into a chunk). */
function stringValue(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return ts.isIdentifier(node) ? resolveConstant(MAIN, node.text) : undefined;
}

function initializerOf(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const property = object.properties.find((p) => propertyName(p) === name);
  return property && ts.isPropertyAssignment(property) ? property.initializer : undefined;
}

function functionNamed(file: ts.SourceFile, name: string): ts.FunctionDeclaration | undefined {
  return findAll(file, ts.isFunctionDeclaration).find((f) => f.name?.text === name);
}

function objectConstant(file: ts.SourceFile, name: string): ts.ObjectLiteralExpression | undefined {
  const init = findAll(file, ts.isVariableDeclaration).find((d) => ts.isIdentifier(d.name) && d.name.text === name)?.initializer;
  return init && ts.isObjectLiteralExpression(init) ? init : undefined;
}

const APP_INDEX = 'app://marginalia/index.html';

test.describe('preload (out/preload/index.cjs)', () => {
  test('is CommonJS that requires only "electron", statically and when run', async () => {
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
      ipcRenderer: { invoke: async (..._args: unknown[]) => ({ result: null }), on: () => undefined, removeListener: () => undefined },
    };
    const fakeRequire = (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`the preload required ${id}`);
      return electron;
    };
    wrapper({}, fakeRequire, { exports: {} }, PRELOAD, dirname(PRELOAD));
    expect([...new Set(required)]).toEqual(['electron']);
    expect([...exposed.keys()].sort()).toEqual(['marginalia', 'marginaliaMenu']);
    // One generic call and the event feed: the typed API is derived from the contract in the renderer.
    expect(Object.keys(exposed.get('marginalia') ?? {}).sort()).toEqual(['call', 'onEvent']);
    const invoked: unknown[][] = [];
    electron.ipcRenderer.invoke = async (...args: unknown[]) => {
      invoked.push(args);
      return { result: null };
    };
    const bridge = exposed.get('marginalia') as { call: (m: string, a: unknown[], c: string) => Promise<unknown> };
    await bridge.call('getSession', [], 'client-1');
    expect(invoked).toEqual([['marginalia:call', 'getSession', [], 'client-1']]);
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

test.describe('app:// scheme (out/main)', () => {
  test('is registered as privileged (standard, secure, fetch; nothing more) as the module loads, before ready', () => {
    const file = parseBuiltJs(MAIN);
    const registrations = methodCalls(file, 'registerSchemesAsPrivileged');
    expect(registrations).toHaveLength(1);
    const call = registrations[0] as ts.CallExpression;
    const list = call.arguments[0];
    expect(list && ts.isArrayLiteralExpression(list) && list.elements.length, 'one scheme, in an array literal').toBe(1);
    const entry = (list as ts.ArrayLiteralExpression).elements[0] as ts.Expression;
    expect(ts.isObjectLiteralExpression(entry)).toBe(true);
    const scheme = entry as ts.ObjectLiteralExpression;
    expect(stringValue(initializerOf(scheme, 'scheme'))).toBe('app');
    const privileges = objectProperty(scheme, 'privileges');
    expect(privileges, 'privileges are an object literal').toBeDefined();
    // No bypassCSP, corsEnabled, allowServiceWorkers, stream...: exactly these three.
    const granted = Object.fromEntries((privileges?.properties ?? []).map((p) => [propertyName(p) ?? p.getText(), literalProperty(privileges as ts.ObjectLiteralExpression, propertyName(p) ?? '')]));
    expect(granted).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    // Registration only works before ready: the call (or the function making it) runs at load.
    const registrar = enclosingFunctionName(call);
    const loadTimeCalls = registrar ? callsOf(file, registrar).filter(runsAtModuleLoad) : [call].filter(runsAtModuleLoad);
    expect(loadTimeCalls.length, `${registrar ?? 'registerSchemesAsPrivileged'}() runs as the module loads`).toBeGreaterThan(0);
  });

  test('is answered by protocol.handle from out/renderer only (the path-checked lookup), with the CSP on every answer', () => {
    const file = parseBuiltJs(MAIN);
    const handlers = methodCalls(file, 'handle').filter((c) => stringValue(c.arguments[0]) === 'app');
    expect(handlers).toHaveLength(1);
    const handler = handlers[0] as ts.CallExpression;
    const installer = enclosingFunctionName(handler);
    expect(installer && callsOf(file, installer).length, `${installer}() is called`).toBeGreaterThan(0);
    // The installer is given out/renderer, next to out/main.
    const dirs = callsOf(file, installer ?? '').map((c) => c.arguments[0]?.getText() ?? '');
    const dirDeclarations = findAll(file, ts.isVariableDeclaration).filter((d) => dirs.includes(d.name.getText()));
    expect(dirDeclarations.map((d) => compactText(d.initializer as ts.Node))).toEqual([expect.stringMatching(/^join\(\w+, "\.\.\/renderer"\)$/)]);

    // The callback delegates to a responder declared in this file, which reads files with lookupStatic.
    const callback = handler.arguments[1] as ts.Node;
    const delegates = findAll(callback, ts.isCallExpression).flatMap((c) => (ts.isIdentifier(c.expression) ? [c.expression.text] : []));
    const responder = delegates.map((name) => functionNamed(file, name)).find((f) => f !== undefined);
    expect(responder, 'the handler calls a function declared in out/main/index.js').toBeDefined();
    if (!responder) return;
    expect(callsOf(responder, 'lookupStatic').length, 'files are read through lookupStatic').toBeGreaterThan(0);
    expect(importOf(file, 'lookupStatic')?.module).toMatch(/^\.\/chunks\//);

    // Every `headers` object the responder (or a helper it calls) builds spreads one constant with the strict CSP.
    const reached = [responder, ...findAll(responder, ts.isCallExpression).flatMap((c) => (ts.isIdentifier(c.expression) ? [functionNamed(file, c.expression.text)] : []))].filter(
      (f): f is ts.FunctionDeclaration => f !== undefined,
    );
    const headerObjects = reached.flatMap((f) => findAll(f, ts.isPropertyAssignment).filter((p) => propertyName(p) === 'headers').map((p) => p.initializer));
    expect(headerObjects.length).toBeGreaterThanOrEqual(2); // the file, and refusals
    for (const headers of headerObjects) {
      expect(ts.isObjectLiteralExpression(headers), compactText(headers)).toBe(true);
      const spreads = (headers as ts.ObjectLiteralExpression).properties.filter(ts.isSpreadAssignment).map((s) => s.expression.getText());
      expect(spreads, compactText(headers)).toHaveLength(1);
      const common = objectConstant(file, spreads[0] ?? '');
      const csp = common && initializerOf(common, 'Content-Security-Policy');
      expect(csp && ts.isIdentifier(csp), `${spreads[0]} sets Content-Security-Policy to a constant`).toBe(true);
      const policy = csp && ts.isIdentifier(csp) ? resolveConstant(MAIN, csp.text) : undefined;
      expectStrictPolicy(policy ?? '', 'app:// response header');
    }
  });

  test('the window loads app://marginalia/index.html: no loadFile, no file:// URL, nothing from ELECTRON_RENDERER_URL', () => {
    const dir = join(OUT, 'main');
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
      const path = join(dir, name);
      expect(readFileSync(path, 'utf8'), name).not.toContain('ELECTRON_RENDERER_URL');
      const file = parseBuiltJs(path);
      expect(methodCalls(file, 'loadFile').map(compactText), `${name}: loadFile`).toEqual([]);
      const fileUrls = findAll(file, (n): n is ts.StringLiteralLike => ts.isStringLiteralLike(n)).filter((n) => /^file:/i.test(n.text));
      expect(fileUrls.map((n) => n.text), `${name}: file: URLs`).toEqual([]);
    }
    const loads = methodCalls(parseBuiltJs(MAIN), 'loadURL');
    expect(loads.length).toBeGreaterThan(0);
    expect(loads.map((c) => stringValue(c.arguments[0]))).toEqual(loads.map(() => APP_INDEX));
  });

  test('IPC trusts exactly the app:// page', () => {
    const file = parseBuiltJs(MAIN);
    const registrations = callsOf(file, 'registerIpcHandlers');
    expect(registrations).toHaveLength(1);
    const options = registrations[0]?.arguments[0];
    const renderer = options && ts.isObjectLiteralExpression(options) ? objectProperty(options, 'renderer') : undefined;
    expect(renderer?.properties.map((p) => propertyName(p))).toEqual(['indexUrl']);
    expect(stringValue(renderer && initializerOf(renderer, 'indexUrl'))).toBe(APP_INDEX);
  });
});

test.describe('packaging (electron-builder.yml)', () => {
  test('electron-builder runs the fuses hook: no Node-style launch or inspection, asar only, no file:// privileges', async () => {
    const config = await getConfig(ROOT, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    // OnlyLoadAppFromAsar and the integrity check need the app in an archive.
    expect(config.asar).toBe(true);
    expect(typeof config.afterPack, 'afterPack names a script').toBe('string');
    const hookPath = resolve(ROOT, config.afterPack as string);
    const hook = (await import(pathToFileURL(hookPath).href)) as typeof import('../../scripts/electron-fuses.mjs');
    // Resolved the way electron-builder resolves it: the default export.
    expect(await resolveFunction('module', hookPath, 'afterPack')).toBe(hook.default);
    for (const electronPlatformName of ['linux', 'win32', 'darwin']) {
      const { version, resetAdHocDarwinSignature: _, strictlyRequireAllFuses, ...fuses } = hook.fuseConfig({ electronPlatformName, arch: Arch.x64 });
      expect(version).toBe('1');
      expect(strictlyRequireAllFuses ?? false).toBe(false);
      const byName = Object.fromEntries(Object.entries(fuses).map(([index, on]) => [FuseV1Options[Number(index)], on]));
      expect(byName, electronPlatformName).toEqual({
        RunAsNode: false,
        EnableCookieEncryption: true,
        EnableNodeOptionsEnvironmentVariable: false,
        EnableNodeCliInspectArguments: false,
        EnableEmbeddedAsarIntegrityValidation: true,
        OnlyLoadAppFromAsar: true,
        LoadBrowserProcessSpecificV8Snapshot: false,
        GrantFileProtocolExtraPrivileges: false,
      });
    }
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

  test('every script and stylesheet resolves to a built file under app://marginalia/', () => {
    const html = readFileSync(RENDERER_HTML, 'utf8');
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]+)"/gi)].map((m) => m[1] ?? '').filter((u) => !u.startsWith('data:'));
    expect(urls.length).toBeGreaterThan(1);
    for (const url of urls) {
      const resolved = new URL(url, APP_INDEX);
      expect(resolved.href.startsWith('app://marginalia/'), `${url} resolves to ${resolved.href}`).toBe(true);
      expect(existsSync(join(OUT, 'renderer', decodeURIComponent(resolved.pathname))), `${resolved.pathname} is in out/renderer`).toBe(true);
    }
  });
});
