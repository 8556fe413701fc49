/** One measured figure of `npm run bench`, printed as a table row or, with --json, as one JSON line. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The budget from the design, or null for a reference figure that has none. */
  budget: number | null;
  /** Which direction is better, so the report can tell whether the budget is met. */
  better: 'lower' | 'higher';
}

/** Returns the value at quantile q (0–1) of already sorted samples, by the nearest-rank method. */
export function quantile(sortedSamples: readonly number[], q: number): number {
  if (sortedSamples.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sortedSamples.length);
  return sortedSamples[Math.min(sortedSamples.length - 1, Math.max(0, rank - 1))]!;
}
