// The review scenario both the review spec and the README's review screenshot play: Ben and Ana
// tag the same sample article. Identical claim; a figure inside Ben's claim; a shorter figure than
// Ben's; a source Ben left out.
export const CLAIM = 'a breach roughly 60 metres wide in the Veshnaya reservoir dam';
export const BEN = [
  { phrase: CLAIM, type: 'claim' },
  { phrase: 'Open Imagery Collective', type: 'source' },
  { phrase: 'at least 1,200 residents', type: 'figure' },
  { phrase: 'Lesnaya Polyana', type: 'place' },
] as const;
export const ANA = [
  { phrase: CLAIM, type: 'claim' },
  { phrase: 'roughly 60 metres wide', type: 'figure' },
  { phrase: '1,200 residents', type: 'figure' },
  { phrase: 'Irina Volkova', type: 'source' },
] as const;
export const REASON = 'A research group is not the source of the claim here';
export const COMMENT = 'Check 1,200 against the governor’s figure';
