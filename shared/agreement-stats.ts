// Chance-corrected agreement coefficients over labelled units. Pure.

export type Label = string | number;

/** "label of A" -> "label of B" -> number of units: the confusion table of two coders. */
export type PairCounts = Map<Label, Map<Label, number>>;

export function addPair(pairs: PairCounts, a: Label, b: Label, count = 1): void {
  let row = pairs.get(a);
  if (!row) pairs.set(a, (row = new Map()));
  row.set(b, (row.get(b) ?? 0) + count);
}

export function mergePairCounts(into: PairCounts, from: ReadonlyMap<Label, ReadonlyMap<Label, number>>): void {
  for (const [a, row] of from) for (const [b, count] of row) addPair(into, a, b, count);
}

/**
 * Cohen's kappa for two coders who labelled the same units: (po - pe) / (1 - pe), with pe
 * from each coder's own label distribution (as scikit-learn's cohen_kappa_score, unweighted).
 * Null when undefined: no units, or both coders used one and the same label throughout (pe = 1).
 */
export function cohenKappaFromPairs(pairs: ReadonlyMap<Label, ReadonlyMap<Label, number>>): number | null {
  const marginalA = new Map<Label, number>();
  const marginalB = new Map<Label, number>();
  let n = 0;
  let agreed = 0;
  for (const [a, row] of pairs) {
    for (const [b, count] of row) {
      n += count;
      if (a === b) agreed += count;
      marginalA.set(a, (marginalA.get(a) ?? 0) + count);
      marginalB.set(b, (marginalB.get(b) ?? 0) + count);
    }
  }
  if (n === 0) return null;
  let expected = 0;
  for (const [label, count] of marginalA) expected += (count / n) * ((marginalB.get(label) ?? 0) / n);
  if (expected >= 1) return null;
  return (agreed / n - expected) / (1 - expected);
}

/** cohenKappaFromPairs over two parallel label lists. */
export function cohenKappa(a: readonly Label[], b: readonly Label[]): number | null {
  if (a.length !== b.length) throw new Error(`cohenKappa: ${a.length} labels from one coder, ${b.length} from the other`);
  const pairs: PairCounts = new Map();
  a.forEach((x, i) => addPair(pairs, x, b[i] as Label));
  return cohenKappaFromPairs(pairs);
}

/**
 * Krippendorff's alpha, nominal metric, from reliability data: one row per coder, one column
 * per unit, null for a missing value. Follows Krippendorff (2011), "Computing Krippendorff's
 * Alpha-Reliability": coincidences o_ck summed over units with m_u >= 2 values, each pair
 * weighted 1/(m_u - 1); alpha = 1 - (n - 1) * sum_{c!=k} o_ck / sum_{c!=k} n_c * n_k.
 * Null when undefined: fewer than two pairable values, or only one value used (no variation).
 */
export function krippendorffAlphaNominal(data: readonly (readonly (Label | null)[])[]): number | null {
  const units = Math.max(0, ...data.map((row) => row.length));
  const coincidence: PairCounts = new Map();
  for (let u = 0; u < units; u++) {
    const values: Label[] = [];
    for (const row of data) {
      const v = row[u];
      if (v !== null && v !== undefined) values.push(v);
    }
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) if (i !== j) addPair(coincidence, values[i] as Label, values[j] as Label, 1 / (m - 1));
    }
  }
  return alphaFromCoincidences(coincidence);
}

function alphaFromCoincidences(coincidence: PairCounts): number | null {
  const totals = new Map<Label, number>();
  let observedDisagreement = 0;
  for (const [c, row] of coincidence) {
    for (const [k, o] of row) {
      totals.set(c, (totals.get(c) ?? 0) + o);
      if (c !== k) observedDisagreement += o;
    }
  }
  const n = [...totals.values()].reduce((s, x) => s + x, 0);
  if (n < 2 || totals.size < 2) return null;
  // sum over c != k of n_c * n_k = n^2 - sum n_c^2
  let sumSquares = 0;
  for (const t of totals.values()) sumSquares += t * t;
  const expectedDisagreement = n * n - sumSquares;
  return 1 - ((n - 1) * observedDisagreement) / expectedDisagreement;
}

/**
 * The same alpha for two coders with no missing data, from their confusion table, without
 * building the reliability matrix (token counts can be large). With m_u = 2, each unit adds 1
 * to o(a, b) and 1 to o(b, a).
 */
export function krippendorffAlphaNominalFromPairs(pairs: ReadonlyMap<Label, ReadonlyMap<Label, number>>): number | null {
  const coincidence: PairCounts = new Map();
  for (const [a, row] of pairs) {
    for (const [b, count] of row) {
      addPair(coincidence, a, b, count);
      addPair(coincidence, b, a, count);
    }
  }
  return alphaFromCoincidences(coincidence);
}
