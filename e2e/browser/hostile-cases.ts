// Hostile article files for the browser e2e: markup and script text, a 5 MB single line, NUL
// bytes, invalid UTF-8, bidi overrides and zero-width characters, combining marks, emoji.
// Generated at test time; each names a span to tag and how to select it.

export interface HostileCase {
  name: string;
  fileName: string;
  bytes: Buffer;
  /** The document's title as shown (its first line). */
  title: string;
  /** The exact text to tag (its first occurrence after the title line). */
  target: string;
  select: 'drag' | 'keyboard';
  /** Tag key 1-4. */
  key: '1' | '2' | '3' | '4';
}

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

function fiveMegabyteLine(): string {
  const words = ['ministry', 'said', '40', 'boats', 'left', 'the', 'harbour', 'near', 'Kherson', 'on', 'Monday', 'officials'];
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < 5 * 1024 * 1024; i++) {
    const word = words[(i * 7 + (i >> 3)) % words.length] ?? 'x';
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ');
}

const SCRIPT = '<script>window.__pwned=1</script>';

export function hostileCases(): HostileCase[] {
  const longLine = fiveMegabyteLine();
  return [
    {
      name: 'HTML and <script> text',
      fileName: 'markup.txt',
      title: '<img src=x onerror="window.__pwned=1"> <b>Markup</b> in the title',
      bytes: utf8(
        '<img src=x onerror="window.__pwned=1"> <b>Markup</b> in the title\n\n' +
          `Before the tag ${SCRIPT} and after it.\n` +
          '<iframe src="javascript:window.__pwned=1"></iframe> <a href="javascript:window.__pwned=1">link</a> &amp; &lt;b&gt; <style>body{display:none}</style>\n' +
          '{{constructor.constructor("window.__pwned=1")()}} ${window.__pwned=1} <svg onload="window.__pwned=1"></svg>\n',
      ),
      target: SCRIPT,
      select: 'drag',
      key: '1',
    },
    {
      name: 'a 5 MB single line',
      fileName: 'long-line.txt',
      title: 'Hostile: one line of five megabytes',
      bytes: utf8(`Hostile: one line of five megabytes\n\n${longLine}\n`),
      target: longLine.slice(0, longLine.indexOf(' ', 60)).slice(longLine.lastIndexOf(' ', 30) + 1),
      select: 'drag',
      key: '2',
    },
    {
      name: 'NUL bytes',
      fileName: 'nul.txt',
      title: 'Hostile: NUL bytes inside the text',
      bytes: utf8('Hostile: NUL bytes inside the text\n\nThe ministry said 40\u0000boats\u0000left the harbour on Monday.\n'),
      target: '40\u0000boats\u0000left',
      select: 'drag',
      key: '3',
    },
    {
      name: 'invalid UTF-8',
      fileName: 'invalid-utf8.txt',
      title: 'Hostile: invalid UTF-8 bytes',
      bytes: Buffer.concat([utf8('Hostile: invalid UTF-8 bytes\n\nThe caf'), Buffer.from([0xc3]), utf8(' sold x'), Buffer.from([0xff, 0xfe]), utf8('y tickets, '), Buffer.from([0xe2, 0x82]), utf8(' said the mayor.\n')]),
      target: 'x\uFFFD\uFFFDy tickets',
      select: 'drag',
      key: '4',
    },
    {
      name: 'RTL override and zero-width characters',
      fileName: 'bidi.txt',
      title: 'Hostile: bidi overrides and invisible characters',
      bytes: utf8(
        'Hostile: bidi overrides and invisible characters\n\n' +
          'The figure is \u202E40 boats a day\u202C per port, said the invoice\u202Etxt.exe\u202C clerk.\n' +
          'Hidden: zero\u200Bwidth and join\u200Dner, \u2066isolated\u2069 text, bom\uFEFFinside, soft\u00ADhyphen.\n',
      ),
      target: 'is \u202E40 boats a day\u202C per',
      select: 'drag',
      key: '1',
    },
    {
      name: 'combining marks',
      fileName: 'combining.txt',
      title: 'Hostile: combining marks',
      bytes: utf8('Hostile: combining marks\n\nZalgo Z\u0337\u0322\u031Ba\u0336l\u0334g\u0335o\u0338 text and decomposed cafe\u0301 plus Hangul \u1112\u1161\u11AB jamo.\n'),
      target: 'decomposed cafe\u0301 plus Hangul \u1112\u1161\u11AB',
      select: 'keyboard',
      key: '2',
    },
    {
      name: 'emoji (ZWJ sequences, flags, skin tones, keycaps)',
      fileName: 'emoji.txt',
      title: 'Hostile: emoji',
      bytes: utf8('Hostile: emoji\n\nA family \u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466} with flags \u{1F1FA}\u{1F1E6}\u{1F1EC}\u{1F1E7} and \u{1F44D}\u{1F3FD} keycap 1\uFE0F\u20E3 end.\n'),
      target: 'family \u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466} with flags \u{1F1FA}\u{1F1E6}\u{1F1EC}\u{1F1E7}',
      select: 'keyboard',
      key: '3',
    },
  ];
}
