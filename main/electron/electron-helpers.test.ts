// The Electron shell's pure parts (sender checks, window bounds, launch arguments), tested
// without the Electron binary.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from './app-scheme';
import { parseLaunchArgs } from './launch-args';
import { type RendererLocation, isTrustedRendererUrl } from './trusted-sender';
import { DEFAULT_SIZE, restoreWindowState } from './window-bounds';

describe('isTrustedRendererUrl', () => {
  const location: RendererLocation = { indexUrl: APP_INDEX_URL };

  it('accepts our app:// page, with or without a query or hash', () => {
    expect(isTrustedRendererUrl('app://marginalia/index.html', location)).toBe(true);
    expect(isTrustedRendererUrl('app://marginalia/index.html?x=1#doc', location)).toBe(true);
  });

  it('refuses other pages, hosts, ports and credentials on the app scheme', () => {
    for (const url of [
      'app://marginalia/',
      'app://marginalia/other.html',
      'app://marginalia/assets/index.html',
      'app://marginalia/index.html/',
      'app://marginalia//index.html',
      'app://evil/index.html',
      'app://marginalia.evil/index.html',
      'app://marginalia:8080/index.html',
      'app://user@marginalia/index.html',
    ]) {
      expect(isTrustedRendererUrl(url, location), url).toBe(false);
    }
  });

  it('refuses file:// pages (the old way of loading), servers, other schemes and garbage', () => {
    for (const url of [
      pathToFileURL('/opt/Marginalia/resources/app.asar/out/renderer/index.html').href,
      'http://localhost:5173/index.html',
      'https://marginalia/index.html',
      'about:blank',
      'data:text/html,hi',
      'not a url',
      '',
    ]) {
      expect(isTrustedRendererUrl(url, location), url).toBe(false);
    }
  });

  it('cannot be widened by passing another location', () => {
    const widened = { indexUrl: 'http://localhost:5173/index.html' } as unknown as RendererLocation;
    expect(isTrustedRendererUrl('http://localhost:5173/index.html', widened)).toBe(false);
    expect(isTrustedRendererUrl(APP_INDEX_URL, widened)).toBe(false);
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
