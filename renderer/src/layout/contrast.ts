// WCAG 2 colour contrast, for the tag palette's unit test and for what e2e reads off the browser.

/** Parses `#rrggbb`, or `rgb(…)`/`rgba(…)` as the browser computes colours. */
export function parseColour(css: string): { r: number; g: number; b: number; a: number } {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css.trim());
  if (hex) {
    const [r, g, b] = hex.slice(1).map((h) => Number.parseInt(h, 16));
    return { r: r ?? 0, g: g ?? 0, b: b ?? 0, a: 1 };
  }
  const match = /rgba?\(([^)]+)\)/.exec(css);
  if (!match?.[1]) throw new Error(`not a colour: ${css}`);
  const [r = 0, g = 0, b = 0, a = 1] = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  return { r, g, b, a };
}

/** `top` painted over an opaque `bottom`. */
export function over(top: string, bottom: string): string {
  const t = parseColour(top);
  const b = parseColour(bottom);
  const mix = (x: number, y: number) => Math.round(x * t.a + y * (1 - t.a));
  return `rgb(${mix(t.r, b.r)}, ${mix(t.g, b.g)}, ${mix(t.b, b.b)})`;
}

function luminance(css: string): number {
  const { r, g, b } = parseColour(css);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG 2 contrast ratio of two opaque colours. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
