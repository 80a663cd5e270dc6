// Tag colours and line cues come from TAGS (shared/model.ts), so the CSS for them is generated
// once at startup rather than copied into the stylesheets. The article's highlights and the
// legend's samples are generated from the same values, so the legend shows what is painted.
import { TAGS, type TagInfo } from '../../../shared/model';
import { MAX_LANES } from '../article/bands';
import { HIGHLIGHT_NAMES } from '../article/highlights';

/** The tag colour with an alpha (over the white page it gives the legend's swatch). */
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
/** Underline offset of each lane, in px below the text's underline position. */
export const LANE_OFFSETS_PX = [3, 9, 15] as const;

/** The wash of my spans and of another analyst's (paler). */
export function washOf(tag: TagInfo, layer: 'mine' | 'theirs'): string {
  return translucent(tag.colour, layer === 'mine' ? 0.55 : 0.25);
}

/** The line cue of a tag on a lane: an underline in the tag's style, at the lane's offset. */
export function bandDeclarations(tag: TagInfo, lane: number): string {
  // A thinner wave: its amplitude grows with the thickness and must stay within its lane.
  const thickness = tag.underline === 'wavy' ? 1.5 : tag.underline === 'double' ? 1.5 : 2;
  const offset = LANE_OFFSETS_PX[Math.min(lane, LANE_OFFSETS_PX.length - 1)] ?? 3;
  return `text-decoration: underline ${tag.underline} ${darker(tag.colour)}; text-decoration-thickness: ${thickness}px; text-underline-offset: ${offset}px; text-decoration-skip-ink: none;`;
}

const THEIRS_DECLARATIONS = `text-decoration: overline dashed ${THEIRS_INK}; text-decoration-thickness: 2px;`;

export function tagStylesCss(): string {
  const rules: string[] = [];
  for (const tag of TAGS) {
    rules.push(
      `.tag-${tag.type} { --tag-colour: ${tag.colour}; --tag-ink: ${darker(tag.colour)}; --tag-wash: ${translucent(tag.colour, 0.35)}; }`,
      `::highlight(${HIGHLIGHT_NAMES.tag(tag.type)}) { background-color: ${washOf(tag, 'mine')}; }`,
      `::highlight(${HIGHLIGHT_NAMES.theirsWash(tag.type)}) { background-color: ${washOf(tag, 'theirs')}; }`,
      // Another analyst's span: a dashed neutral overline, so it reads apart from every tag's
      // line cue, also where it overlaps one of mine.
      `::highlight(${HIGHLIGHT_NAMES.theirs(tag.type)}) { ${THEIRS_DECLARATIONS} }`,
      // The legend's samples: the same declarations on ordinary text.
      `.legend-sample-${tag.type} { background-color: ${washOf(tag, 'mine')}; ${bandDeclarations(tag, 0)} }`,
    );
    for (let lane = 0; lane < MAX_LANES; lane++) rules.push(`::highlight(${HIGHLIGHT_NAMES.band(tag.type, lane)}) { ${bandDeclarations(tag, lane)} }`);
  }
  rules.push(
    `.legend-sample-theirs { background-color: ${washOf(TAGS[0] as TagInfo, 'theirs')}; ${THEIRS_DECLARATIONS} }`,
  );
  return rules.join('\n');
}

export function installTagStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(tagStylesCss());
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
