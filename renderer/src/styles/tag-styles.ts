// Tag colours and underline cues come from TAGS (shared/model.ts), so the CSS for them is
// generated once at startup rather than copied into the stylesheets.
import { TAGS } from '../../../shared/model';
import { HIGHLIGHT_NAMES } from '../article/highlights';

/** The tag colour with an alpha, so overlapping highlights blend instead of hiding each other. */
function translucent(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

/** A darker shade of the tag colour for underlines and glyphs, readable on white. */
function darker(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const scale = (c: number) => Math.round(c * 0.55);
  return `rgb(${scale((value >> 16) & 255)}, ${scale((value >> 8) & 255)}, ${scale(value & 255)})`;
}

/** Neutral ink of other analysts' overlines (and their initials badges). */
const THEIRS_INK = '#4a4f57';

export function tagStylesCss(): string {
  return TAGS.map((tag) => {
    const name = HIGHLIGHT_NAMES.tag(tag.type);
    return [
      `.tag-${tag.type} { --tag-colour: ${tag.colour}; --tag-ink: ${darker(tag.colour)}; --tag-wash: ${translucent(tag.colour, 0.35)}; }`,
      `::highlight(${name}) { background-color: ${translucent(tag.colour, 0.55)}; text-decoration: underline ${tag.underline} ${darker(tag.colour)}; text-decoration-thickness: 2px; }`,
      // Another analyst's span: a paler wash and a dashed neutral overline, so it reads apart
      // from every tag's underline cue, also where it overlaps one of mine.
      `::highlight(${HIGHLIGHT_NAMES.theirs(tag.type)}) { background-color: ${translucent(tag.colour, 0.25)}; text-decoration: overline dashed ${THEIRS_INK}; text-decoration-thickness: 2px; }`,
    ].join('\n');
  }).join('\n');
}

export function installTagStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(tagStylesCss());
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
