import { compareText, isClearlyGreater, isNearlyEqual, sum } from "./numbers";
import type { RunoffRound } from "./types";

/** A ranking with the share of a vote it carries (a seat's vote is shared among its delegates). */
export interface WeightedBallot {
  ranking: readonly string[];
  weight: number;
}

export interface InstantRunoffResult {
  /** One winner, several when every continuing option ended tied, none when no ballot ranks anything. */
  winners: readonly string[];
  rounds: readonly RunoffRound[];
  /** Options in the order they were eliminated. */
  eliminated: readonly string[];
}

// Sorting ballots canonically first makes every floating-point sum independent of input order.
function canonicalBallots(ballots: readonly WeightedBallot[]): WeightedBallot[] {
  return [...ballots].sort((a, b) => compareText(a.ranking.join("\u0000"), b.ranking.join("\u0000")) || a.weight - b.weight);
}

/**
 * Instant runoff. Each round counts every ballot for its highest-ranked continuing option
 * (a ballot with none left is exhausted). An option with more than half of the continuing votes
 * wins. If every continuing option has the same count, they tie and all are winners. Otherwise
 * the option with the fewest votes is eliminated; a tie for fewest is broken by the earlier
 * rounds (backwards: keep those with the fewest votes in the latest round that tells them
 * apart), and if they tied in every round, the option listed last in the proposal goes first.
 */
export function countInstantRunoff(ballots: readonly WeightedBallot[], optionIds: readonly string[]): InstantRunoffResult {
  const sorted = canonicalBallots(ballots);
  const continuing = [...optionIds];
  const rounds: RunoffRound[] = [];
  const eliminated: string[] = [];

  for (;;) {
    const counts: Record<string, number> = {};
    for (const id of continuing) counts[id] = 0;
    let exhausted = 0;
    for (const ballot of sorted) {
      const choice = ballot.ranking.find((id) => counts[id] !== undefined);
      if (choice === undefined) exhausted += ballot.weight;
      else counts[choice] = (counts[choice] ?? 0) + ballot.weight;
    }
    const values = continuing.map((id) => counts[id] ?? 0);
    const active = sum(values);
    if (continuing.length === 0 || active <= 0 || isNearlyEqual(active, 0)) {
      rounds.push({ counts, exhausted, eliminated: null, tieBreak: "none" });
      return { winners: [], rounds, eliminated };
    }
    const top = Math.max(...values);
    if (isClearlyGreater(top, active / 2)) {
      rounds.push({ counts, exhausted, eliminated: null, tieBreak: "none" });
      return { winners: continuing.filter((id) => isNearlyEqual(counts[id] ?? 0, top)), rounds, eliminated };
    }
    const low = Math.min(...values);
    if (isNearlyEqual(top, low)) {
      rounds.push({ counts, exhausted, eliminated: null, tieBreak: "none" });
      return { winners: [...continuing], rounds, eliminated };
    }

    let tied = continuing.filter((id) => isNearlyEqual(counts[id] ?? 0, low));
    let tieBreak: RunoffRound["tieBreak"] = "none";
    if (tied.length > 1) {
      tieBreak = "option_order";
      for (let r = rounds.length - 1; r >= 0 && tied.length > 1; r--) {
        const earlier = (rounds[r] as RunoffRound).counts;
        const fewest = Math.min(...tied.map((id) => earlier[id] ?? 0));
        const narrowed = tied.filter((id) => isNearlyEqual(earlier[id] ?? 0, fewest));
        if (narrowed.length < tied.length) {
          tied = narrowed;
          if (tied.length === 1) tieBreak = "previous_rounds";
        }
      }
    }
    // Still tied after every earlier round: the one listed last in the proposal is eliminated.
    const loser = tied.reduce((a, b) => (optionIds.indexOf(a) > optionIds.indexOf(b) ? a : b));
    rounds.push({ counts, exhausted, eliminated: loser, tieBreak });
    eliminated.push(loser);
    continuing.splice(continuing.indexOf(loser), 1);
  }
}

/**
 * Borda count: with m options, a ballot gives its k-th ranked option (k from 0) m - 1 - k points
 * times its weight; options it leaves unranked get nothing. Returns points per option.
 */
export function countBorda(ballots: readonly WeightedBallot[], optionIds: readonly string[]): Record<string, number> {
  const m = optionIds.length;
  const points: Record<string, number> = {};
  for (const id of optionIds) points[id] = 0;
  for (const ballot of canonicalBallots(ballots)) {
    ballot.ranking.forEach((id, k) => {
      if (points[id] !== undefined) points[id] += (m - 1 - k) * ballot.weight;
    });
  }
  return points;
}
