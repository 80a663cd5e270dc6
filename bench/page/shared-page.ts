// What both comparison pages share: the data they load, the timing marks the harness reads.
export interface BenchSpan {
  id: string;
  start: number;
  end: number;
  type: 'claim' | 'source' | 'figure' | 'place';
}

export interface BenchData {
  text: string;
  spans: BenchSpan[];
}

export const TAG_COLOURS: Record<BenchSpan['type'], `#${string}`> = { claim: '#ffd54f', source: '#81d4fa', figure: '#a5d6a7', place: '#f48fb1' };

export function datasetName(): string {
  return new URLSearchParams(location.search).get('data') ?? 'small';
}

export async function loadData(): Promise<BenchData> {
  const response = await fetch(`/data/${datasetName()}.json`);
  return (await response.json()) as BenchData;
}

/** One <p> per line, like the app's one paragraph per line. */
export function renderParagraphs(container: HTMLElement, text: string): void {
  const fragment = document.createDocumentFragment();
  for (const line of text.split('\n')) {
    const paragraph = document.createElement('p');
    if (line) paragraph.textContent = line;
    else paragraph.append(document.createElement('br'));
    fragment.append(paragraph);
  }
  container.replaceChildren(fragment);
}

/** Marks `name` in a task after the next frame (when it has been painted). */
export function markAfterNextPaint(name: string): void {
  requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
}

export function requireElement(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element;
}
