import { pulseBank, pulseScales, type PulseItem } from "../pulses/pulse-bank";
import { DAY_MS } from "./facts";
import type { HealthDynamic, HealthFact, PositionStance, ProposalOutcome } from "./facts";

/**
 * Derives health facts from an alliance's event log: the product's events (commitments,
 * meetings, agendas, proposals, the charter, registers, pulses, alignment maps, seats) mapped to
 * the normalized facts the engine folds (facts.ts). Pure and deterministic: the same events and
 * lookups give the same facts, in the same order, with the same ids (`e<seq>` or `e<seq>.<n>`).
 * The mapping is documented in docs/briefs/health-api.md; keep its names stable.
 */

/** One event of the alliance's log, as the derivation needs it. */
export interface HealthSourceEvent {
  seq: number;
  type: string;
  occurredAt: string | Date;
  seatId: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
}

/** A closed pulse's answers to one item from one seat's respondents (about one seat for directional items). */
export interface PulseItemAggregate {
  itemId: string;
  respondentSeatId: string;
  targetSeatId: string | null;
  respondents: number;
  /** Sum of the answers on the item's own scale. */
  sum: number;
  /** People of the respondent seat invited to the pulse. */
  invited: number;
}

/** What the events do not carry, supplied by the caller (the server reads it from the database). */
export interface HealthFactLookups {
  /** The per-seat aggregates of a closed pulse; groups under `minGroupSize` respondents are dropped here too. */
  pulseAggregates?(pulseId: string): readonly PulseItemAggregate[];
  /** The seats expected at a meeting. */
  meetingSeats?(meetingId: string): readonly string[] | undefined;
  /** The seats present at a meeting (any of their people present, or present then left); else derived from attendance events. */
  meetingAttendance?(meetingId: string): readonly string[] | undefined;
  /** The seat a person acts for, when an event names a person and no seat. */
  seatOfPerson?(personId: string): string | undefined;
  /** The charter's renewal period in days (for the first charter, whose event does not say). */
  charterRenewalPeriodDays?: number;
  /** The anonymity threshold k of the alliance's pulses (default 5). */
  minGroupSize?: number;
}

/** A fact before its id is given. */
type FactInput = HealthFact extends infer F ? (F extends HealthFact ? Omit<F, "id"> : never) : never;

/** A stateful deriver: push events in seq order, get each event's facts. */
export interface HealthFactDeriver {
  push(event: HealthSourceEvent): HealthFact[];
}

const dissentStances = new Set<PositionStance>(["disagree", "block", "objection"]);
const stanceOf: Record<string, PositionStance> = { agree: "agree", abstain: "abstain", disagree: "disagree", block: "block", object: "objection" };
const adoptedResults = new Set(["passed", "chosen"]);
const rejectedResults = new Set(["failed", "tied", "no_votes", "no_quorum"]);
const healthDynamicOf: Partial<Record<PulseItem["dynamic"], HealthDynamic>> = {
  trust: "trust",
  candor: "candor",
  authorship: "authorship",
  rhythm: "rhythm",
  language: "language",
  presence: "presence",
};
const itemsById = new Map(pulseBank.map((item) => [item.id, item]));

function str(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

function obj(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function timeOf(value: unknown): number | null {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== "string") return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Days between two UTC dates "YYYY-MM-DD" (renewal period), null when either is missing. */
function daysBetween(from: unknown, to: unknown): number | null {
  const a = timeOf(typeof from === "string" && from.length === 10 ? `${from}T00:00:00Z` : from);
  const b = timeOf(typeof to === "string" && to.length === 10 ? `${to}T00:00:00Z` : to);
  return a === null || b === null || b <= a ? null : Math.round((b - a) / DAY_MS);
}

/** Creates a deriver that maps events one at a time, remembering what later events need (attendance, positions). */
export function createHealthFactDeriver(lookups: HealthFactLookups = {}): HealthFactDeriver {
  const k = lookups.minGroupSize ?? 5;
  /** meeting id -> seats present (attendance recorded as present or left). */
  const attendance = new Map<string, Map<string, Set<string>>>();
  /** proposal id -> seat -> latest stance. */
  const positions = new Map<string, Map<string, PositionStance>>();
  const closedProposals = new Set<string>();
  const divergentMaps = new Set<string>();
  const acknowledgedMaps = new Set<string>();

  const seatOf = (event: HealthSourceEvent, explicit?: unknown): string | null =>
    str(explicit) ?? event.seatId ?? (event.actorId ? (lookups.seatOfPerson?.(event.actorId) ?? null) : null);

  function push(event: HealthSourceEvent): HealthFact[] {
    const at = timeOf(event.occurredAt);
    if (at === null) return [];
    const p = event.payload;
    const out: HealthFact[] = [];
    const id = () => (out.length === 0 ? `e${event.seq}` : `e${event.seq}.${out.length}`);
    const add = (fact: FactInput) => out.push({ ...fact, id: id() } as HealthFact);

    if (event.type.startsWith("commitment.")) {
      deriveCommitment(event, at, add);
      return out;
    }
    switch (event.type) {
      case "seat.added": {
        const seatId = str(p.seatId) ?? event.seatId;
        if (seatId) add({ type: "seat.joined", at, recordId: seatId, seatId });
        break;
      }
      case "attendance.recorded":
      case "antitrust_notice.acknowledged":
      case "objection.recorded": {
        // Acknowledging the antitrust notice records the person present; objecting records them as having left.
        const meetingId = str(p.meetingId);
        const personId = str(p.personId) ?? event.actorId;
        const seatId = str(p.seatId) ?? event.seatId;
        if (!meetingId || !personId || !seatId) break;
        let people = attendance.get(meetingId);
        if (!people) attendance.set(meetingId, (people = new Map()));
        const present = event.type !== "attendance.recorded" || p.status === "present" || p.status === "left";
        const seats = people.get(seatId) ?? new Set<string>();
        if (present) seats.add(personId);
        else seats.delete(personId);
        people.set(seatId, seats);
        break;
      }
      case "meeting.held": {
        const meetingId = str(p.meetingId);
        if (!meetingId) break;
        const planned = timeOf(p.scheduledStart) ?? at;
        const started = timeOf(p.startedAt) ?? planned;
        const people = attendance.get(meetingId) ?? new Map<string, Set<string>>();
        const recorded = lookups.meetingAttendance?.(meetingId);
        const attending = recorded ? [...new Set(recorded)].sort() : [...people].filter(([, persons]) => persons.size > 0).map(([seatId]) => seatId).sort();
        const expected = [...(lookups.meetingSeats?.(meetingId) ?? attending)].sort();
        const cadenceId = str(p.cadenceId);
        add({ type: "meeting.scheduled", at: planned, recordId: meetingId, expectedSeatIds: expected, ...(cadenceId ? { cadenceId } : {}) });
        add({ type: "meeting.held", at: started, recordId: meetingId, expectedSeatIds: expected, attendingSeatIds: attending.filter((s) => expected.includes(s)) });
        attendance.delete(meetingId);
        break;
      }
      case "occurrence.cancelled": {
        // A planned meeting that did not take place: scheduled, never held.
        const start = timeOf(p.start);
        const cadenceId = str(p.cadenceId);
        const recordId = str(p.meetingId) ?? `${cadenceId ?? "cadence"}:${str(p.occurrenceKey) ?? event.seq}`;
        const expected = str(p.meetingId) ? (lookups.meetingSeats?.(str(p.meetingId) as string) ?? []) : [];
        if (start !== null) add({ type: "meeting.scheduled", at: start, recordId, expectedSeatIds: [...expected].sort(), ...(cadenceId ? { cadenceId } : {}) });
        break;
      }
      case "agenda_item.added": {
        const seatId = str(p.seatId) ?? event.seatId;
        const itemId = str(p.itemId);
        const meetingId = str(p.meetingId);
        if (seatId && itemId) add({ type: "agenda.item_added", at, recordId: itemId, seatId, ...(meetingId ? { meetingId } : {}) });
        break;
      }
      case "proposal.created": {
        const proposalId = str(p.proposalId);
        const seatId = seatOf(event);
        if (proposalId && seatId) add({ type: "proposal.created", at, recordId: proposalId, seatId });
        break;
      }
      case "position.taken": {
        const proposalId = str(p.proposalId);
        if (!proposalId) break;
        const value = obj(p.value);
        const stance: PositionStance = value.kind === "stance" ? (stanceOf[String(value.stance)] ?? "abstain") : value.kind ? "agree" : "abstain";
        const seatId = event.seatId;
        if (!seatId) break;
        let seats = positions.get(proposalId);
        if (!seats) positions.set(proposalId, (seats = new Map()));
        seats.set(seatId, stance);
        add({ type: "position.taken", at, recordId: proposalId, seatId, stance });
        break;
      }
      case "proposal.closed": {
        const proposalId = str(p.proposalId);
        if (!proposalId || closedProposals.has(proposalId)) break;
        const result = String(p.outcome);
        const outcome: ProposalOutcome | null = adoptedResults.has(result) ? "adopted" : rejectedResults.has(result) ? "rejected" : null;
        if (!outcome) break;
        closedProposals.add(proposalId);
        const seats = positions.get(proposalId) ?? new Map<string, PositionStance>();
        const missing = Array.isArray(p.seatsNotParticipating) ? p.seatsNotParticipating.length : 0;
        add({
          type: "proposal.closed",
          at,
          recordId: proposalId,
          outcome,
          dissentPresent: [...seats.values()].some((s) => dissentStances.has(s)),
          seatsPositioned: seats.size,
          seatsEligible: seats.size + missing,
        });
        positions.delete(proposalId);
        break;
      }
      case "proposal.withdrawn": {
        const proposalId = str(p.proposalId);
        if (proposalId && !closedProposals.has(proposalId)) {
          closedProposals.add(proposalId);
          const seats = positions.get(proposalId) ?? new Map<string, PositionStance>();
          add({ type: "proposal.closed", at, recordId: proposalId, outcome: "withdrawn", dissentPresent: [...seats.values()].some((s) => dissentStances.has(s)), seatsPositioned: seats.size, seatsEligible: seats.size });
        }
        break;
      }
      case "charter.created": {
        const count = typeof p.clauseCount === "number" ? p.clauseCount : 0;
        const seatId = seatOf(event);
        if (seatId) for (let i = 0; i < count; i++) add({ type: "clause.authored", at, recordId: "charter", seatId });
        if (count > 0) add({ type: "charter.renewed", at, recordId: "charter", renewalPeriodDays: lookups.charterRenewalPeriodDays ?? 365 });
        break;
      }
      case "charter.amended": {
        const seatId = str(p.proposerSeatId);
        const amendmentId = str(p.amendmentId) ?? "charter";
        if (seatId) add({ type: p.kind === "add" ? "clause.authored" : "clause.amended", at, recordId: amendmentId, seatId });
        break;
      }
      case "charter.renewed": {
        const period = daysBetween(p.renewedOn, p.until) ?? lookups.charterRenewalPeriodDays ?? 365;
        add({ type: "charter.renewed", at, recordId: str(p.roundId) ?? "charter", renewalPeriodDays: period });
        break;
      }
      case "tension.raised": {
        const tensionId = str(p.tensionId);
        if (!tensionId) break;
        const anonymous = p.anonymous === true;
        const seatId = anonymous ? null : (str(p.fromSeatId) ?? event.seatId);
        const toward = str(p.targetSeatId);
        add({ type: "tension.raised", at, recordId: tensionId, anonymous, ...(seatId ? { seatId } : {}), ...(toward ? { towardSeatId: toward } : {}) });
        break;
      }
      case "tension.resolved":
      case "tension.reframed": {
        const tensionId = str(p.tensionId);
        if (tensionId) add({ type: "tension.resolved", at, recordId: tensionId });
        break;
      }
      case "breakdown.named": {
        const breakdownId = str(p.breakdownId);
        const seatId = seatOf(event);
        if (breakdownId) add({ type: "breakdown.named", at, recordId: breakdownId, ...(seatId ? { seatId } : {}) });
        break;
      }
      case "breakdown.closed": {
        const breakdownId = str(p.breakdownId);
        if (breakdownId) add({ type: "breakdown.closed", at, recordId: breakdownId });
        break;
      }
      case "assumption.tested":
      case "assumption.invalidated": {
        const assumptionId = str(p.assumptionId);
        const seatId = str(p.holderSeatId) ?? seatOf(event);
        if (assumptionId) add({ type: "assumption.tested", at, recordId: assumptionId, ...(seatId ? { seatId } : {}) });
        break;
      }
      case "pulse.closed": {
        const pulseId = str(p.pulseId);
        if (!pulseId || !lookups.pulseAggregates) break;
        for (const aggregate of lookups.pulseAggregates(pulseId)) {
          const item = itemsById.get(aggregate.itemId);
          const dynamic = item ? healthDynamicOf[item.dynamic] : undefined;
          if (!item || !dynamic || aggregate.respondents < k || aggregate.respondents <= 0) continue;
          const scale = pulseScales[item.scale];
          const normalized = (aggregate.sum / aggregate.respondents - scale.min) / (scale.max - scale.min);
          const mean = Math.min(1, Math.max(0, item.reversed ? 1 - normalized : normalized));
          add({
            type: "pulse.response_aggregate",
            at,
            recordId: pulseId,
            pulseId,
            itemId: item.id,
            dynamic,
            seatId: aggregate.respondentSeatId,
            ...(aggregate.targetSeatId ? { aboutSeatId: aggregate.targetSeatId } : {}),
            mean: Math.round(mean * 10_000) / 10_000,
            respondents: aggregate.respondents,
            invited: Math.max(aggregate.invited, aggregate.respondents),
          });
        }
        break;
      }
      case "alignment.recomputed": {
        // Opinion groups (k ≥ 2) on a map are a divergence; found once per map.
        const mapId = str(p.mapId);
        if (mapId && typeof p.k === "number" && p.k >= 2 && !divergentMaps.has(mapId)) {
          divergentMaps.add(mapId);
          add({ type: "alignment.divergence_found", at, recordId: mapId, seatIds: [] });
        }
        break;
      }
      case "alignment.map_closed": {
        // Closing a divergent map ends its facilitated discussion: the divergence has been named.
        const mapId = str(p.mapId);
        if (mapId && divergentMaps.has(mapId) && !acknowledgedMaps.has(mapId)) {
          acknowledgedMaps.add(mapId);
          add({ type: "alignment.divergence_acknowledged", at, recordId: mapId });
        }
        break;
      }
      default:
        break;
    }
    return out;
  }

  return { push };
}

function deriveCommitment(event: HealthSourceEvent, at: number, add: (fact: FactInput) => void): void {
  const p = event.payload;
  const commitmentId = str(p.commitmentId);
  const customerSeatId = str(obj(p.customer).seatId);
  const performerSeatId = str(obj(p.performer).seatId);
  if (!commitmentId || !customerSeatId || !performerSeatId) return;
  const parties = { recordId: commitmentId, customerSeatId, performerSeatId };
  const terms = obj(p.terms);
  const dueAt = timeOf(terms.dueAt) ?? at;
  const firstResponse = obj(p.firstResponse);
  const requestedAt = timeOf(firstResponse.requestedAt);
  const byCustomer = p.by === "customer";
  switch (event.type) {
    case "commitment.requested":
      add({ type: "commitment.requested", at, ...parties, dueAt, hasConditions: typeof terms.conditions === "string" && terms.conditions.trim().length > 0 });
      break;
    case "commitment.reneged":
      add({ type: "commitment.reneged", at, ...parties });
      break;
    case "commitment.revoked":
      add({ type: "commitment.revoked", at, ...parties, noticeDays: typeof p.noticeDays === "number" ? p.noticeDays : 0 });
      break;
    case "commitment.declined":
      add({ type: "commitment.declined", at, ...parties });
      break;
    case "commitment.cancelled":
      add({ type: "commitment.cancelled", at, ...parties, declaredByCustomer: byCustomer });
      break;
    case "commitment.reported":
      add({ type: "commitment.reported", at, ...parties, dueAt });
      break;
    case "commitment.accepted":
      add({ type: "commitment.accepted", at, ...parties, onTime: p.onTime === true, declaredByCustomer: byCustomer });
      break;
    default:
      break;
  }
  // A move that makes the commitment promised (promise, accepted counter or offer) is the promise.
  if (p.state === "promised" && p.fromState !== "promised") add({ type: "commitment.promised", at, ...parties, dueAt });
  if (requestedAt !== null) add({ type: "commitment.answered", at, ...parties, requestedAt });
}

/** Derives the health facts of a whole event log (events in seq order); see createHealthFactDeriver. */
export function deriveHealthFacts(events: readonly HealthSourceEvent[], lookups: HealthFactLookups = {}): HealthFact[] {
  const deriver = createHealthFactDeriver(lookups);
  const facts: HealthFact[] = [];
  for (const event of events) facts.push(...deriver.push(event));
  return facts;
}
