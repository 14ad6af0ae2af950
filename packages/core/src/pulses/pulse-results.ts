import { AppError } from "../errors";
import { isPulseQueryAllowedFor, isShownPulseAnswer, type AnonymityGuard, type PulseAnswer, type PulseAudience, type PulseQuery } from "./anonymity-guard";
import { findPulseItem, pulseBank, pulseDynamics, type PulseDynamic, type PulseItem } from "./pulse-bank";

/**
 * Results are built only from the guard's answers, so every number here has passed the
 * k-respondent and differencing rule; a breakdown the audience may not ask is left out, and
 * one with too few respondents comes back hidden.
 */
export interface SeatPulseAnswer {
  seatId: string;
  answer: PulseAnswer<"mean">;
}

export interface PulseItemResult {
  itemId: string;
  dynamic: PulseDynamic;
  directional: boolean;
  /** Everyone's answers (directional: about every seat). */
  overall: PulseAnswer<"mean">;
  distribution: PulseAnswer<"distribution">;
  /** By respondent seat (how each seat answered); empty when the audience may not see it. */
  bySeat: SeatPulseAnswer[];
  /** Directional only: how the other seats rate each seat; partners get their own seat only. */
  aboutSeat: SeatPulseAnswer[];
}

export interface PulseDynamicResult {
  dynamic: PulseDynamic;
  itemIds: string[];
  overall: PulseAnswer<"mean">;
  bySeat: SeatPulseAnswer[];
  aboutSeat: SeatPulseAnswer[];
}

export interface PulseSummary {
  pulseId: string;
  k: number;
  items: PulseItemResult[];
  dynamics: PulseDynamicResult[];
}

export interface PulseResultsContext {
  guard: AnonymityGuard;
  audience: PulseAudience;
  bank?: readonly PulseItem[];
}

function askMean(context: PulseResultsContext, query: Omit<PulseQuery, "measure">): PulseAnswer<"mean"> | null {
  if (!isPulseQueryAllowedFor(query, context.audience, context.bank ?? pulseBank)) return null;
  return context.guard.answer({ ...query, measure: "mean" }, context.audience);
}

function seatAnswers(context: PulseResultsContext, seatIds: readonly string[], query: (seatId: string) => Omit<PulseQuery, "measure">): SeatPulseAnswer[] {
  const rows: SeatPulseAnswer[] = [];
  for (const seatId of seatIds) {
    const answer = askMean(context, query(seatId));
    if (answer) rows.push({ seatId, answer });
  }
  return rows;
}

function seatsAskedAbout(context: PulseResultsContext, seatIds: readonly string[]): readonly string[] {
  return context.audience.kind === "partner" ? seatIds.filter((seatId) => seatId === (context.audience as { seatId: string }).seatId) : seatIds;
}

/** The results of one pulse: per item and per dynamic, overall, by seat and (directional) about each seat. */
export function summarizePulse(context: PulseResultsContext, input: { pulseId: string; itemIds: readonly string[]; seatIds: readonly string[] }): PulseSummary {
  const bank = context.bank ?? pulseBank;
  const pulseIds = [input.pulseId];
  const pulseItems = input.itemIds.map((itemId) => findPulseItem(itemId, bank));
  const items = pulseItems.map((item): PulseItemResult => {
    const itemIds = [item.id];
    return {
      itemId: item.id,
      dynamic: item.dynamic,
      directional: item.directional,
      overall: context.guard.answer({ pulseIds, itemIds, measure: "mean" }, context.audience),
      distribution: context.guard.answer({ pulseIds, itemIds, measure: "distribution" }, context.audience),
      bySeat: seatAnswers(context, input.seatIds, (seatId) => ({ pulseIds, itemIds, respondentSeatIds: [seatId] })),
      aboutSeat: item.directional ? seatAnswers(context, seatsAskedAbout(context, input.seatIds), (seatId) => ({ pulseIds, itemIds, targetSeatIds: [seatId] })) : [],
    };
  });
  const dynamics = pulseDynamics
    .map((dynamic) => ({ dynamic, itemIds: pulseItems.filter((item) => item.dynamic === dynamic).map((item) => item.id) }))
    .filter(({ itemIds }) => itemIds.length > 0)
    .map(({ dynamic, itemIds }): PulseDynamicResult => {
      const directionalIds = itemIds.filter((itemId) => findPulseItem(itemId, bank).directional);
      return {
        dynamic,
        itemIds,
        overall: context.guard.answer({ pulseIds, itemIds, measure: "mean" }, context.audience),
        bySeat: seatAnswers(context, input.seatIds, (seatId) => ({ pulseIds, itemIds, respondentSeatIds: [seatId] })),
        aboutSeat:
          directionalIds.length > 0
            ? seatAnswers(context, seatsAskedAbout(context, input.seatIds), (seatId) => ({ pulseIds, itemIds: directionalIds, targetSeatIds: [seatId] }))
            : [],
      };
    });
  return { pulseId: input.pulseId, k: context.guard.k, items, dynamics };
}

export interface PulseTrendPoint {
  pulseId: string;
  /** False when the item (or no item of the dynamic) was in that pulse's rotation. */
  asked: boolean;
  answer: PulseAnswer<"mean"> | null;
}

export interface PulseTrend {
  points: PulseTrendPoint[];
  /** Score of the last shown point minus the one shown before it; null with fewer than two. */
  change: number | null;
}

/**
 * The same item (or dynamic) over successive pulses, oldest first. A dynamic's items differ
 * from pulse to pulse with the rotation, so its trend compares like with like only roughly.
 */
export function trendPulseResults(
  context: PulseResultsContext,
  input: {
    pulses: readonly { id: string; itemIds: readonly string[] }[];
    itemId?: string;
    dynamic?: PulseDynamic;
    respondentSeatId?: string;
    targetSeatId?: string;
  },
): PulseTrend {
  const bank = context.bank ?? pulseBank;
  if ((input.itemId === undefined) === (input.dynamic === undefined)) {
    throw new AppError("validation_failed", "A trend follows one item or one dynamic.", { field: "itemId" });
  }
  if (input.itemId !== undefined) findPulseItem(input.itemId, bank);
  const filter: Omit<PulseQuery, "measure" | "pulseIds"> = {
    ...(input.itemId !== undefined ? { itemIds: [input.itemId] } : { dynamics: [input.dynamic as PulseDynamic] }),
    ...(input.respondentSeatId !== undefined ? { respondentSeatIds: [input.respondentSeatId] } : {}),
    ...(input.targetSeatId !== undefined ? { targetSeatIds: [input.targetSeatId] } : {}),
  };
  if (!isPulseQueryAllowedFor(filter, context.audience, bank)) {
    throw new AppError("forbidden", "Partners see directional items only aggregated over the other seats, about their own seat or all seats.");
  }
  const points = input.pulses.map((pulse): PulseTrendPoint => {
    const asked = pulse.itemIds.some((itemId) =>
      input.itemId !== undefined ? itemId === input.itemId : bank.some((item) => item.id === itemId && item.dynamic === input.dynamic),
    );
    return { pulseId: pulse.id, asked, answer: asked ? context.guard.answer({ ...filter, pulseIds: [pulse.id], measure: "mean" }, context.audience) : null };
  });
  const shownScores = points.flatMap((point) => (point.answer && isShownPulseAnswer(point.answer) ? [point.answer.score] : []));
  const last = shownScores[shownScores.length - 1];
  const previous = shownScores[shownScores.length - 2];
  return { points, change: last !== undefined && previous !== undefined ? last - previous : null };
}

export interface PerceptionGapRow {
  level: "item" | "dynamic";
  /** The item id or the dynamic. */
  key: string;
  /** Mean score (0–1) of each seat whose answers meet k; other seats are left out. */
  seats: { seatId: string; score: number; respondents: number }[];
  /** Highest minus lowest seat mean; null with fewer than two seats shown. */
  spread: number | null;
  /** Population standard deviation of the seat means; null with fewer than two seats shown. */
  standardDeviation: number | null;
}

export interface DirectionalPerceptionGap {
  /** The directional item, or null for the directional items of the dynamic taken together. */
  itemId: string | null;
  dynamic: PulseDynamic;
  seatA: string;
  seatB: string;
  /** A's rating of B and B's rating of A (mean scores 0–1). */
  aTowardB: number;
  bTowardA: number;
  /** |aTowardB − bTowardA|. */
  gap: number;
}

export interface PerceptionGap {
  byItem: PerceptionGapRow[];
  byDynamic: PerceptionGapRow[];
  /** Facilitators only: pairs where both directions meet k. */
  directional: DirectionalPerceptionGap[];
}

function gapRow(level: PerceptionGapRow["level"], key: string, seatRows: SeatPulseAnswer[]): PerceptionGapRow {
  const seats = seatRows.flatMap(({ seatId, answer }) => (isShownPulseAnswer(answer) ? [{ seatId, score: answer.score, respondents: answer.respondents }] : []));
  if (seats.length < 2) return { level, key, seats, spread: null, standardDeviation: null };
  const scores = seats.map((seat) => seat.score);
  const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
  const variance = scores.reduce((sum, score) => sum + (score - mean) ** 2, 0) / scores.length;
  return { level, key, seats, spread: Math.max(...scores) - Math.min(...scores), standardDeviation: Math.sqrt(variance) };
}

/**
 * The perception gap (reference/health-signals.md): how far seats' ratings of the same aspect
 * differ — spread (max − min) and standard deviation of seat means, over seats that meet k —
 * per item and per dynamic; and, for facilitators, A's trust in B against B's trust in A.
 */
export function measurePerceptionGap(
  context: PulseResultsContext,
  input: { pulseIds: readonly string[]; itemIds: readonly string[]; seatIds: readonly string[] },
): PerceptionGap {
  const bank = context.bank ?? pulseBank;
  const pulseIds = [...input.pulseIds];
  const items = [...new Set(input.itemIds)].map((itemId) => findPulseItem(itemId, bank));
  const bySeat = (itemIds: string[]) => seatAnswers(context, input.seatIds, (seatId) => ({ pulseIds, itemIds, respondentSeatIds: [seatId] }));
  // Partners may not break directional items down by respondent seat: those rows are left out.
  const canCompareSeats = (itemIds: string[]) =>
    input.seatIds.every((seatId) => isPulseQueryAllowedFor({ pulseIds, itemIds, respondentSeatIds: [seatId] }, context.audience, bank));
  const byItem = items.filter((item) => canCompareSeats([item.id])).map((item) => gapRow("item", item.id, bySeat([item.id])));
  const byDynamic = pulseDynamics
    .map((dynamic) => ({ dynamic, itemIds: items.filter((item) => item.dynamic === dynamic).map((item) => item.id) }))
    .filter(({ itemIds }) => itemIds.length > 0 && canCompareSeats(itemIds))
    .map(({ dynamic, itemIds }) => gapRow("dynamic", dynamic, bySeat(itemIds)));
  const directional: DirectionalPerceptionGap[] = [];
  if (context.audience.kind === "facilitator") {
    const directionalItems = items.filter((item) => item.directional);
    const groups: { itemId: string | null; dynamic: PulseDynamic; itemIds: string[] }[] = [
      ...directionalItems.map((item) => ({ itemId: item.id, dynamic: item.dynamic, itemIds: [item.id] })),
      ...pulseDynamics
        .map((dynamic) => ({ itemId: null, dynamic, itemIds: directionalItems.filter((item) => item.dynamic === dynamic).map((item) => item.id) }))
        .filter(({ itemIds }) => itemIds.length > 1),
    ];
    for (const group of groups) {
      input.seatIds.forEach((seatA, indexA) => {
        for (const seatB of input.seatIds.slice(indexA + 1)) {
          const ask = (from: string, to: string) =>
            context.guard.answer({ pulseIds, itemIds: group.itemIds, respondentSeatIds: [from], targetSeatIds: [to], measure: "mean" }, context.audience);
          const aToB = ask(seatA, seatB);
          const bToA = ask(seatB, seatA);
          if (isShownPulseAnswer(aToB) && isShownPulseAnswer(bToA)) {
            directional.push({ itemId: group.itemId, dynamic: group.dynamic, seatA, seatB, aTowardB: aToB.score, bTowardA: bToA.score, gap: Math.abs(aToB.score - bToA.score) });
          }
        }
      });
    }
  }
  return { byItem, byDynamic, directional };
}
