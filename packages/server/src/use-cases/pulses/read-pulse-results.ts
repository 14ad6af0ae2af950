import { AppError, can, isFacilitator, type AllianceViewer } from "@trellis/core";
import {
  createAnonymityGuard,
  measurePerceptionGap,
  pulseResponseRate,
  summarizePulse,
  trendPulseResults,
  type AnonymityGuard,
  type PerceptionGap,
  type PulseAnswer,
  type PulseAudience,
  type PulseDynamic,
  type PulseQuery,
  type PulseResponseRate,
  type PulseSummary,
  type PulseTrend,
} from "@trellis/core/pulses";
import { countPulseInvitees, countPulseRespondents, listPulseRows, loadClosedPulseResponses, loadPulseSettings, type Db, type PulseRow } from "@trellis/db";
import { listSeatNames } from "./answer-pulse";

/**
 * Everything pulse results are made of. Answers leave storage only through the core anonymity
 * guard built here: per item and dynamic, by seat where allowed, trends, the perception gap and
 * any filter combination are all the guard's answers (or core functions over them).
 */
export interface PulseResultsScope {
  guard: AnonymityGuard;
  audience: PulseAudience;
  seats: { id: string; name: string }[];
  /** Oldest first. */
  pulses: PulseRow[];
}

/**
 * Who the viewer is to the guard: a facilitator (unless they ask to look as one of their seats),
 * or a partner for one seat (the one named, else their first). Someone acting for no seat (an
 * observer, counsel) is a partner of no seat: aggregates only, nothing "about my seat".
 */
export function pulseAudienceOf(viewer: AllianceViewer, asSeatId?: string): PulseAudience {
  if (asSeatId !== undefined && !viewer.seatIds.includes(asSeatId)) throw new AppError("forbidden", "You can look at results only as a seat you act for.");
  if (isFacilitator(viewer) && asSeatId === undefined) return { kind: "facilitator" };
  return { kind: "partner", seatId: asSeatId ?? viewer.seatIds[0] ?? "" };
}

/** Builds the guard over the alliance's closed pulses, with the alliance's k. */
export async function loadPulseResultsScope(db: Db, viewer: AllianceViewer, allianceId: string, asSeatId?: string): Promise<PulseResultsScope> {
  if (!can(viewer, "pulse.results")) throw new AppError("forbidden", "Your role does not see pulse results.");
  const audience = pulseAudienceOf(viewer, asSeatId);
  const [{ responses, closedPulseIds }, settings, seats, pulses] = await Promise.all([
    loadClosedPulseResponses(db, allianceId),
    loadPulseSettings(db, allianceId),
    listSeatNames(db, allianceId),
    listPulseRows(db, allianceId),
  ]);
  const guard = createAnonymityGuard({ responses, closedPulseIds, k: settings.minGroupSize });
  return { guard, audience, seats, pulses: [...pulses].reverse() };
}

/** The response rate of a pulse: frozen at close, live while open (a count of people, never of answers). */
export async function responseRatesOf(db: Db, allianceId: string, pulses: readonly PulseRow[], now: Date): Promise<Map<string, PulseResponseRate>> {
  const open = pulses.filter((pulse) => !pulse.closed_at);
  const live = await countPulseRespondents(db, open.map((pulse) => pulse.id));
  const invitedNow = open.length ? await countPulseInvitees(db, allianceId, now) : 0;
  return new Map(
    pulses.map((pulse) => {
      const respondents = pulse.closed_at ? (pulse.respondents ?? 0) : (live.get(pulse.id) ?? 0);
      const invited = pulse.closed_at ? (pulse.invited ?? 0) : Math.max(invitedNow, respondents);
      return [pulse.id, pulseResponseRate(respondents, invited)];
    }),
  );
}

function requirePulse(scope: PulseResultsScope, pulseId: string): PulseRow {
  const pulse = scope.pulses.find((candidate) => candidate.id === pulseId);
  if (!pulse) throw new AppError("not_found", "No such pulse.");
  return pulse;
}

/** One pulse's results: per item and per dynamic, overall, by seat and (directional) about each seat, as allowed. */
export function summarizePulseResults(scope: PulseResultsScope, pulseId: string): { pulse: PulseRow; summary: PulseSummary } {
  const pulse = requirePulse(scope, pulseId);
  const summary = summarizePulse({ guard: scope.guard, audience: scope.audience }, { pulseId, itemIds: pulse.item_ids, seatIds: scope.seats.map((seat) => seat.id) });
  return { pulse, summary };
}

/** One item or dynamic over the closed pulses, oldest first. */
export function trendOfPulses(
  scope: PulseResultsScope,
  input: { itemId?: string | undefined; dynamic?: PulseDynamic | undefined; respondentSeatId?: string | undefined; targetSeatId?: string | undefined },
): { pulses: PulseRow[]; trend: PulseTrend } {
  const pulses = scope.pulses.filter((pulse) => pulse.closed_at);
  const trend = trendPulseResults(
    { guard: scope.guard, audience: scope.audience },
    {
      pulses: pulses.map((pulse) => ({ id: pulse.id, itemIds: pulse.item_ids })),
      ...(input.itemId !== undefined ? { itemId: input.itemId } : {}),
      ...(input.dynamic !== undefined ? { dynamic: input.dynamic } : {}),
      ...(input.respondentSeatId !== undefined ? { respondentSeatId: input.respondentSeatId } : {}),
      ...(input.targetSeatId !== undefined ? { targetSeatId: input.targetSeatId } : {}),
    },
  );
  return { pulses, trend };
}

/** The perception gap over the given pulses (default: the latest closed one). */
export function perceptionGapOf(scope: PulseResultsScope, pulseIds: readonly string[] | undefined): { pulseIds: string[]; gap: PerceptionGap } {
  const closed = scope.pulses.filter((pulse) => pulse.closed_at);
  const chosen = pulseIds?.length ? pulseIds.map((id) => requirePulse(scope, id)) : closed.slice(-1);
  const itemIds = [...new Set(chosen.flatMap((pulse) => pulse.item_ids))];
  const gap = measurePerceptionGap({ guard: scope.guard, audience: scope.audience }, { pulseIds: chosen.map((pulse) => pulse.id), itemIds, seatIds: scope.seats.map((seat) => seat.id) });
  return { pulseIds: chosen.map((pulse) => pulse.id), gap };
}

/** Any aggregate: a filter combination and a measure, answered by the guard (hidden below k, refused when partners may not ask it). */
export function aggregatePulses(scope: PulseResultsScope, query: PulseQuery): PulseAnswer {
  return scope.guard.answer(query, scope.audience);
}
