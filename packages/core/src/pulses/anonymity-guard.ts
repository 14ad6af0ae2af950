import { AppError } from "../errors";
import { resolveMinGroupSize } from "./min-group-size";
import { pulseBank, pulseDynamics, pulseScales, type PulseDynamic, type PulseItem, type PulseScale } from "./pulse-bank";
import { orientPulseValue, scorePulseValue, validatePulseAnswer } from "./score-pulse-value";

/**
 * The anonymity guard: the only way pulse answers leave storage.
 *
 * Rule (reference/pulse-bank.md, "Anonymity rules"): an aggregate is shown only when at least
 * k respondents contribute, for every filter combination, and no two shown aggregates may be
 * subtracted into a smaller group. The guard does not judge queries one by one (that is what
 * differencing defeats); it answers only on a fixed partition of the answers into cells:
 *
 * 1. A *slot* is one question as asked: (pulse, item, target seat). Each respondent gives at
 *    most one answer per slot, so answers are the unknowns and slots partition them.
 * 2. Within a slot, the answers are split by respondent seat. A seat with at least k
 *    respondents is its own cell; seats with fewer are pooled into one remainder cell.
 * 3. Complementary suppression: if the remainder is non-empty but smaller than k, the smallest
 *    large seat (ties by seat id) is merged into it, so the remainder reaches k and cannot be
 *    recovered as "slot total minus the shown seats". If the whole slot has fewer than k
 *    respondents, the slot is one suppressed cell that no query may touch.
 * 4. A query selects a set of answers (filters on pulse, item or dynamic, respondent seat,
 *    target seat, in any combination). It is answered only if that set is exactly a union of
 *    allowed cells; touching a suppressed cell or only part of a cell hides the whole answer.
 *
 * Why this is sound: every shown sum, count or distribution is a sum of cell aggregates, and
 * cells are disjoint, so any linear combination of shown answers is a combination of cells:
 * its support is a union of whole cells, each with at least k distinct respondents. No
 * sequence of queries, by one viewer or by colluding viewers, can isolate one answer or any
 * group below k. The partition depends only on who answered which slot, never on values, so
 * whether an answer is hidden says nothing about any answer. Hidden answers all carry the same
 * message (no count, no reason), so "all seats but X" and "seat X" look alike when hidden.
 *
 * Over time: answers are aggregated only once their pulse is closed (`closedPulseIds`), and a
 * closed pulse's answers must never change, or "before" minus "after" would isolate the
 * newcomer. Changing k is safe: the partition for a larger k is a coarsening of the one for a
 * smaller k (tested), so views taken under both are still unions of the finer cells.
 *
 * Limits (inherent to any aggregate, not to this rule): a unanimous cell reveals that everyone
 * in it gave the same answer; a respondent can subtract their own answer from a cell of k to
 * learn the sum of the other k − 1 (hence k is never below 3).
 *
 * Directional trust: partners see a directional item only aggregated over respondent seats —
 * about their own seat, or about every seat at once. Per-seat and pairwise directional views
 * (A's trust in B) are for facilitators, still under k. Facilitators never see cells below k.
 */
export interface PulseResponse {
  pulseId: string;
  itemId: string;
  /** Opaque and scoped to one pulse: not a person id and not linkable across pulses. */
  respondentKey: string;
  respondentSeatId: string;
  /** The seat asked about, for directional items; null otherwise. */
  targetSeatId: string | null;
  value: number;
}

export interface PulseQueryFilter {
  pulseIds?: readonly string[];
  itemIds?: readonly string[];
  dynamics?: readonly PulseDynamic[];
  respondentSeatIds?: readonly string[];
  targetSeatIds?: readonly string[];
}

export const pulseMeasures = ["mean", "count", "distribution"] as const;
export type PulseMeasure = (typeof pulseMeasures)[number];

export interface PulseQuery extends PulseQueryFilter {
  measure: PulseMeasure;
}

/** Who is looking: a facilitator, or a partner acting for one seat. */
export type PulseAudience = { kind: "facilitator" } | { kind: "partner"; seatId: string };

export interface HiddenPulseAnswer {
  status: "hidden";
  k: number;
  /** Always "hidden: fewer than k respondents" (k filled in), whatever the cause. */
  message: string;
}

interface ShownBase {
  status: "shown";
  /** Distinct respondents (per pulse) behind the answer; always at least k. */
  respondents: number;
  responses: number;
}

export interface ShownPulseCount extends ShownBase {
  measure: "count";
}

export interface ShownPulseMean extends ShownBase {
  measure: "mean";
  /** Mean score, 0 (worst) to 1 (best), reversed items flipped. */
  score: number;
  /** Mean on the items' own scale (oriented so higher is better) when they share one scale. */
  meanOnScale: number | null;
  scale: PulseScale | null;
}

export interface ShownPulseDistribution extends ShownBase {
  measure: "distribution";
  scale: PulseScale;
  /** Answers per point of the scale, oriented so higher is better. */
  counts: { value: number; label: string; count: number }[];
}

export interface ShownPulseAnswers {
  count: ShownPulseCount;
  mean: ShownPulseMean;
  distribution: ShownPulseDistribution;
}

export type PulseAnswer<M extends PulseMeasure = PulseMeasure> = ShownPulseAnswers[M] | HiddenPulseAnswer;

/** A cell of the partition. Only allowed cells ever leave the guard (see {@link AnonymityGuard.listShownCells}). */
export interface PulseCell {
  pulseId: string;
  itemId: string;
  targetSeatId: string | null;
  /** Respondent seats pooled in the cell, sorted. */
  respondentSeatIds: string[];
  respondents: number;
  allowed: boolean;
}

export interface PulsePartition {
  cells: PulseCell[];
  /** For each response (same order as the input), the index of its cell. */
  cellOfResponse: number[];
}

export interface AnonymityGuard {
  readonly k: number;
  /** Answers one aggregate query for an audience; hidden unless it is a union of allowed cells. */
  answer<M extends PulseMeasure>(query: PulseQuery & { measure: M }, audience: PulseAudience): PulseAnswer<M>;
  /** The cells that may be shown (each with at least k respondents): what breakdowns exist. */
  listShownCells(): Omit<PulseCell, "allowed">[];
}

const separator = "\u0000";

function slotKeyOf(response: PulseResponse): string {
  return [response.pulseId, response.itemId, response.targetSeatId ?? ""].join(separator);
}

/**
 * Splits stored answers into the guard's cells (steps 1–3 above). Exported for tests and the
 * database layer's own checks; never send suppressed cells' counts to anyone.
 */
export function partitionPulseCells(responses: readonly PulseResponse[], k: number): PulsePartition {
  const slots = new Map<string, number[]>();
  responses.forEach((response, index) => {
    const key = slotKeyOf(response);
    const list = slots.get(key);
    if (list) list.push(index);
    else slots.set(key, [index]);
  });
  const cells: PulseCell[] = [];
  const cellOfResponse = new Array<number>(responses.length).fill(-1);
  const addCell = (indexes: number[], seatIds: string[], allowed: boolean): void => {
    const first = responses[indexes[0] as number] as PulseResponse;
    const cellIndex = cells.length;
    cells.push({
      pulseId: first.pulseId,
      itemId: first.itemId,
      targetSeatId: first.targetSeatId,
      respondentSeatIds: [...seatIds].sort(),
      respondents: indexes.length,
      allowed,
    });
    for (const index of indexes) cellOfResponse[index] = cellIndex;
  };
  for (const indexes of slots.values()) {
    const bySeat = new Map<string, number[]>();
    for (const index of indexes) {
      const seatId = (responses[index] as PulseResponse).respondentSeatId;
      const list = bySeat.get(seatId);
      if (list) list.push(index);
      else bySeat.set(seatId, [index]);
    }
    if (indexes.length < k) {
      addCell(indexes, [...bySeat.keys()], false);
      continue;
    }
    const large = [...bySeat.entries()]
      .filter(([, list]) => list.length >= k)
      .sort(([seatA, a], [seatB, b]) => a.length - b.length || (seatA < seatB ? -1 : seatA > seatB ? 1 : 0));
    const remainderSeats = [...bySeat.keys()].filter((seatId) => (bySeat.get(seatId) as number[]).length < k);
    const remainder = remainderSeats.flatMap((seatId) => bySeat.get(seatId) as number[]);
    if (remainder.length > 0 && remainder.length < k) {
      const [smallestSeat, smallestList] = large.shift() as [string, number[]];
      remainderSeats.push(smallestSeat);
      remainder.push(...smallestList);
    }
    for (const [seatId, list] of large) addCell(list, [seatId], true);
    if (remainder.length > 0) addCell(remainder, remainderSeats, true);
  }
  return { cells, cellOfResponse };
}

function requireFilterList(field: string, value: readonly string[] | undefined): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== "string" || v.length === 0)) {
    throw new AppError("validation_failed", `${field} is a non-empty list of ids; leave it out to mean all.`, { field });
  }
}

/** Bank items a filter can reach (by item and dynamic; a target filter keeps only directional items). */
function matchItems(filter: PulseQueryFilter, bank: readonly PulseItem[]): PulseItem[] {
  return bank.filter(
    (item) =>
      (filter.itemIds === undefined || filter.itemIds.includes(item.id)) &&
      (filter.dynamics === undefined || filter.dynamics.includes(item.dynamic)) &&
      (filter.targetSeatIds === undefined || item.directional),
  );
}

function validateQuery(query: PulseQuery, bank: readonly PulseItem[]): void {
  if (!(pulseMeasures as readonly string[]).includes(query?.measure)) {
    throw new AppError("validation_failed", "Ask for a mean, a count or a distribution.", { field: "measure" });
  }
  requireFilterList("pulseIds", query.pulseIds);
  requireFilterList("itemIds", query.itemIds);
  requireFilterList("dynamics", query.dynamics);
  requireFilterList("respondentSeatIds", query.respondentSeatIds);
  requireFilterList("targetSeatIds", query.targetSeatIds);
  for (const itemId of query.itemIds ?? []) {
    if (!bank.some((item) => item.id === itemId)) throw new AppError("validation_failed", `No pulse item ${itemId} in the bank.`, { itemId });
  }
  for (const dynamic of query.dynamics ?? []) {
    if (!(pulseDynamics as readonly string[]).includes(dynamic)) throw new AppError("validation_failed", `No dynamic ${dynamic}.`, { dynamic });
  }
  if (query.measure === "distribution") {
    const scales = new Set(matchItems(query, bank).map((item) => item.scale));
    if (scales.size > 1) {
      throw new AppError("validation_failed", "A distribution needs items on one scale; filter by item or dynamic.", { field: "itemIds" });
    }
  }
}

/**
 * True when the audience may ask this query at all (independent of the data): partners see
 * directional items only aggregated over respondent seats, about their own seat or about all.
 */
export function isPulseQueryAllowedFor(query: PulseQueryFilter, audience: PulseAudience, bank: readonly PulseItem[] = pulseBank): boolean {
  if (audience.kind === "facilitator") return true;
  if (!matchItems(query, bank).some((item) => item.directional)) return true;
  if (query.respondentSeatIds !== undefined) return false;
  if (query.targetSeatIds === undefined) return true;
  return query.targetSeatIds.length === 1 && query.targetSeatIds[0] === audience.seatId;
}

/** The one message every hidden answer carries. */
export function hiddenMessage(k: number): string {
  return `hidden: fewer than ${k} respondents`;
}

function matchesResponse(filter: PulseQueryFilter, response: PulseResponse, item: PulseItem): boolean {
  return (
    (filter.pulseIds === undefined || filter.pulseIds.includes(response.pulseId)) &&
    (filter.itemIds === undefined || filter.itemIds.includes(response.itemId)) &&
    (filter.dynamics === undefined || filter.dynamics.includes(item.dynamic)) &&
    (filter.respondentSeatIds === undefined || filter.respondentSeatIds.includes(response.respondentSeatId)) &&
    (filter.targetSeatIds === undefined || (response.targetSeatId !== null && filter.targetSeatIds.includes(response.targetSeatId)))
  );
}

export interface CreateAnonymityGuardInput {
  /** Stored answers; those of pulses not listed in closedPulseIds are left out. */
  responses: readonly PulseResponse[];
  /** Only closed pulses are aggregated: a growing pulse could be differenced over time. */
  closedPulseIds: readonly string[];
  /** The alliance's minimum group size: default 5, never below 3. */
  k?: number | null;
  bank?: readonly PulseItem[];
}

/**
 * Builds the guard over one alliance's stored answers of closed pulses. Validates every answer
 * (known item, value on scale, target only for directional items, one seat per respondent key
 * and pulse, one answer per respondent and slot) and fixes the partition for k.
 */
export function createAnonymityGuard(input: CreateAnonymityGuardInput): AnonymityGuard {
  const k = resolveMinGroupSize(input.k);
  const bank = input.bank ?? pulseBank;
  const itemsById = new Map(bank.map((item) => [item.id, item]));
  if (!Array.isArray(input.closedPulseIds)) {
    throw new AppError("validation_failed", "List the closed pulses: only their answers are aggregated.", { field: "closedPulseIds" });
  }
  const closed = new Set(input.closedPulseIds);
  const responses = input.responses.filter((response) => closed.has(response.pulseId)).map((response) => ({ ...response }));
  const seatOfRespondent = new Map<string, string>();
  const answered = new Set<string>();
  const items: PulseItem[] = responses.map((response) => {
    const item = itemsById.get(response.itemId);
    if (!item) throw new AppError("validation_failed", `No pulse item ${response.itemId} in the bank.`, { itemId: response.itemId });
    if (!response.pulseId || !response.respondentKey || !response.respondentSeatId) {
      throw new AppError("validation_failed", "A pulse response needs a pulse, a respondent key and a respondent seat.", { itemId: item.id });
    }
    validatePulseAnswer(item, response);
    const respondent = response.pulseId + separator + response.respondentKey;
    const seatId = seatOfRespondent.get(respondent);
    if (seatId !== undefined && seatId !== response.respondentSeatId) {
      throw new AppError("validation_failed", "A respondent answers a pulse for one seat only.", { pulseId: response.pulseId });
    }
    seatOfRespondent.set(respondent, response.respondentSeatId);
    const answerKey = slotKeyOf(response) + separator + response.respondentKey;
    if (answered.has(answerKey)) throw new AppError("validation_failed", "A respondent answers each question once.", { pulseId: response.pulseId, itemId: item.id });
    answered.add(answerKey);
    return item;
  });
  const { cells, cellOfResponse } = partitionPulseCells(responses, k);
  const hidden = (): HiddenPulseAnswer => ({ status: "hidden", k, message: hiddenMessage(k) });

  function answer<M extends PulseMeasure>(query: PulseQuery & { measure: M }, audience: PulseAudience): PulseAnswer<M> {
    validateQuery(query, bank);
    if (audience?.kind !== "facilitator" && !(audience?.kind === "partner" && typeof audience.seatId === "string")) {
      throw new AppError("validation_failed", "Say who is looking: a facilitator or a partner seat.", { field: "audience" });
    }
    if (!isPulseQueryAllowedFor(query, audience, bank)) {
      throw new AppError("forbidden", "Partners see directional items only aggregated over the other seats, about their own seat or all seats.");
    }
    const selected: number[] = [];
    responses.forEach((response, index) => {
      if (matchesResponse(query, response, items[index] as PulseItem)) selected.push(index);
    });
    const touched = new Map<number, number>();
    for (const index of selected) {
      const cell = cellOfResponse[index] as number;
      touched.set(cell, (touched.get(cell) ?? 0) + 1);
    }
    for (const [cellIndex, count] of touched) {
      const cell = cells[cellIndex] as PulseCell;
      if (!cell.allowed || count !== cell.respondents) return hidden();
    }
    const respondents = new Set(selected.map((index) => {
      const response = responses[index] as PulseResponse;
      return response.pulseId + separator + response.respondentKey;
    })).size;
    if (respondents < k) return hidden(); // also covers the empty selection: no "0" ever leaks
    const base = { status: "shown" as const, respondents, responses: selected.length };
    const scales = new Set(selected.map((index) => (items[index] as PulseItem).scale));
    const scale = scales.size === 1 ? ([...scales][0] as PulseScale) : null;
    let shown: ShownPulseAnswers[PulseMeasure];
    switch (query.measure) {
      case "count":
        shown = { ...base, measure: "count" };
        break;
      case "mean": {
        let scoreSum = 0;
        let orientedSum = 0;
        for (const index of selected) {
          const item = items[index] as PulseItem;
          const value = (responses[index] as PulseResponse).value;
          scoreSum += scorePulseValue(item, value);
          orientedSum += orientPulseValue(item, value);
        }
        shown = { ...base, measure: "mean", score: scoreSum / selected.length, meanOnScale: scale ? orientedSum / selected.length : null, scale };
        break;
      }
      case "distribution": {
        const distributionScale = scale as PulseScale; // validateQuery guarantees one scale
        const { min, labels } = pulseScales[distributionScale];
        const counts = labels.map((label, offset) => ({ value: min + offset, label, count: 0 }));
        for (const index of selected) {
          const oriented = orientPulseValue(items[index] as PulseItem, (responses[index] as PulseResponse).value);
          (counts[oriented - min] as { count: number }).count += 1;
        }
        shown = { ...base, measure: "distribution", scale: distributionScale, counts };
        break;
      }
    }
    return shown as PulseAnswer<M>;
  }

  return {
    k,
    answer,
    listShownCells: () =>
      cells
        .filter((cell) => cell.allowed)
        .map((cell) => ({ pulseId: cell.pulseId, itemId: cell.itemId, targetSeatId: cell.targetSeatId, respondentSeatIds: [...cell.respondentSeatIds], respondents: cell.respondents })),
  };
}

/** True when an answer may be shown (narrows the type). */
export function isShownPulseAnswer<M extends PulseMeasure>(answer: PulseAnswer<M>): answer is ShownPulseAnswers[M] {
  return answer.status === "shown";
}
