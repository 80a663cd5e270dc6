// The four tags as <option>s, in their fixed order, for the Tag and Filter by tag selects.
import { TAGS } from '../../../shared/model';

export function TagOptions() {
  return TAGS.map((tag) => (
    <option key={tag.type} value={tag.type}>
      {tag.label}
    </option>
  ));
}
