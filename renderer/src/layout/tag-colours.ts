// Tag colours per theme (data only; tag-palette.ts turns them into CSS). The light theme keeps
// the tag colours of TAGS (shared/model.ts) for washes and swatches, with inks dark enough for
// 4.5:1; the dark theme paints washes in deep tints of the same hues, since light text on a
// bright wash would fall under 4.5:1, and draws line cues, glyphs and the other analysts'
// overline in light inks. tag-colours.test.ts checks every pair that carries text.
import type { TagType } from '../../../shared/model';

export interface TagPalette {
  /** Wash behind my spans' text (opaque: the innermost span's wash is the only one painted). */
  wash: string;
  /** Wash behind another analyst's spans' text. */
  theirsWash: string;
  /** Wash behind the selected row of a list and a tag's label pill. */
  rowWash: string;
  /** Line cue (underline) colour. */
  line: string;
  /** Glyphs and borders on the theme's backgrounds. */
  ink: string;
  /** The swatch in tag buttons, and the glyph on it. */
  swatch: string;
  onSwatch: string;
}

/** Light: darker inks than the plain 55 % shade, so glyphs reach 4.5:1 on paper and on washes. */
export const LIGHT_TAGS: Record<TagType, TagPalette> = {
  claim: { rowWash: 'rgba(255, 213, 79, 0.35)', wash: 'rgba(255, 213, 79, 0.55)', theirsWash: 'rgba(255, 213, 79, 0.25)', line: '#8c7529', ink: '#736024', swatch: '#ffd54f', onSwatch: '#5c4c1c' },
  source: { rowWash: 'rgba(129, 212, 250, 0.35)', wash: 'rgba(129, 212, 250, 0.55)', theirsWash: 'rgba(129, 212, 250, 0.25)', line: '#477489', ink: '#3a5f71', swatch: '#81d4fa', onSwatch: '#2e4c5a' },
  figure: { rowWash: 'rgba(165, 214, 167, 0.35)', wash: 'rgba(165, 214, 167, 0.55)', theirsWash: 'rgba(165, 214, 167, 0.25)', line: '#5b765c', ink: '#4a604b', swatch: '#a5d6a7', onSwatch: '#3b4d3c' },
  place: { rowWash: 'rgba(244, 143, 177, 0.35)', wash: 'rgba(244, 143, 177, 0.55)', theirsWash: 'rgba(244, 143, 177, 0.25)', line: '#864f61', ink: '#6e4050', swatch: '#f48fb1', onSwatch: '#583340' },
};

/** Dark: washes deep enough for #e8e6e1 text, cues and inks in the bright tag colours. */
export const DARK_TAGS: Record<TagType, TagPalette> = {
  claim: { rowWash: '#5c4600', wash: '#5c4600', theirsWash: '#3d3415', line: '#ffd54f', ink: '#ffd54f', swatch: '#ffd54f', onSwatch: '#4d3f00' },
  source: { rowWash: '#0b4866', wash: '#0b4866', theirsWash: '#1c3442', line: '#81d4fa', ink: '#81d4fa', swatch: '#81d4fa', onSwatch: '#0b3a52' },
  figure: { rowWash: '#24562a', wash: '#24562a', theirsWash: '#213a25', line: '#a5d6a7', ink: '#a5d6a7', swatch: '#a5d6a7', onSwatch: '#1d4521' },
  place: { rowWash: '#74283f', wash: '#74283f', theirsWash: '#45232f', line: '#f48fb1', ink: '#f48fb1', swatch: '#f48fb1', onSwatch: '#5c1f33' },
};

export const THEME_TEXT = {
  light: { article: '#22262b', surface: '#ffffff', paper: '#fbfaf7', theirsInk: '#4a4f57' },
  dark: { article: '#e8e6e1', surface: '#22262b', paper: '#1b1e22', theirsInk: '#b5bac1' },
} as const;
