// One disagreement as the list shows it: what kind, and each side's whole quote with its tag, the
// part of a quote that the other side's span does not cover (the differing ends) marked.
// "Different boundaries: Ana Figure “[at least ]1,200 residents”, Ben Figure “1,200 residents”".
import type { AgreementSpan, Disagreement } from '../../../shared/agreement';
import { tagInfo } from '../../../shared/model';

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A span's quote split around the part it shares with `other` (UTF-16 offsets, like the quote). */
export function quoteParts(span: AgreementSpan, other: AgreementSpan | null): { before: string; shared: string; after: string } {
  if (!other) return { before: '', shared: span.quote, after: '' };
  const from = Math.min(Math.max(other.start, span.start), span.end) - span.start;
  const to = Math.max(Math.min(other.end, span.end), span.start) - span.start;
  if (to <= from) return { before: '', shared: span.quote, after: '' };
  return { before: span.quote.slice(0, from), shared: span.quote.slice(from, to), after: span.quote.slice(to) };
}

function Side({ name, span, other }: { name: string | null; span: AgreementSpan; other: AgreementSpan | null }) {
  const { before, shared, after } = quoteParts(span, other);
  const parts = [before, shared, after].map(oneLine);
  // Trim the outer ends only, so the marks keep the spaces that differ.
  if (!before) parts[1] = (parts[1] ?? '').trimStart();
  else parts[0] = (parts[0] ?? '').trimStart();
  if (!after) parts[1] = (parts[1] ?? '').trimEnd();
  else parts[2] = (parts[2] ?? '').trimEnd();
  return (
    <span className="disagreement-side">
      {name ? `${name} ` : ''}
      {tagInfo(span.type).label} “{parts[0] && <mark className="disagreement-differs">{parts[0]}</mark>}
      {parts[1]}
      {parts[2] && <mark className="disagreement-differs">{parts[2]}</mark>}”
    </span>
  );
}

export function DisagreementText({ d, a, b }: { d: Disagreement; a: string; b: string }) {
  if (d.kind === 'only-a' && d.a) {
    return (
      <>
        Only {a}: <Side name={null} span={d.a} other={null} />
      </>
    );
  }
  if (d.kind === 'only-b' && d.b) {
    return (
      <>
        Only {b}: <Side name={null} span={d.b} other={null} />
      </>
    );
  }
  const what = d.kind === 'tag' ? 'Different tag' : 'Different boundaries';
  return (
    <>
      {what}: {d.a ? <Side name={a} span={d.a} other={d.b} /> : `${a} —`}, {d.b ? <Side name={b} span={d.b} other={d.a} /> : `${b} —`}
    </>
  );
}
