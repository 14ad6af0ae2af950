import { C, COUNTER_WIDTH, PULSE_SCALE, pulseCountIndex, pulseSumIndex } from "./counters";
import { DayHistogram } from "./day-histogram";
import { DayTable } from "./day-table";
import { dayOf, DAY_MS } from "./facts";
import type { HealthDynamic, HealthFact } from "./facts";
import type { AlertTimeline } from "./alerts";
import type { PreviousScores } from "./evaluate";
import { createAlertTimeline } from "./alerts";

/** Options of a health computation; defaults follow reference/health-signals.md and pulse-bank.md. */
export interface HealthOptions {
  /** Length of a signal window in days (default 90). The trend compares with the window before. */
  windowDays: number;
  /** Pulse aggregates with fewer respondents are ignored (default 5, the pulse-bank k). */
  minGroupSize: number;
}

export const defaultHealthOptions: HealthOptions = { windowDays: 90, minGroupSize: 5 };

/** A seat as the engine knows it. */
export interface SeatTrack {
  id: string;
  index: number;
  table: DayTable;
  firstSeenDay: number;
  /** Membership changes (day, joined?) in arrival order. */
  membership: { day: number; joined: boolean }[];
}

export type IssueKind = "tension" | "breakdown" | "divergence";

/** An open-or-closed tension, breakdown or alignment-map divergence. */
export interface IssueTrack {
  recordId: string;
  kind: IssueKind;
  raisedDay: number | undefined;
  resolvedDay: number;
  raisedFact: HealthFact | undefined;
  seatIndex: number;
}

export interface PulseAggregateTrack {
  day: number;
  itemId: string;
  dynamic: HealthDynamic;
  seatIndex: number;
  aboutIndex: number;
  micro: number;
  respondents: number;
  fact: HealthFact;
}

export interface PulseTrack {
  pulseId: string;
  day: number;
  aggregates: PulseAggregateTrack[];
}

export interface RenewalTrack {
  day: number;
  periodDays: number;
  fact: HealthFact;
}

/**
 * The open tensions on every day of [from, to], recorded when the history moved past `from`
 * (facts arriving in time order): how many were open and the middle raising days (equal
 * when the count is odd), so the median age on a past day needs no scan.
 */
export interface OpenTensionSnapshot {
  from: number;
  to: number;
  count: number;
  lowMiddle: number;
  highMiddle: number;
}

/**
 * The incremental health state: per-day sufficient statistics per scope plus the few
 * structures that need more than counts (open tensions, renewals, pulses). Mutated by applyFact.
 */
export interface HealthState {
  readonly options: HealthOptions;
  readonly alliance: DayTable;
  readonly seats: SeatTrack[];
  readonly seatIndex: Map<string, number>;
  firstDay: number;
  lastDay: number;
  factCount: number;
  firstJoinDay: number;
  readonly factsByDay: Map<number, HealthFact[]>;
  /** The list of facts of the latest day, kept at hand for facts arriving in time order. */
  lastFactListDay: number;
  lastFactList: HealthFact[] | undefined;
  readonly issues: Record<IssueKind, Map<string, IssueTrack>>;
  readonly issueList: IssueTrack[];
  /** Issues by the day they were raised, each day's list ordered by record id. */
  readonly issuesByDay: Record<IssueKind, Map<number, IssueTrack[]>>;
  /** Raising days of the tensions raised and not (yet) resolved. */
  readonly openTensions: DayHistogram;
  /** Open tensions on past days, in day order. */
  readonly openTensionHistory: OpenTensionSnapshot[];
  /** Ordered by day, then fact id. */
  readonly renewals: RenewalTrack[];
  readonly pulses: Map<string, PulseTrack>;
  /** Ordered by day, then pulse id. */
  readonly pulseList: PulseTrack[];
  /** First day a seat recorded a position on a proposal: proposal id -> seat index -> day. */
  readonly proposalSeats: Map<string, Map<number, number>>;
  readonly timeline: AlertTimeline;
  /** Cached scores of the trend's earlier window (see evaluate); dropped by any fact dated on or before their day. */
  previousScores: PreviousScores | undefined;
}

/** Creates an empty incremental health state. */
export function createHealthState(options: Partial<HealthOptions> = {}): HealthState {
  return {
    options: { ...defaultHealthOptions, ...options },
    alliance: new DayTable(COUNTER_WIDTH),
    seats: [],
    seatIndex: new Map(),
    firstDay: Number.POSITIVE_INFINITY,
    lastDay: Number.NEGATIVE_INFINITY,
    factCount: 0,
    firstJoinDay: Number.POSITIVE_INFINITY,
    factsByDay: new Map(),
    lastFactListDay: Number.NaN,
    lastFactList: undefined,
    issues: { tension: new Map(), breakdown: new Map(), divergence: new Map() },
    issueList: [],
    issuesByDay: { tension: new Map(), breakdown: new Map(), divergence: new Map() },
    openTensions: new DayHistogram(),
    openTensionHistory: [],
    renewals: [],
    pulses: new Map(),
    pulseList: [],
    proposalSeats: new Map(),
    timeline: createAlertTimeline(),
    previousScores: undefined,
  };
}

const LONG_HORIZON_MS = 90 * DAY_MS;
const RESPONSE_CAP_MINUTES = 30 * 24 * 60;

function seatOf(state: HealthState, seatId: string, day: number): number {
  let index = state.seatIndex.get(seatId);
  if (index === undefined) {
    index = state.seats.length;
    state.seatIndex.set(seatId, index);
    state.seats.push({ id: seatId, index, table: new DayTable(COUNTER_WIDTH), firstSeenDay: day, membership: [] });
  } else {
    const seat = state.seats[index] as SeatTrack;
    if (day < seat.firstSeenDay) seat.firstSeenDay = day;
  }
  return index;
}

function add(state: HealthState, day: number, seat: number, counter: number, value = 1): void {
  state.alliance.add(day, counter, value);
  if (seat >= 0) (state.seats[seat] as SeatTrack).table.add(day, counter, value);
}

function issueOf(state: HealthState, recordId: string, kind: IssueKind): IssueTrack {
  const issues = state.issues[kind];
  let issue = issues.get(recordId);
  if (!issue) {
    issue = { recordId, kind, raisedDay: undefined, resolvedDay: Number.POSITIVE_INFINITY, raisedFact: undefined, seatIndex: -1 };
    issues.set(recordId, issue);
    state.issueList.push(issue);
  }
  return issue;
}

/** Index of the first element of a sorted list for which `isAfter` holds (binary search). */
export function firstIndexWhere<T>(list: readonly T[], isAfter: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isAfter(list[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function removeItem<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}

function isTensionOpen(issue: IssueTrack): boolean {
  return issue.kind === "tension" && issue.raisedDay !== undefined && issue.resolvedDay === Number.POSITIVE_INFINITY;
}

/** Sets the day an issue was raised, keeping the day index and the open-tension histogram in step. */
function setRaisedDay(state: HealthState, issue: IssueTrack, day: number): void {
  const byDay = state.issuesByDay[issue.kind];
  if (issue.raisedDay !== undefined) {
    const old = byDay.get(issue.raisedDay) as IssueTrack[];
    removeItem(old, issue);
    if (old.length === 0) byDay.delete(issue.raisedDay);
    if (isTensionOpen(issue)) state.openTensions.add(issue.raisedDay, -1);
  }
  issue.raisedDay = day;
  if (isTensionOpen(issue)) state.openTensions.add(day, 1);
  let list = byDay.get(day);
  if (!list) {
    list = [];
    byDay.set(day, list);
  }
  const id = issue.recordId;
  list.splice(firstIndexWhere(list, (t) => t.recordId > id), 0, issue);
}

function setResolvedDay(state: HealthState, issue: IssueTrack, day: number): void {
  if (isTensionOpen(issue)) state.openTensions.add(issue.raisedDay as number, -1);
  issue.resolvedDay = day;
}

/** A tension fact dated `day` changes which tensions were open from that day on: forget those snapshots. */
function forgetOpenTensionsFrom(state: HealthState, day: number): void {
  const history = state.openTensionHistory;
  for (let last = history[history.length - 1]; last && last.to >= day; last = history[history.length - 1]) {
    if (last.from < day) {
      last.to = day - 1;
      break;
    }
    history.pop();
  }
}

/** Records the open tensions for the days [from, to], before a fact dated to + 1 moves the history on. */
function recordOpenTensions(state: HealthState, from: number, to: number): void {
  const open = state.openTensions;
  const count = open.count;
  const lowMiddle = count > 0 ? (open.kth((count - 1) >> 1) as number) : 0;
  const highMiddle = count > 0 ? (open.kth(count >> 1) as number) : 0;
  const history = state.openTensionHistory;
  const last = history[history.length - 1];
  if (last && last.to === from - 1 && last.count === count && last.lowMiddle === lowMiddle && last.highMiddle === highMiddle) last.to = to;
  else history.push({ from, to, count, lowMiddle, highMiddle });
}

const dissentStances = new Set(["disagree", "block", "objection"]);

/** The bookkeeping every fact needs, whatever its type: the span of days, the facts by day, stale alert checks. */
function arrive(state: HealthState, fact: HealthFact, day: number): number {
  // A fact before the first one also moves the start of history, which point-in-time signals read.
  if (state.previousScores && (day <= state.previousScores.day || day < state.firstDay)) state.previousScores = undefined;
  if (day > state.lastDay && Number.isFinite(state.lastDay)) recordOpenTensions(state, state.lastDay, day - 1);
  state.factCount += 1;
  if (day < state.firstDay) state.firstDay = day;
  if (day > state.lastDay) state.lastDay = day;
  const list = day === state.lastFactListDay ? state.lastFactList : state.factsByDay.get(day);
  if (list) list.push(fact);
  else state.factsByDay.set(day, [fact]);
  if (day === state.lastDay && list) {
    state.lastFactListDay = day;
    state.lastFactList = list;
  }
  // Alert history already computed for days at or after this fact must be recomputed.
  if (day <= state.timeline.lastCheckpoint && day < state.timeline.dirtyFrom) state.timeline.dirtyFrom = day;
  return day;
}

/**
 * Folds one fact into the state: O(1) amortised for a fact of the latest day (O(seats) for
 * meetings, O(log n) for tensions, renewals and pulses); a fact dated d days before the latest
 * also updates d days of running totals. Facts may arrive in any order; each fact must be
 * applied once.
 */
export function applyFact(state: HealthState, fact: HealthFact): void {
  // Each case reads fact.at itself: a property site that sees one fact type stays monomorphic (and fast).
  switch (fact.type) {
    case "seat.joined":
    case "seat.left": {
      const day = arrive(state, fact, dayOf(fact.at));
      const seat = state.seats[seatOf(state, fact.seatId, day)] as SeatTrack;
      seat.membership.push({ day, joined: fact.type === "seat.joined" });
      if (fact.type === "seat.joined" && day < state.firstJoinDay) state.firstJoinDay = day;
      break;
    }
    case "meeting.scheduled": {
      const day = arrive(state, fact, dayOf(fact.at));
      for (const id of fact.expectedSeatIds) seatOf(state, id, day);
      add(state, day, -1, C.meetingsScheduled);
      break;
    }
    case "meeting.held": {
      const day = arrive(state, fact, dayOf(fact.at));
      add(state, day, -1, C.meetingsHeld);
      const attending = new Set(fact.attendingSeatIds);
      for (const id of fact.expectedSeatIds) {
        const seat = seatOf(state, id, day);
        add(state, day, seat, C.attendanceExpected);
        if (attending.has(id)) add(state, day, seat, C.attendancePresent);
      }
      break;
    }
    case "agenda.item_added": {
      const day = arrive(state, fact, dayOf(fact.at));
      add(state, day, seatOf(state, fact.seatId, day), C.agendaItems);
      break;
    }
    case "proposal.created": {
      const day = arrive(state, fact, dayOf(fact.at));
      add(state, day, seatOf(state, fact.seatId, day), C.proposals);
      break;
    }
    case "position.taken": {
      const day = arrive(state, fact, dayOf(fact.at));
      const seat = seatOf(state, fact.seatId, day);
      add(state, day, seat, C.positions);
      if (dissentStances.has(fact.stance)) add(state, day, seat, C.dissentPositions);
      // A seat's participation counts once per proposal, on the day of its first position.
      let seats = state.proposalSeats.get(fact.recordId);
      if (!seats) {
        seats = new Map();
        state.proposalSeats.set(fact.recordId, seats);
      }
      const previous = seats.get(seat);
      if (previous === undefined || day < previous) {
        if (previous !== undefined) (state.seats[seat] as SeatTrack).table.add(previous, C.seatPositions, -1);
        (state.seats[seat] as SeatTrack).table.add(day, C.seatPositions, 1);
        seats.set(seat, day);
      }
      break;
    }
    case "proposal.closed": {
      const day = arrive(state, fact, dayOf(fact.at));
      add(state, day, -1, C.decisionsClosed);
      if (fact.seatsEligible > 0 && fact.seatsPositioned >= fact.seatsEligible) add(state, day, -1, C.decisionsAllSeats);
      if (fact.dissentPresent) add(state, day, -1, C.decisionsWithDissent);
      break;
    }
    case "clause.authored":
    case "clause.amended": {
      const day = arrive(state, fact, dayOf(fact.at));
      add(state, day, seatOf(state, fact.seatId, day), C.clauses);
      break;
    }
    case "charter.renewed": {
      const day = arrive(state, fact, dayOf(fact.at));
      const id = fact.id;
      const at = firstIndexWhere(state.renewals, (r) => r.day > day || (r.day === day && r.fact.id > id));
      state.renewals.splice(at, 0, { day, periodDays: fact.renewalPeriodDays, fact });
      break;
    }
    case "goal.set": {
      const day = arrive(state, fact, dayOf(fact.at));
      add(state, day, fact.seatId === undefined ? -1 : seatOf(state, fact.seatId, day), C.goalsSet);
      if (fact.horizonAt - fact.at > LONG_HORIZON_MS) add(state, day, -1, C.goalsLong);
      break;
    }
    case "commitment.requested": {
      const day = arrive(state, fact, dayOf(fact.at));
      const customer = seatOf(state, fact.customerSeatId, day);
      const performer = seatOf(state, fact.performerSeatId, day);
      add(state, day, customer, C.requests);
      if (fact.hasConditions) add(state, day, customer, C.requestsWithConditions);
      if (fact.dueAt - fact.at > LONG_HORIZON_MS) add(state, day, customer, C.requestsLong);
      add(state, day, performer, C.requestsReceived);
      break;
    }
    case "commitment.answered": {
      const day = arrive(state, fact, dayOf(fact.at));
      seatOf(state, fact.customerSeatId, day);
      const performer = seatOf(state, fact.performerSeatId, day);
      const requestDay = dayOf(fact.requestedAt);
      // Attributed to the request's day: decided by facts no later than requestDay + 14.
      if (day - requestDay <= 14) add(state, requestDay, performer, C.answeredWithin14);
      if (day - requestDay <= 7) add(state, requestDay, performer, C.answeredWithin7);
      add(state, day, performer, C.answers);
      const minutes = Math.min(RESPONSE_CAP_MINUTES, Math.max(0, Math.round((fact.at - fact.requestedAt) / 60_000)));
      add(state, day, performer, C.responseMinutes, minutes);
      break;
    }
    case "commitment.promised": {
      const day = arrive(state, fact, dayOf(fact.at));
      seatOf(state, fact.customerSeatId, day);
      add(state, day, seatOf(state, fact.performerSeatId, day), C.promises);
      break;
    }
    case "commitment.reported": {
      const day = arrive(state, fact, dayOf(fact.at));
      seatOf(state, fact.customerSeatId, day);
      seatOf(state, fact.performerSeatId, day);
      break;
    }
    case "commitment.accepted": {
      const day = arrive(state, fact, dayOf(fact.at));
      seatOf(state, fact.customerSeatId, day);
      const performer = seatOf(state, fact.performerSeatId, day);
      add(state, day, performer, fact.onTime ? C.kept : C.late);
      add(state, day, performer, C.closures);
      if (fact.declaredByCustomer) add(state, day, performer, C.closuresByCustomer);
      break;
    }
    case "commitment.reneged": {
      const day = arrive(state, fact, dayOf(fact.at));
      seatOf(state, fact.customerSeatId, day);
      add(state, day, seatOf(state, fact.performerSeatId, day), C.reneged);
      break;
    }
    case "commitment.revoked": {
      const day = arrive(state, fact, dayOf(fact.at));
      seatOf(state, fact.customerSeatId, day);
      add(state, day, seatOf(state, fact.performerSeatId, day), C.revoked);
      break;
    }
    case "commitment.declined": {
      const day = arrive(state, fact, dayOf(fact.at));
      seatOf(state, fact.customerSeatId, day);
      add(state, day, seatOf(state, fact.performerSeatId, day), C.declined);
      break;
    }
    case "commitment.cancelled": {
      const day = arrive(state, fact, dayOf(fact.at));
      seatOf(state, fact.customerSeatId, day);
      const performer = seatOf(state, fact.performerSeatId, day);
      add(state, day, performer, C.cancelled);
      add(state, day, performer, C.closures);
      if (fact.declaredByCustomer) add(state, day, performer, C.closuresByCustomer);
      break;
    }
    case "tension.raised":
    case "breakdown.named": {
      const day = arrive(state, fact, dayOf(fact.at));
      const kind = fact.type === "tension.raised" ? "tension" : "breakdown";
      const seat = fact.seatId === undefined ? -1 : seatOf(state, fact.seatId, day);
      if (fact.type === "tension.raised") {
        if (fact.towardSeatId !== undefined) seatOf(state, fact.towardSeatId, day);
        add(state, day, seat, C.tensionsRaised);
        if (fact.anonymous) add(state, day, -1, C.tensionsAnonymous);
      } else {
        add(state, day, seat, C.breakdownsNamed);
      }
      const issue = issueOf(state, fact.recordId, kind);
      if (kind === "tension") forgetOpenTensionsFrom(state, day);
      if (issue.raisedDay === undefined || day < issue.raisedDay) {
        setRaisedDay(state, issue, day);
        issue.raisedFact = fact;
        issue.seatIndex = seat;
      }
      break;
    }
    case "tension.resolved":
    case "breakdown.closed": {
      const day = arrive(state, fact, dayOf(fact.at));
      const kind = fact.type === "tension.resolved" ? "tension" : "breakdown";
      add(state, day, -1, kind === "tension" ? C.tensionsResolved : C.breakdownsClosed);
      const issue = issueOf(state, fact.recordId, kind);
      if (kind === "tension") forgetOpenTensionsFrom(state, day);
      if (day < issue.resolvedDay) setResolvedDay(state, issue, day);
      break;
    }
    case "assumption.tested": {
      const day = arrive(state, fact, dayOf(fact.at));
      add(state, day, fact.seatId === undefined ? -1 : seatOf(state, fact.seatId, day), C.assumptionsTested);
      break;
    }
    case "alignment.divergence_found": {
      const day = arrive(state, fact, dayOf(fact.at));
      for (const id of fact.seatIds) seatOf(state, id, day);
      add(state, day, -1, C.divergencesFound);
      const issue = issueOf(state, fact.recordId, "divergence");
      if (issue.raisedDay === undefined || day < issue.raisedDay) {
        setRaisedDay(state, issue, day);
        issue.raisedFact = fact;
      }
      break;
    }
    case "alignment.divergence_acknowledged": {
      const day = arrive(state, fact, dayOf(fact.at));
      add(state, day, -1, C.divergencesAcknowledged);
      const issue = issueOf(state, fact.recordId, "divergence");
      if (day < issue.resolvedDay) setResolvedDay(state, issue, day);
      break;
    }
    case "pulse.response_aggregate": {
      const day = arrive(state, fact, dayOf(fact.at));
      const seat = seatOf(state, fact.seatId, day);
      const about = fact.aboutSeatId === undefined ? -1 : seatOf(state, fact.aboutSeatId, day);
      add(state, day, seat, C.pulseInvited, fact.invited);
      add(state, day, seat, C.pulseRespondents, fact.respondents);
      let pulse = state.pulses.get(fact.pulseId);
      if (!pulse || day < pulse.day) {
        if (pulse) removeItem(state.pulseList, pulse);
        else {
          pulse = { pulseId: fact.pulseId, day, aggregates: [] };
          state.pulses.set(fact.pulseId, pulse);
        }
        pulse.day = day;
        const id = fact.pulseId;
        state.pulseList.splice(firstIndexWhere(state.pulseList, (p) => p.day > day || (p.day === day && p.pulseId > id)), 0, pulse);
      }
      // Aggregates below the minimum group size are never used (reference/pulse-bank.md).
      if (fact.respondents < state.options.minGroupSize || fact.respondents === 0) break;
      const micro = Math.round(fact.mean * PULSE_SCALE);
      add(state, day, seat, pulseSumIndex(fact.dynamic), micro * fact.respondents);
      add(state, day, seat, pulseCountIndex(fact.dynamic), fact.respondents);
      if (about >= 0 && fact.dynamic === "trust") {
        const target = (state.seats[about] as SeatTrack).table;
        target.add(day, C.trustAboutSum, micro * fact.respondents);
        target.add(day, C.trustAboutN, fact.respondents);
      }
      pulse.aggregates.push({
        day,
        itemId: fact.itemId,
        dynamic: fact.dynamic,
        seatIndex: seat,
        aboutIndex: about,
        micro,
        respondents: fact.respondents,
        fact,
      });
      break;
    }
  }
}

/** True when the seat belongs to the alliance on `day` (seat.joined/left; else any seat seen so far). */
export function isSeatActive(state: HealthState, seat: SeatTrack, day: number): boolean {
  let lastDay = Number.NEGATIVE_INFINITY;
  let joined = false;
  let any = false;
  for (const m of seat.membership) {
    if (m.day > day) continue;
    any = true;
    // Later day wins; on the same day a departure wins over a join.
    if (m.day > lastDay || (m.day === lastDay && !m.joined)) {
      lastDay = m.day;
      joined = m.joined;
    }
  }
  if (any) return joined;
  return state.firstJoinDay > day && seat.firstSeenDay <= day;
}

/** Indices of the seats active on `day`, ordered by seat id. */
export function activeSeats(state: HealthState, day: number): number[] {
  return state.seats
    .filter((s) => isSeatActive(state, s, day))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((s) => s.index);
}

/** Sums of every counter over days in (fromExclusive, toInclusive]: the alliance and each seat (by seat index). */
export interface WindowSums {
  alliance: Float64Array;
  seats: Float64Array[];
}

/** Sums the per-day counters of every scope over a window of days. */
export function sumWindow(state: HealthState, fromExclusive: number, toInclusive: number): WindowSums {
  const alliance = new Float64Array(COUNTER_WIDTH);
  state.alliance.sumInto(alliance, fromExclusive, toInclusive);
  const seats = state.seats.map((s) => {
    const out = new Float64Array(COUNTER_WIDTH);
    s.table.sumInto(out, fromExclusive, toInclusive);
    return out;
  });
  return { alliance, seats };
}
