// How an annotation is named in lists and menus: "<Tag>: <start of quote>".
import { type TagType, tagInfo } from '../../../shared/model';

const NAME_QUOTE_CHARS = 80;

/** The quote on one line (whitespace collapsed). */
export function oneLineQuote(quote: string): string {
  return quote.replace(/\s+/g, ' ').trim();
}

export function annotationName(annotation: { tag: TagType; target: { quote: string } } | { type: TagType; quote: string }): string {
  const [tag, rawQuote] = 'tag' in annotation ? [annotation.tag, annotation.target.quote] : [annotation.type, annotation.quote];
  const quote = oneLineQuote(rawQuote);
  const shown = quote.length > NAME_QUOTE_CHARS ? `${quote.slice(0, NAME_QUOTE_CHARS)}…` : quote;
  return `${tagInfo(tag).label}: ${shown}`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}
