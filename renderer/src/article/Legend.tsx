// The legend under the article: each tag's wash and line cue, drawn with the same CSS as the
// highlights (styles/tag-styles.ts), and how nesting, span ends and other analysts' spans look.
import { memo } from 'react';
import { TAGS } from '../../../shared/model';

export const Legend = memo(function Legend() {
  return (
    <div className="legend" role="note" aria-label="Legend">
      <ul className="legend-items">
        {TAGS.map((tag) => (
          <li key={tag.type} className="legend-item">
            <span className={`legend-sample legend-sample-${tag.type}`}>{`\u00a0${tag.label}\u00a0`}</span>
            <span className="legend-cue">
              {tag.underline} line <kbd>{tag.key}</kbd>
            </span>
          </li>
        ))}
        <li className="legend-item">
          <span className="legend-sample legend-sample-theirs">{'\u00a0Another analyst’s\u00a0'}</span>
          <span className="legend-cue">paler, dashed line above</span>
        </li>
      </ul>
      <p className="legend-note">Nested spans show the innermost span’s colour; each span draws its line on a band of its own, the outermost nearest the text.</p>
    </div>
  );
});
