// `npm run bench`: generates the data (fixed seed), measures Marginalia against a plain-DOM
// baseline and @recogito/text-annotator in one headless Chromium, and Node-side save, export
// and analyst agreement against the real services; prints a table and writes bench/results.json.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumExecutable } from '../e2e/support/browser';
import { startHost } from '../e2e/support/web-host';
import { openComparison, peerTagTimes } from './compare-bench';
import { SEED } from './data';
import { type ArticleSpec, buildFixture } from './fixtures';
import { RUNS, runNodeBenchmarks } from './node-bench';
import { buildPages, servePages } from './pages';
import { type Figure, percentile, summarize } from './stats';
import { heapAfterGc, openInApp, scrollFrames, tagTimes } from './ui-bench';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SMALL: ArticleSpec = { fileName: 'article-100k.txt', title: 'Ceasefire monitoring notes, week twelve', size: 100_000, annotations: 3_000 };
const BIG: ArticleSpec = { fileName: 'article-1m.txt', title: 'Shelling reports along the river, collected', size: 1_000_000, annotations: 10_000 };
const TAGS = 200;
const TAG_RUNS = 5;
const SCROLL_STEP_PX = 1000;
/** A frame counts as long when its rAF-to-rAF time misses the 60 Hz vsync (16.7 ms) by over 1 ms. */
const LONG_FRAME_MS = 17.7;
const PEER_TIMEOUT_MS = 180_000;

const log = (line: string) => console.log(line);
const figures: Record<string, Figure> = {};
const ratio = (ours: number[], theirs: number[]) => ours.map((value, i) => value / (theirs[i] ?? Number.NaN));

async function measureOpen(browser: Browser, hostUrl: Parameters<typeof openInApp>[1], pagesOrigin: string): Promise<void> {
  const series = { app100k: [] as number[], app1m: [] as number[], base100k: [] as number[], base1m: [] as number[], peer100k: [] as number[], peer1m: [] as number[], heap: [] as number[] };
  for (let run = 0; run <= RUNS; run++) {
    const warmUp = run === 0; // the host reads the store files once; not counted
    const app100k = await openInApp(browser, hostUrl, SMALL.title);
    await app100k.context.close();
    const app1m = await openInApp(browser, hostUrl, BIG.title);
    const heap = await heapAfterGc(app1m.context, app1m.page);
    await app1m.context.close();
    const opens: Record<'base100k' | 'base1m' | 'peer100k' | 'peer1m', number> = { base100k: 0, base1m: 0, peer100k: 0, peer1m: 0 };
    for (const [key, page, data] of [['base100k', 'baseline', 'small'], ['base1m', 'baseline', 'big'], ['peer100k', 'peer', 'small'], ['peer1m', 'peer', 'big']] as const) {
      const opened = await openComparison(browser, `${pagesOrigin}/${page}.html?data=${data}`, PEER_TIMEOUT_MS);
      opens[key] = opened.openMs;
      await opened.context.close();
    }
    const line = `open 100k/3k ${app100k.openMs.toFixed(0)} ms (baseline ${opens.base100k.toFixed(0)}, peer ${opens.peer100k.toFixed(0)}); 1M/10k ${app1m.openMs.toFixed(0)} ms (baseline ${opens.base1m.toFixed(0)}, peer ${opens.peer1m.toFixed(0)}); heap ${heap.toFixed(1)} MB`;
    log(`  ${warmUp ? 'warm-up' : `run ${run}`}: ${line}`);
    if (warmUp) continue;
    series.app100k.push(app100k.openMs);
    series.app1m.push(app1m.openMs);
    series.heap.push(heap);
    for (const key of Object.keys(opens) as (keyof typeof opens)[]) series[key].push(opens[key]);
  }
  Object.assign(figures, {
    open_100k_3k_ms: summarize(series.app100k, 'ms', 0),
    open_1m_10k_ms: summarize(series.app1m, 'ms', 0),
    heap_1m_10k_mb: summarize(series.heap, 'MB', 1),
    baseline_open_100k_ms: summarize(series.base100k, 'ms', 0),
    baseline_open_1m_ms: summarize(series.base1m, 'ms', 0),
    peer_open_100k_3k_ms: summarize(series.peer100k, 'ms', 0),
    peer_open_1m_10k_ms: summarize(series.peer1m, 'ms', 0),
    ratio_open_vs_baseline: summarize(ratio(series.app1m, series.base1m), '×'),
    ratio_open_vs_peer: summarize(ratio(series.app1m, series.peer1m), '×', 3),
    ratio_open_100k_vs_baseline: summarize(ratio(series.app100k, series.base100k), '×'),
    ratio_open_100k_vs_peer: summarize(ratio(series.app100k, series.peer100k), '×', 3),
  });
}

async function measureTag(browser: Browser, host: Parameters<typeof openInApp>[1], pagesOrigin: string): Promise<void> {
  const perTag = TAGS / TAG_RUNS;
  const ours: number[][] = [];
  const peers: number[][] = [];
  for (let run = 0; run < TAG_RUNS; run++) {
    const app = await openInApp(browser, host, SMALL.title);
    ours.push(await tagTimes(app.page, perTag, SEED + run));
    await app.context.close();
    const peer = await openComparison(browser, `${pagesOrigin}/peer.html?data=small`, PEER_TIMEOUT_MS);
    peers.push(await peerTagTimes(peer.page, perTag, SEED + run));
    await peer.context.close();
    log(`  run ${run + 1}: tag p50 ${percentile(ours.at(-1) ?? [], 50).toFixed(1)} ms (peer ${percentile(peers.at(-1) ?? [], 50).toFixed(1)} ms)`);
  }
  const all = ours.flat();
  const allPeer = peers.flat();
  const byRun = (series: number[][], p: number) => series.map((times) => percentile(times, p));
  const pooled = (series: number[][], p: number, unit: string): Figure => ({ ...summarize(byRun(series, p), unit, 1), median: Number(percentile(series.flat(), p).toFixed(1)) });
  Object.assign(figures, {
    tag_p50_ms: pooled(ours, 50, 'ms'),
    tag_p95_ms: pooled(ours, 95, 'ms'),
    peer_tag_p50_ms: pooled(peers, 50, 'ms'),
    peer_tag_p95_ms: pooled(peers, 95, 'ms'),
    ratio_tag_vs_peer: { ...summarize(ratio(byRun(ours, 50), byRun(peers, 50)), '×', 3), median: Number((percentile(all, 50) / percentile(allPeer, 50)).toFixed(3)) },
  });
}

/** Share of rAF-to-rAF frames that miss 60 Hz while scrolling `selector` top to bottom. */
async function longFrameShare(page: Page, selector: string): Promise<{ share: number; p95: number; frames: number }> {
  const frames = await scrollFrames(page, selector, SCROLL_STEP_PX);
  const long = frames.filter((ms) => ms > LONG_FRAME_MS).length;
  return { share: (100 * long) / frames.length, p95: percentile(frames, 95), frames: frames.length };
}

async function measureScroll(browser: Browser, host: Parameters<typeof openInApp>[1], pagesOrigin: string): Promise<void> {
  const ours: number[] = [];
  const p95s: number[] = [];
  const baseline: number[] = [];
  const baselineP95s: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const app = await openInApp(browser, host, BIG.title);
    await app.page.waitForTimeout(300);
    const measured = await longFrameShare(app.page, '.article-scroller');
    await app.context.close();
    // The same text as plain paragraphs, scrolled the same way: what this renderer costs anyway.
    const plain = await openComparison(browser, `${pagesOrigin}/baseline.html?data=big`, PEER_TIMEOUT_MS);
    await plain.page.waitForTimeout(300);
    const base = await longFrameShare(plain.page, '#scroller');
    await plain.context.close();
    ours.push(measured.share);
    p95s.push(measured.p95);
    baseline.push(base.share);
    baselineP95s.push(base.p95);
    log(`  run ${run + 1}: ${measured.frames} frames, ${measured.share.toFixed(1)}% over ${LONG_FRAME_MS} ms, p95 ${measured.p95.toFixed(1)} ms; baseline ${base.share.toFixed(1)}%, p95 ${base.p95.toFixed(1)} ms`);
  }
  Object.assign(figures, {
    scroll_long_frames_pct: summarize(ours, '%', 1),
    scroll_frame_p95_ms: summarize(p95s, 'ms', 1),
    baseline_scroll_long_frames_pct: summarize(baseline, '%', 1),
    baseline_scroll_frame_p95_ms: summarize(baselineP95s, 'ms', 1),
    // long-frame shares can both be 0, so the ratio compares p95 frame times
    ratio_scroll_p95_vs_baseline: summarize(ratio(p95s, baselineP95s), '×'),
  });
}

function printTable(): void {
  const rows = Object.entries(figures).map(([name, f]) => [name, String(f.median), String(f.min), String(f.max), f.unit]);
  const header = ['name', 'median', 'min', 'max', 'unit'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (row: string[]) => row.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  log(format(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) log(format(row));
}

async function main(): Promise<void> {
  const started = performance.now();
  const root = await mkdtemp(join(tmpdir(), 'marginalia-bench-'));
  const keep = process.env.BENCH_KEEP === '1';
  let browser: Browser | null = null;
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const only = process.env.BENCH_ONLY?.split(',');
    const wants = (part: string) => !only || only.includes(part);
    if (wants('node')) {
      log('Save, export and agreement (Node, real services)…');
      Object.assign(figures, await runNodeBenchmarks(join(root, 'node'), SEED, log));
    }
    log('Generating the UI data through the services…');
    const ui = await buildFixture(join(root, 'ui'), [SMALL, BIG], SEED);
    const pageData = new Map<string, string>();
    for (const [name, spec] of [['small', SMALL], ['big', BIG]] as const) {
      const doc = ui.docs.get(spec.fileName);
      if (!doc) throw new Error(`${spec.fileName} missing`);
      pageData.set(name, JSON.stringify({ text: doc.text, spans: doc.annotations.map(({ id, target, tag }) => ({ id, start: target.start, end: target.end, type: tag })) }));
    }
    await buildPages(join(root, 'pages'));
    const pages = await servePages(join(root, 'pages'), pageData);
    cleanups.push(() => pages.close());
    const host = await startHost({ dataDir: ui.dataDir, open: [ui.corpusDir] });
    cleanups.push(() => host.stop());
    browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
    log(`Chromium ${browser.version()}, headless, no GPU`);
    if (wants('open')) {
      log('Open (Marginalia, baseline, peer; same Chromium, interleaved)…');
      await measureOpen(browser, host, pages.origin);
    }
    if (wants('tag')) {
      log(`Tag (${TAGS} tags with ${SMALL.annotations} annotations present, ours and peer)…`);
      await measureTag(browser, host, pages.origin);
    }
    if (wants('scroll')) {
      log(`Scroll the 1 MB article top to bottom, ${SCROLL_STEP_PX} px per frame…`);
      await measureScroll(browser, host, pages.origin);
    }
    const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${process.platform}; Chromium ${browser.version()} headless (--disable-gpu, software rendering); Node ${process.version}`;
    printTable();
    const out = resolve(import.meta.dirname, 'results.json');
    await writeFile(out, `${JSON.stringify({ machine, seed: SEED, figures }, null, 2)}\n`);
    log(`\n${machine}\nWrote ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s total.`);
  } finally {
    await browser?.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
    if (!keep) await rm(root, { recursive: true, force: true });
  }
}

await main();
