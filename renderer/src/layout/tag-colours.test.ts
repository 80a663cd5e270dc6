// Every tag colour that carries text reaches 4.5:1 in both themes (WCAG 2 AA), and the line cues
// 3:1 against the page (non-text contrast), so the palette cannot drift below what axe checks.
import { describe, expect, it } from 'vitest';
import { TAG_TYPES } from '../../../shared/model';
import { contrast, over } from './contrast';
import { DARK_TAGS, LIGHT_TAGS, THEME_TEXT } from './tag-colours';

const THEMES = { light: LIGHT_TAGS, dark: DARK_TAGS } as const;

describe('tag colours', () => {
  for (const [theme, tags] of Object.entries(THEMES) as [keyof typeof THEMES, typeof LIGHT_TAGS][]) {
    const text = THEME_TEXT[theme];
    for (const type of TAG_TYPES) {
      it(`${theme}: ${type} text, glyphs and cues stand out`, () => {
        const palette = tags[type];
        for (const page of [text.paper, text.surface]) {
          expect(contrast(text.article, over(palette.wash, page)), 'article text on my wash').toBeGreaterThanOrEqual(4.5);
          expect(contrast(text.article, over(palette.theirsWash, page)), 'article text on their wash').toBeGreaterThanOrEqual(4.5);
          expect(contrast(text.article, over(palette.rowWash, page)), 'list text on a selected row').toBeGreaterThanOrEqual(4.5);
          expect(contrast(palette.ink, page), 'glyph on the page').toBeGreaterThanOrEqual(4.5);
          expect(contrast(palette.line, page), 'line cue on the page').toBeGreaterThanOrEqual(3);
        }
        expect(contrast(palette.onSwatch, palette.swatch), 'glyph on the swatch').toBeGreaterThanOrEqual(4.5);
      });
    }
  }
});
