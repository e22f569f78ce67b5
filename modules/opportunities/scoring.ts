import type { TFrameworkDefinition } from '@/modules/frameworks/definition-schema';

export interface Scores {
  technical: number | null;
  cultural: number | null;
  price: number | null;
}

/**
 * Weighted total out of 100, using the weights in the framework definition. Null until every weighted
 * criterion has a score, so a half-scored response never ranks above a fully scored one.
 */
export function weightedTotal(scoring: NonNullable<TFrameworkDefinition['scoring']>, scores: Scores): number | null {
  const parts: [number, number | null][] = [
    [scoring.technical, scores.technical],
    [scoring.cultural, scores.cultural],
    [scoring.price, scores.price],
  ];
  if (parts.some(([weight, score]) => weight > 0 && score === null)) return null;
  const total = parts.reduce((sum, [weight, score]) => sum + weight * (score ?? 0), 0) / 100;
  return Math.round(total * 100) / 100;
}
