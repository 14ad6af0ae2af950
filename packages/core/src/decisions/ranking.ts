import { isClearlyGreater, isNearlyEqual } from "./numbers";
import type { RankEntry } from "./types";

/**
 * Ranks options by score, highest first; options without a score come last. Equal scores share
 * a rank (1, 2, 2, 4) and keep the order given, which callers use for their own tie order.
 */
export function rankByScore(entries: readonly { optionId: string; score: number | null }[]): RankEntry[] {
  const order = entries.map((e, i) => ({ ...e, i }));
  order.sort((a, b) => {
    if (a.score === null || b.score === null) return (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) || a.i - b.i;
    if (isNearlyEqual(a.score, b.score)) return a.i - b.i;
    return b.score - a.score;
  });
  const ranked: RankEntry[] = [];
  order.forEach((entry, index) => {
    const previous = ranked[index - 1];
    const sameAsPrevious =
      previous !== undefined &&
      (entry.score === null ? previous.score === null : previous.score !== null && isNearlyEqual(previous.score, entry.score));
    ranked.push({ optionId: entry.optionId, score: entry.score, rank: sameAsPrevious && previous ? previous.rank : index + 1 });
  });
  return ranked;
}

/** The options tied at the top score; empty when nothing scored above zero (or at all when allowZero). */
export function topScorers(entries: readonly { optionId: string; score: number | null }[], allowZero: boolean): string[] {
  const scored = entries.filter((e): e is { optionId: string; score: number } => e.score !== null);
  if (scored.length === 0) return [];
  const top = Math.max(...scored.map((e) => e.score));
  if (!allowZero && !isClearlyGreater(top, 0)) return [];
  return scored.filter((e) => isNearlyEqual(e.score, top)).map((e) => e.optionId);
}
