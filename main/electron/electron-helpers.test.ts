// The Electron shell's pure parts (sender checks, window bounds, launch arguments), tested
// without the Electron binary.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLaunchArgs } from './launch-args';
import { isTrustedRendererUrl } from './trusted-sender';
import { DEFAULT_SIZE, restoreWindowState } from './window-bounds';

describe('isTrustedRendererUrl', () => {
  const fileIndexUrl = pathToFileURL('/opt/Marginalia/resources/app.asar/out/renderer/index.html').href;

  it('accepts our built page, with or without a query or hash', () => {
    expect(isTrustedRendererUrl(fileIndexUrl, { fileIndexUrl })).toBe(true);
    expect(isTrustedRendererUrl(`${fileIndexUrl}?x=1#doc`, { fileIndexUrl })).toBe(true);
  });

  it('refuses other files, other schemes and garbage', () => {
    expect(isTrustedRendererUrl(pathToFileURL('/tmp/evil/index.html').href, { fileIndexUrl })).toBe(false);
    expect(isTrustedRendererUrl('file:///opt/Marginalia/resources/app.asar/out/renderer/other.html', { fileIndexUrl })).toBe(false);
    expect(isTrustedRendererUrl('https://evil.example/', { fileIndexUrl })).toBe(false);
    expect(isTrustedRendererUrl('about:blank', { fileIndexUrl })).toBe(false);
    expect(isTrustedRendererUrl('data:text/html,hi', { fileIndexUrl })).toBe(false);
    expect(isTrustedRendererUrl('not a url', { fileIndexUrl })).toBe(false);
    expect(isTrustedRendererUrl('', { fileIndexUrl })).toBe(false);
  });

  it('accepts the dev server origin only when one is configured', () => {
    const devServerUrl = 'http://localhost:5173/';
    expect(isTrustedRendererUrl('http://localhost:5173/index.html', { fileIndexUrl, devServerUrl })).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', { fileIndexUrl, devServerUrl })).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', { fileIndexUrl })).toBe(false);
  });
});

describe('restoreWindowState', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

  it('reuses saved bounds that are on a display', () => {
    const saved = { x: 100, y: 50, width: 1000, height: 700, maximized: true };
    expect(restoreWindowState(saved, screen)).toEqual({ bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: true });
  });

  it('keeps only the size when the saved position is off every display', () => {
    const saved = { x: 5000, y: 50, width: 1000, height: 700, maximized: false };
    expect(restoreWindowState(saved, screen)).toEqual({ bounds: { width: 1000, height: 700 }, maximized: false });
  });

  it('falls back to the default size for missing or damaged values', () => {
    expect(restoreWindowState(undefined, screen).bounds).toEqual(DEFAULT_SIZE);
    expect(restoreWindowState({ x: 'a', y: 0, width: 10, height: 10 }, screen).bounds).toEqual(DEFAULT_SIZE);
    expect(restoreWindowState({ x: 0, y: 0, width: 1.5, height: 10 }, screen).bounds).toEqual(DEFAULT_SIZE);
  });

  it('clamps absurd sizes', () => {
    const { bounds } = restoreWindowState({ x: 0, y: 0, width: 10, height: 99_999 }, screen);
    expect(bounds).toEqual({ x: 0, y: 0, width: 640, height: 10_000 });
  });
});

describe('parseLaunchArgs', () => {
  it('picks --data-dir and --open out of Electron and Chromium arguments', () => {
    const argv = ['/app', '--no-sandbox', '--data-dir', 'data', '--open=/corpus/a', '--open', 'b', '--inspect=0'];
    expect(parseLaunchArgs(argv, '/home/me')).toEqual({ dataDir: '/home/me/data', openPaths: ['/corpus/a', '/home/me/b'] });
  });

  it('ignores a flag without a value', () => {
    expect(parseLaunchArgs(['--open'], '/x')).toEqual({ dataDir: null, openPaths: [] });
  });
});
