import type { SeatRule, Stance } from "./types";
import { stances as stanceOrder } from "./types";

/** A seat's stance derived from its delegates' stances. */
export interface SeatStance {
  /** The seat's stance; "split" when the rule yields none; null when no delegate took part. */
  stance: Stance | "split" | null;
  /** The delegates did not all take the same stance. */
  split: boolean;
  /** How many delegates took each stance. */
  delegateCounts: Readonly<Partial<Record<Stance, number>>>;
  /** The seat's one vote as shares per stance: sums to 1, or to 0 for a seat split under majority/unanimous. */
  shares: Readonly<Partial<Record<Stance, number>>>;
}

/**
 * Derives a seat's stance from its participating delegates (see SeatRule):
 * majority — the most common stance, a tie at the top is split and counts neither way;
 * unanimous — the common stance when all agree, otherwise split;
 * proportional — each delegate carries an equal share of the seat's vote.
 */
export function deriveSeatStance(delegateStances: readonly Stance[], rule: SeatRule): SeatStance {
  const counts: Partial<Record<Stance, number>> = {};
  for (const s of delegateStances) counts[s] = (counts[s] ?? 0) + 1;
  const present = stanceOrder.filter((s) => (counts[s] ?? 0) > 0);
  const n = delegateStances.length;
  if (n === 0) return { stance: null, split: false, delegateCounts: counts, shares: {} };
  const split = present.length > 1;
  if (!split) {
    const only = present[0] as Stance;
    return { stance: only, split: false, delegateCounts: counts, shares: { [only]: 1 } };
  }
  switch (rule) {
    case "majority": {
      const top = Math.max(...present.map((s) => counts[s] ?? 0));
      const leaders = present.filter((s) => counts[s] === top);
      if (leaders.length === 1) {
        const leader = leaders[0] as Stance;
        return { stance: leader, split: true, delegateCounts: counts, shares: { [leader]: 1 } };
      }
      return { stance: "split", split: true, delegateCounts: counts, shares: {} };
    }
    case "unanimous":
      return { stance: "split", split: true, delegateCounts: counts, shares: {} };
    case "proportional": {
      const shares: Partial<Record<Stance, number>> = {};
      for (const s of present) shares[s] = (counts[s] ?? 0) / n;
      return { stance: "split", split: true, delegateCounts: counts, shares };
    }
  }
}
