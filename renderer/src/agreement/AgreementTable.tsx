// The per-tag agreement table: exact and overlap precision/recall/F1, Cohen's kappa and
// Krippendorff's alpha. Undefined figures (nothing to compare) show as "—".
import type { AgreementFigures, AgreementSummary } from '../../../shared/agreement';
import { TAGS } from '../../../shared/model';

export function formatFigure(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

function FigureCells({ figures }: { figures: AgreementFigures }) {
  const { exact, overlap } = figures;
  return (
    <>
      <td>
        {exact.matched} / {exact.countA} / {exact.countB}
      </td>
      <td>{formatFigure(exact.precision)}</td>
      <td>{formatFigure(exact.recall)}</td>
      <td>{formatFigure(exact.f1)}</td>
      <td>{overlap.matched}</td>
      <td>{formatFigure(overlap.precision)}</td>
      <td>{formatFigure(overlap.recall)}</td>
      <td>{formatFigure(overlap.f1)}</td>
      <td>{formatFigure(figures.kappa)}</td>
      <td>{formatFigure(figures.alpha)}</td>
    </>
  );
}

export function AgreementTable({ summary }: { summary: AgreementSummary }) {
  return (
    <table className="agreement-table" aria-label="Agreement by tag">
      <thead>
        <tr>
          <th scope="col" rowSpan={2}>
            Tag
          </th>
          <th scope="colgroup" colSpan={4}>
            Exact match
          </th>
          <th scope="colgroup" colSpan={4}>
            Overlap match
          </th>
          <th scope="col" rowSpan={2} title="Cohen's kappa over word tokens">
            Cohen&rsquo;s κ
          </th>
          <th scope="col" rowSpan={2} title="Krippendorff's alpha (nominal) over word tokens">
            Krippendorff&rsquo;s α
          </th>
        </tr>
        <tr>
          <th scope="col" title="matched / spans of A / spans of B">
            Matched / A / B
          </th>
          <th scope="col">P</th>
          <th scope="col">R</th>
          <th scope="col">F1</th>
          <th scope="col">Matched</th>
          <th scope="col">P</th>
          <th scope="col">R</th>
          <th scope="col">F1</th>
        </tr>
      </thead>
      <tbody>
        <tr className="agreement-overall">
          <th scope="row">Overall</th>
          <FigureCells figures={summary.overall} />
        </tr>
        {TAGS.map((tag) => (
          <tr key={tag.type} className={`tag-${tag.type}`}>
            <th scope="row">
              <span className="tag-glyph" aria-hidden="true">
                {tag.glyph}
              </span>{' '}
              {tag.label}
            </th>
            <FigureCells figures={summary.perTag[tag.type]} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
