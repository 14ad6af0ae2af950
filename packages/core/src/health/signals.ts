import { C, PULSE_SCALE, pulseCountIndex, pulseSumIndex } from "./counters";
import type { HealthDynamic, HealthFact, HealthFactType } from "./facts";
import type { HealthState, PulseTrack, WindowSums } from "./state";
import { firstIndexWhere } from "./state";

/**
 * The signals of the Collaboration Capacity Index, one table per dynamic as in
 * shared/reference/health-signals.md. Every value is on 0–1 with 1 the healthy end; each
 * definition carries its formula in plain words so a user can always see why.
 */

export type SignalScope = "alliance" | "seat";

/** Everything a signal needs at one day: window sums for the alliance and every seat. */
export interface SignalContext {
  state: HealthState;
  /** The evaluation day (UTC day number); the window is (day - windowDays, day]. */
  day: number;
  windowDays: number;
  /** Active seats (indices) ordered by seat id. */
  seats: number[];
  sums: WindowSums;
  /** The window shifted back 14 days, for signals that need 14 days to settle (responsiveness). */
  shifted: WindowSums;
  /** Share of the window the alliance's history covers (0–1). */
  coverage: number;
}

export interface SignalReading {
  value: number | null;
  raw: Record<string, number>;
  /** How many records the value rests on (its denominator, or the records counted). */
  recordCount: number;
}

export interface SignalDefinition {
  id: string;
  dynamic: HealthDynamic;
  label: string;
  formula: string;
  /** Weight inside its dynamic's sub-index. */
  weight: number;
  /** Which scopes compute it; an alliance-only signal also counts in each seat's sub-index. */
  scopes: readonly SignalScope[];
  factTypes: readonly HealthFactType[];
  /** Which window the evidence records come from: the signal window, the shifted one, or a point in time. */
  evidenceWindow: "window" | "shifted" | "point";
  compute(ctx: SignalContext, seat: number | null): SignalReading;
  /** Whether a fact is part of this signal's evidence for the alliance (seatId null) or a seat. */
  matches(fact: HealthFact, seatId: string | null): boolean;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.min(1, numerator / denominator) : null;
}

function sumsOf(ctx: SignalContext, seat: number | null, shifted = false): Float64Array {
  const source = shifted ? ctx.shifted : ctx.sums;
  return seat === null ? source.alliance : (source.seats[seat] as Float64Array);
}

function round4(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}

/** 1 − Gini over the given counts (population Gini); null when all counts are zero. Source: the brief's authorship equity. */
export function giniEquity(values: readonly number[]): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i] as number;
    total += x;
    weighted += (i + 1) * x;
  }
  if (total === 0) return null;
  const gini = (2 * weighted) / (n * total) - (n + 1) / n;
  return 1 - gini;
}

function seatIdOf(ctx: SignalContext, seat: number): string {
  return (ctx.state.seats[seat] as { id: string }).id;
}

function pulseSignal(dynamic: HealthDynamic, label: string): SignalDefinition {
  return {
    id: `${dynamic}.pulse`,
    dynamic,
    label,
    formula:
      dynamic === "trust"
        ? "Mean pulse rating (0–1) of the trust items; for a seat, the ratings other seats gave about it. Aggregates below the minimum group size are ignored."
        : `Mean pulse rating (0–1) of the ${dynamic} items, weighted by respondents; for a seat, its own respondents. Aggregates below the minimum group size are ignored.`,
    weight: 1,
    scopes: ["alliance", "seat"],
    factTypes: ["pulse.response_aggregate"],
    evidenceWindow: "window",
    compute(ctx, seat): SignalReading {
      const s = sumsOf(ctx, seat);
      let sum = s[pulseSumIndex(dynamic)] as number;
      let n = s[pulseCountIndex(dynamic)] as number;
      if (dynamic === "trust" && seat !== null && (s[C.trustAboutN] as number) > 0) {
        sum = s[C.trustAboutSum] as number;
        n = s[C.trustAboutN] as number;
      }
      return { value: n > 0 ? sum / (n * PULSE_SCALE) : null, raw: { respondents: n }, recordCount: n };
    },
    matches(fact, seatId) {
      if (fact.type !== "pulse.response_aggregate" || fact.dynamic !== dynamic) return false;
      if (seatId === null) return true;
      return dynamic === "trust" && fact.aboutSeatId !== undefined ? fact.aboutSeatId === seatId : fact.seatId === seatId;
    },
  };
}

function equitySignal(id: string, label: string, counter: number, factTypes: readonly HealthFactType[], noun: string): SignalDefinition {
  return {
    id,
    dynamic: "authorship",
    label,
    formula: `Alliance: 1 − Gini over active seats of ${noun} in the window. Seat: min(1, seat's share × number of seats), i.e. its share against an equal share.`,
    weight: 1,
    scopes: ["alliance", "seat"],
    factTypes,
    evidenceWindow: "window",
    compute(ctx, seat): SignalReading {
      const counts = ctx.seats.map((i) => (ctx.sums.seats[i] as Float64Array)[counter] as number);
      const total = counts.reduce((a, b) => a + b, 0);
      if (seat === null) return { value: giniEquity(counts), raw: { total, seats: counts.length }, recordCount: total };
      const own = (ctx.sums.seats[seat] as Float64Array)[counter] as number;
      const value = total > 0 ? Math.min(1, (own / total) * Math.max(1, counts.length)) : null;
      return { value, raw: { own, total, seats: counts.length }, recordCount: own };
    },
    matches(fact, seatId) {
      if (!factTypes.includes(fact.type)) return false;
      if (seatId === null) return true;
      if (fact.type === "commitment.requested") return fact.customerSeatId === seatId;
      return "seatId" in fact && fact.seatId === seatId;
    },
  };
}

function isCommitmentOf(fact: HealthFact, seatId: string | null, role: "performer" | "customer"): boolean {
  if (seatId === null) return true;
  if (!("performerSeatId" in fact)) return false;
  return role === "performer" ? fact.performerSeatId === seatId : fact.customerSeatId === seatId;
}

function openIssuesAt(state: HealthState, day: number, kind: "tension" | "breakdown") {
  return state.issueList.filter((t) => t.kind === kind && t.raisedDay !== undefined && t.raisedDay <= day && t.resolvedDay > day);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * How many tensions are open on `day` and the median of their ages in days. On the latest day
 * it reads the running histogram of open tensions, on a past day the snapshot recorded when
 * the history moved past it (O(log n) either way); it scans the tensions only for a past day
 * whose snapshot a late fact has invalidated.
 */
export function openTensionAge(state: HealthState, day: number): { count: number; medianAgeDays: number } {
  let middle: { count: number; lowMiddle: number; highMiddle: number } | undefined;
  if (day >= state.lastDay) {
    const open = state.openTensions;
    const count = open.count;
    middle = count > 0 ? { count, lowMiddle: open.kth((count - 1) >> 1) as number, highMiddle: open.kth(count >> 1) as number } : { count, lowMiddle: 0, highMiddle: 0 };
  } else {
    const history = state.openTensionHistory;
    const snapshot = history[firstIndexWhere(history, (h) => h.to >= day)];
    if (snapshot && snapshot.from <= day) middle = snapshot;
  }
  if (!middle) {
    const open = openIssuesAt(state, day, "tension");
    return { count: open.length, medianAgeDays: open.length > 0 ? median(open.map((t) => day - (t.raisedDay as number))) : 0 };
  }
  if (middle.count === 0) return { count: 0, medianAgeDays: 0 };
  // Ages are day − raising day, so the middle ages come from the middle raising days.
  const medianAgeDays = middle.count % 2 === 1 ? day - middle.lowMiddle : (day - middle.highMiddle + (day - middle.lowMiddle)) / 2;
  return { count: middle.count, medianAgeDays };
}

/** The latest charter renewal on or before `day` (the latest fact id on a tie), if any. */
export function lastRenewal(state: HealthState, day: number) {
  return state.renewals[firstIndexWhere(state.renewals, (r) => r.day > day) - 1];
}

/** The latest pulse started on or before `day` (its first aggregate's day; the greatest pulse id on a tie), if any. */
export function lastPulse(state: HealthState, day: number): PulseTrack | undefined {
  return state.pulseList[firstIndexWhere(state.pulseList, (p) => p.day > day) - 1];
}

const dissentStances = new Set(["disagree", "block", "objection"]);

/** Every signal, in display order. */
export const signalDefinitions: readonly SignalDefinition[] = [
  // Rhythm
  {
    id: "rhythm.cadence_adherence",
    dynamic: "rhythm",
    label: "Meetings held as scheduled",
    formula: "min(1, meetings held / meetings scheduled) in the window.",
    weight: 2,
    scopes: ["alliance"],
    factTypes: ["meeting.scheduled", "meeting.held"],
    evidenceWindow: "window",
    compute(ctx) {
      const s = ctx.sums.alliance;
      const scheduled = s[C.meetingsScheduled] as number;
      const held = s[C.meetingsHeld] as number;
      return { value: ratio(held, scheduled), raw: { scheduled, held }, recordCount: scheduled + held };
    },
    matches: (f) => f.type === "meeting.scheduled" || f.type === "meeting.held",
  },
  {
    id: "rhythm.intent_renewal",
    dynamic: "rhythm",
    label: "Shared intent renewed on time",
    formula:
      "d = days since the last charter renewal (or since the first record), p = the charter's renewal period (365 if none): 1 while d ≤ p, then 1 − (d − p)/p, floored at 0.",
    weight: 2,
    scopes: ["alliance"],
    factTypes: ["charter.renewed"],
    evidenceWindow: "point",
    compute(ctx) {
      const last = lastRenewal(ctx.state, ctx.day);
      const period = last ? last.periodDays : 365;
      const since = ctx.day - (last ? last.day : ctx.state.firstDay);
      const value = since <= period ? 1 : Math.max(0, 1 - (since - period) / period);
      return { value, raw: { daysSinceRenewal: since, renewalPeriodDays: period }, recordCount: last ? 1 : 0 };
    },
    matches: (f) => f.type === "charter.renewed",
  },
  {
    id: "rhythm.health_check",
    dynamic: "rhythm",
    label: "Health-check cadence kept",
    formula: "d = days since the last pulse (or since the first record): 1 while d ≤ 75 (a light check about every 2 months), then 1 − (d − 75)/75, floored at 0.",
    weight: 1,
    scopes: ["alliance"],
    factTypes: ["pulse.response_aggregate"],
    evidenceWindow: "point",
    compute(ctx) {
      const last = lastPulse(ctx.state, ctx.day)?.day;
      const since = ctx.day - (last ?? ctx.state.firstDay);
      const value = since <= 75 ? 1 : Math.max(0, 1 - (since - 75) / 75);
      return { value, raw: { daysSincePulse: since }, recordCount: last === undefined ? 0 : 1 };
    },
    matches: (f) => f.type === "pulse.response_aggregate",
  },
  pulseSignal("rhythm", "Pulse: shared goals revisited"),
  // Language
  {
    id: "language.breakdowns_worked",
    dynamic: "language",
    label: "Breakdowns worked to resolution",
    formula: "min(1, breakdowns closed / breakdowns named) in the window.",
    weight: 1,
    scopes: ["alliance"],
    factTypes: ["breakdown.named", "breakdown.closed"],
    evidenceWindow: "window",
    compute(ctx) {
      const s = ctx.sums.alliance;
      const named = s[C.breakdownsNamed] as number;
      const closed = s[C.breakdownsClosed] as number;
      return { value: ratio(closed, named), raw: { named, closed }, recordCount: named + closed };
    },
    matches: (f) => f.type === "breakdown.named" || f.type === "breakdown.closed",
  },
  {
    id: "language.assumptions_tested",
    dynamic: "language",
    label: "Assumptions tested",
    formula: "min(1, assumptions tested / (3 × share of the window covered by history)): about one a month is healthy.",
    weight: 1,
    scopes: ["alliance"],
    factTypes: ["assumption.tested"],
    evidenceWindow: "window",
    compute(ctx) {
      const tested = ctx.sums.alliance[C.assumptionsTested] as number;
      const expected = (3 * ctx.windowDays * ctx.coverage) / 90;
      return { value: expected > 0 ? Math.min(1, tested / expected) : null, raw: { tested }, recordCount: tested };
    },
    matches: (f) => f.type === "assumption.tested",
  },
  {
    id: "language.open_tension_age",
    dynamic: "language",
    label: "Age of open tensions",
    formula: "m = median age in days of the tensions open at the evaluation day: 1 while m ≤ 14, then 1 − (m − 14)/76, floored at 0 (0 at 90 days); 1 when none is open.",
    weight: 2,
    scopes: ["alliance"],
    factTypes: ["tension.raised", "tension.resolved"],
    evidenceWindow: "point",
    compute(ctx) {
      const open = openTensionAge(ctx.state, ctx.day);
      if (open.count === 0) return { value: 1, raw: { openTensions: 0, medianAgeDays: 0 }, recordCount: 0 };
      const m = open.medianAgeDays;
      const value = m <= 14 ? 1 : Math.max(0, 1 - (m - 14) / 76);
      return { value, raw: { openTensions: open.count, medianAgeDays: m }, recordCount: open.count };
    },
    matches: (f) => f.type === "tension.raised",
  },
  {
    id: "language.conditions_written",
    dynamic: "language",
    label: "Requests with written conditions of satisfaction",
    formula: "requests with conditions of satisfaction / requests in the window (seat: as customer).",
    weight: 2,
    scopes: ["alliance", "seat"],
    factTypes: ["commitment.requested"],
    evidenceWindow: "window",
    compute(ctx, seat): SignalReading {
      const s = sumsOf(ctx, seat);
      const requests = s[C.requests] as number;
      const withConditions = s[C.requestsWithConditions] as number;
      return { value: ratio(withConditions, requests), raw: { requests, withConditions }, recordCount: requests };
    },
    matches: (f, seatId) => f.type === "commitment.requested" && isCommitmentOf(f, seatId, "customer"),
  },
  pulseSignal("language", "Pulse: key words mean the same to partners"),
  // Presence
  {
    id: "presence.attendance",
    dynamic: "presence",
    label: "Attendance",
    formula: "seats present / seats expected over the meetings held in the window (seat: its own attendance).",
    weight: 2,
    scopes: ["alliance", "seat"],
    factTypes: ["meeting.held"],
    evidenceWindow: "window",
    compute(ctx, seat): SignalReading {
      const s = sumsOf(ctx, seat);
      const expected = s[C.attendanceExpected] as number;
      const present = s[C.attendancePresent] as number;
      return { value: ratio(present, expected), raw: { expected, present }, recordCount: expected };
    },
    matches: (f, seatId) => f.type === "meeting.held" && (seatId === null || f.expectedSeatIds.includes(seatId)),
  },
  {
    id: "presence.responsiveness",
    dynamic: "presence",
    label: "Requests answered within 14 days",
    formula: "requests answered within 14 days / requests received, for requests made in the window shifted back 14 days (seat: as performer).",
    weight: 2,
    scopes: ["alliance", "seat"],
    factTypes: ["commitment.requested", "commitment.answered"],
    evidenceWindow: "shifted",
    compute(ctx, seat): SignalReading {
      const s = sumsOf(ctx, seat, true);
      const received = s[C.requestsReceived] as number;
      const answered = s[C.answeredWithin14] as number;
      const w = sumsOf(ctx, seat);
      const answers = w[C.answers] as number;
      const meanResponseDays = answers > 0 ? (w[C.responseMinutes] as number) / answers / 1440 : 0;
      return { value: ratio(answered, received), raw: { received, answeredWithin14: answered, meanResponseDays: round4(meanResponseDays) ?? 0 }, recordCount: received };
    },
    matches: (f, seatId) => f.type === "commitment.requested" && isCommitmentOf(f, seatId, "performer"),
  },
  {
    id: "presence.active_seats",
    dynamic: "presence",
    label: "Seats active in the window",
    formula: "share of seats that authored, took a position, attended or answered in the window (seat: 1 if active, else 0).",
    weight: 1,
    scopes: ["alliance", "seat"],
    factTypes: ["agenda.item_added", "proposal.created", "position.taken", "meeting.held", "commitment.requested", "commitment.answered", "clause.authored", "clause.amended"],
    evidenceWindow: "window",
    compute(ctx, seat): SignalReading {
      const isActive = (i: number) => {
        const s = ctx.sums.seats[i] as Float64Array;
        return (
          (s[C.agendaItems] as number) + (s[C.proposals] as number) + (s[C.clauses] as number) + (s[C.requests] as number) +
            (s[C.positions] as number) + (s[C.attendancePresent] as number) + (s[C.answers] as number) > 0
        );
      };
      if (seat !== null) {
        const active = isActive(seat) ? 1 : 0;
        return { value: active, raw: { active }, recordCount: active };
      }
      const active = ctx.seats.filter(isActive).length;
      return { value: ctx.seats.length > 0 ? active / ctx.seats.length : null, raw: { active, seats: ctx.seats.length }, recordCount: active };
    },
    matches(f, seatId) {
      if (seatId === null) return false;
      if (f.type === "meeting.held") return f.attendingSeatIds.includes(seatId);
      if (f.type === "commitment.requested") return f.customerSeatId === seatId;
      if (f.type === "commitment.answered") return f.performerSeatId === seatId;
      return (f.type === "agenda.item_added" || f.type === "proposal.created" || f.type === "position.taken" || f.type === "clause.authored" || f.type === "clause.amended") && f.seatId === seatId;
    },
  },
  {
    id: "presence.pulse_response",
    dynamic: "presence",
    label: "Pulse response rate",
    formula: "respondents / people invited over the pulse aggregates in the window.",
    weight: 1,
    scopes: ["alliance", "seat"],
    factTypes: ["pulse.response_aggregate"],
    evidenceWindow: "window",
    compute(ctx, seat): SignalReading {
      const s = sumsOf(ctx, seat);
      const invited = s[C.pulseInvited] as number;
      const respondents = s[C.pulseRespondents] as number;
      return { value: ratio(respondents, invited), raw: { invited, respondents }, recordCount: invited };
    },
    matches: (f, seatId) => f.type === "pulse.response_aggregate" && (seatId === null || f.seatId === seatId),
  },
  pulseSignal("presence", "Pulse: meeting effectiveness"),
  // Authorship
  equitySignal("authorship.agenda_equity", "Agenda items spread across seats", C.agendaItems, ["agenda.item_added"], "agenda items added"),
  equitySignal("authorship.proposal_equity", "Proposals spread across seats", C.proposals, ["proposal.created"], "proposals created"),
  equitySignal("authorship.clause_equity", "Charter clauses spread across seats", C.clauses, ["clause.authored", "clause.amended"], "clauses authored or amended"),
  equitySignal("authorship.request_equity", "Requests initiated across seats", C.requests, ["commitment.requested"], "requests initiated"),
  {
    id: "authorship.decision_positions",
    dynamic: "authorship",
    label: "Decisions with every seat's position",
    formula: "Alliance: decisions closed with every eligible seat's position recorded / decisions closed. Seat: min(1, proposals the seat took a position on / decisions closed).",
    weight: 1,
    scopes: ["alliance", "seat"],
    factTypes: ["proposal.closed", "position.taken"],
    evidenceWindow: "window",
    compute(ctx, seat): SignalReading {
      const a = ctx.sums.alliance;
      const closed = a[C.decisionsClosed] as number;
      if (seat === null) {
        const allSeats = a[C.decisionsAllSeats] as number;
        return { value: ratio(allSeats, closed), raw: { closed, allSeats }, recordCount: closed };
      }
      const positioned = (ctx.sums.seats[seat] as Float64Array)[C.seatPositions] as number;
      return { value: ratio(positioned, closed), raw: { closed, positioned }, recordCount: positioned };
    },
    matches: (f, seatId) => (seatId === null ? f.type === "proposal.closed" : f.type === "position.taken" && f.seatId === seatId),
  },
  pulseSignal("authorship", "Pulse: decisions reflect all partners"),
  // Trust
  {
    id: "trust.promise_keeping",
    dynamic: "trust",
    label: "Promises kept on time",
    formula: "accepted on time / (accepted on time + accepted late + reneged), closures in the window (seat: as performer). Source: conversation-for-action.md.",
    weight: 3,
    scopes: ["alliance", "seat"],
    factTypes: ["commitment.accepted", "commitment.reneged"],
    evidenceWindow: "window",
    compute(ctx, seat): SignalReading {
      const s = sumsOf(ctx, seat);
      const kept = s[C.kept] as number;
      const late = s[C.late] as number;
      const reneged = s[C.reneged] as number;
      return { value: ratio(kept, kept + late + reneged), raw: { kept, late, reneged }, recordCount: kept + late + reneged };
    },
    matches: (f, seatId) => (f.type === "commitment.accepted" || f.type === "commitment.reneged") && isCommitmentOf(f, seatId, "performer"),
  },
  {
    id: "trust.clean_release",
    dynamic: "trust",
    label: "Promises released with notice rather than reneged",
    formula: "revoked with notice / (revoked + reneged) in the window (seat: as performer).",
    weight: 1,
    scopes: ["alliance", "seat"],
    factTypes: ["commitment.revoked", "commitment.reneged"],
    evidenceWindow: "window",
    compute(ctx, seat): SignalReading {
      const s = sumsOf(ctx, seat);
      const revoked = s[C.revoked] as number;
      const reneged = s[C.reneged] as number;
      return { value: ratio(revoked, revoked + reneged), raw: { revoked, reneged }, recordCount: revoked + reneged };
    },
    matches: (f, seatId) => (f.type === "commitment.revoked" || f.type === "commitment.reneged") && isCommitmentOf(f, seatId, "performer"),
  },
  {
    id: "trust.customer_declared",
    dynamic: "trust",
    label: "Closures declared by the customer",
    formula: "closures (accepted or cancelled) declared by the customer / closures in the window; should be about 1.",
    weight: 1,
    scopes: ["alliance", "seat"],
    factTypes: ["commitment.accepted", "commitment.cancelled"],
    evidenceWindow: "window",
    compute(ctx, seat): SignalReading {
      const s = sumsOf(ctx, seat);
      const closures = s[C.closures] as number;
      const byCustomer = s[C.closuresByCustomer] as number;
      return { value: ratio(byCustomer, closures), raw: { closures, byCustomer }, recordCount: closures };
    },
    matches: (f, seatId) => (f.type === "commitment.accepted" || f.type === "commitment.cancelled") && isCommitmentOf(f, seatId, "performer"),
  },
  {
    id: "trust.healthy_no",
    dynamic: "trust",
    label: "Requests declined openly (a healthy no)",
    formula: "min(1, (declined / answers) / 0.05): declining at least 1 request in 20 shows partners can say no.",
    weight: 0.5,
    scopes: ["alliance", "seat"],
    factTypes: ["commitment.declined", "commitment.answered"],
    evidenceWindow: "window",
    compute(ctx, seat): SignalReading {
      const s = sumsOf(ctx, seat);
      const answers = s[C.answers] as number;
      const declined = s[C.declined] as number;
      return { value: answers > 0 ? Math.min(1, declined / answers / 0.05) : null, raw: { answers, declined }, recordCount: answers };
    },
    matches: (f, seatId) => f.type === "commitment.declined" && isCommitmentOf(f, seatId, "performer"),
  },
  pulseSignal("trust", "Pulse: partners keep commitments"),
  // Candor
  {
    id: "candor.dissent",
    dynamic: "candor",
    label: "Dissent recorded in decisions",
    formula: "min(1, (disagree + block + objection positions / positions) / 0.1): a dissent rate near 0 is a warning, 10% or more is healthy.",
    weight: 2,
    scopes: ["alliance", "seat"],
    factTypes: ["position.taken"],
    evidenceWindow: "window",
    compute(ctx, seat): SignalReading {
      const s = sumsOf(ctx, seat);
      const positions = s[C.positions] as number;
      const dissent = s[C.dissentPositions] as number;
      return { value: positions > 0 ? Math.min(1, dissent / positions / 0.1) : null, raw: { positions, dissent }, recordCount: positions };
    },
    matches: (f, seatId) => f.type === "position.taken" && dissentStances.has(f.stance) && (seatId === null || f.seatId === seatId),
  },
  {
    id: "candor.tensions_raised",
    dynamic: "candor",
    label: "Tensions raised",
    formula: "Alliance: min(1, tensions raised / (number of seats × coverage)), i.e. about one per seat per 90 days. Seat: min(1, named tensions it raised / coverage).",
    weight: 1,
    scopes: ["alliance", "seat"],
    factTypes: ["tension.raised"],
    evidenceWindow: "window",
    compute(ctx, seat): SignalReading {
      const raised = sumsOf(ctx, seat)[C.tensionsRaised] as number;
      const scale = (ctx.windowDays / 90) * ctx.coverage * (seat === null ? ctx.seats.length : 1);
      return { value: scale > 0 ? Math.min(1, raised / scale) : null, raw: { raised }, recordCount: raised };
    },
    matches: (f, seatId) => f.type === "tension.raised" && (seatId === null || f.seatId === seatId),
  },
  {
    id: "candor.named_tensions",
    dynamic: "candor",
    label: "Tensions raised by name",
    formula: "1 − anonymous tensions / tensions raised in the window.",
    weight: 1,
    scopes: ["alliance"],
    factTypes: ["tension.raised"],
    evidenceWindow: "window",
    compute(ctx) {
      const raised = ctx.sums.alliance[C.tensionsRaised] as number;
      const anonymous = ctx.sums.alliance[C.tensionsAnonymous] as number;
      return { value: raised > 0 ? 1 - anonymous / raised : null, raw: { raised, anonymous }, recordCount: raised };
    },
    matches: (f) => f.type === "tension.raised",
  },
  {
    id: "candor.divergence_acknowledged",
    dynamic: "candor",
    label: "Divergences acknowledged",
    formula: "min(1, divergences acknowledged / divergences found on the alignment map) in the window.",
    weight: 1,
    scopes: ["alliance"],
    factTypes: ["alignment.divergence_found", "alignment.divergence_acknowledged"],
    evidenceWindow: "window",
    compute(ctx) {
      const found = ctx.sums.alliance[C.divergencesFound] as number;
      const acknowledged = ctx.sums.alliance[C.divergencesAcknowledged] as number;
      return { value: ratio(acknowledged, found), raw: { found, acknowledged }, recordCount: found };
    },
    matches: (f) => f.type === "alignment.divergence_found" || f.type === "alignment.divergence_acknowledged",
  },
  pulseSignal("candor", "Pulse: problems can be brought up"),
];

const byId = new Map(signalDefinitions.map((d) => [d.id, d]));

/** The definition of a signal by id, or undefined. */
export function findSignalDefinition(id: string): SignalDefinition | undefined {
  return byId.get(id);
}

/** Computes one signal reading, rounding the value to 4 decimals. */
export function readSignal(def: SignalDefinition, ctx: SignalContext, seat: number | null): SignalReading {
  const reading = def.compute(ctx, seat);
  return { ...reading, value: round4(reading.value) };
}

/** Collects the records behind a point-in-time signal, most recent first. */
export function pointEvidence(def: SignalDefinition, state: HealthState, day: number): HealthFact[] {
  if (def.id === "rhythm.intent_renewal") {
    const last = lastRenewal(state, day);
    return last ? [last.fact] : [];
  }
  if (def.id === "language.open_tension_age") {
    return openIssuesAt(state, day, "tension")
      .map((t) => t.raisedFact as HealthFact)
      .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
  }
  if (def.id === "rhythm.health_check") {
    const last = lastPulse(state, day);
    if (!last) return [];
    return last.aggregates.filter((a) => a.day <= day).map((a) => a.fact);
  }
  return [];
}

/** Used by seat evaluation to label the alliance-only signals it borrows. */
export function seatIdAt(ctx: SignalContext, seat: number): string {
  return seatIdOf(ctx, seat);
}
