// Summaries of repeated measurements.
export interface Figure {
  median: number;
  min: number;
  max: number;
  unit: string;
  runs: number;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[high] ?? Number.NaN;
  return lowValue + (highValue - lowValue) * (rank - low);
}

export function summarize(values: readonly number[], unit: string, digits = 2): Figure {
  const round = (n: number) => Number(n.toFixed(digits));
  return { median: round(percentile(values, 50)), min: round(Math.min(...values)), max: round(Math.max(...values)), unit, runs: values.length };
}
