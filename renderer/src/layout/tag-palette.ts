// The tag colours of each theme (tag-colours.ts) as CSS: the variables of tag buttons, rows and
// pills, and in the dark theme the highlights' washes and line cues. The rules are prefixed
// with the theme (`:root[data-theme=…]`), so they win over the base tag styles (tag-styles.ts)
// whatever order the sheets were installed in.
import { TAGS } from '../../../shared/model';
import { MAX_LANES } from '../article/bands';
import { HIGHLIGHT_NAMES } from '../article/highlights';
import { DARK_TAGS, LIGHT_TAGS, THEME_TEXT } from './tag-colours';

/** Flash of a revealed span: the light one would leave light text at 4.3:1 on dark. */
const DARK_FLASH = 'rgba(255, 140, 0, 0.4)';

export function themedTagCss(): string {
  const rules: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    const root = `:root[data-theme='${theme}']`;
    const palette = theme === 'light' ? LIGHT_TAGS : DARK_TAGS;
    for (const { type } of TAGS) {
      const p = palette[type];
      rules.push(`${root} .tag-${type} { --tag-colour: ${p.swatch}; --tag-on-colour: ${p.onSwatch}; --tag-ink: ${p.ink}; --tag-wash: ${p.rowWash}; }`);
      if (theme === 'light') continue; // the highlights' light colours are tag-styles.ts's own
      rules.push(
        `${root} ::highlight(${HIGHLIGHT_NAMES.tag(type)}) { background-color: ${p.wash}; }`,
        `${root} ::highlight(${HIGHLIGHT_NAMES.theirsWash(type)}) { background-color: ${p.theirsWash}; }`,
        `${root} ::highlight(${HIGHLIGHT_NAMES.theirs(type)}) { text-decoration-color: ${THEME_TEXT.dark.theirsInk}; }`,
        `${root} .legend-sample-${type} { background-color: ${p.wash}; text-decoration-color: ${p.line}; }`,
      );
      for (let lane = 0; lane < MAX_LANES; lane++) rules.push(`${root} ::highlight(${HIGHLIGHT_NAMES.band(type, lane)}) { text-decoration-color: ${p.line}; }`);
    }
  }
  const dark = ":root[data-theme='dark']";
  rules.push(
    `${dark} ::highlight(${HIGHLIGHT_NAMES.flash}) { background-color: ${DARK_FLASH}; }`,
    `${dark} .legend-sample-theirs { text-decoration-color: ${THEME_TEXT.dark.theirsInk}; }`,
  );
  return rules.join('\n');
}

let installed = false;

export function installThemedTagStyles(): void {
  if (installed || typeof CSSStyleSheet === 'undefined') return;
  installed = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(themedTagCss());
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
