import type { HealthDynamic } from "./facts";

/**
 * Indices of the per-day counters kept for every scope (alliance and seat). These are the
 * sufficient statistics of every signal: a window is the sum of its days. Seat scope means:
 * author for authorship counters, performer for trust and responsiveness counters, customer
 * for request counters, responding seat for pulse counters.
 */
export const C = {
  meetingsScheduled: 0,
  meetingsHeld: 1,
  attendanceExpected: 2,
  attendancePresent: 3,
  /** Requests received as performer, on the request's day. */
  requestsReceived: 4,
  /** Of those, answered within 14 days, also on the request's day. */
  answeredWithin14: 5,
  answers: 6,
  /** Response time in minutes, capped at 30 days, on the answer's day. */
  responseMinutes: 7,
  agendaItems: 8,
  proposals: 9,
  clauses: 10,
  /** Requests made as customer. */
  requests: 11,
  requestsWithConditions: 12,
  /** Requests due more than 90 days after they were made. */
  requestsLong: 13,
  decisionsClosed: 14,
  decisionsAllSeats: 15,
  decisionsWithDissent: 16,
  positions: 17,
  dissentPositions: 18,
  promises: 19,
  kept: 20,
  late: 21,
  reneged: 22,
  revoked: 23,
  declined: 24,
  cancelled: 25,
  closures: 26,
  closuresByCustomer: 27,
  breakdownsNamed: 28,
  breakdownsClosed: 29,
  assumptionsTested: 30,
  tensionsRaised: 31,
  tensionsAnonymous: 32,
  tensionsResolved: 33,
  divergencesFound: 34,
  divergencesAcknowledged: 35,
  goalsSet: 36,
  goalsLong: 37,
  pulseInvited: 38,
  pulseRespondents: 39,
  /** Directional trust ratings about this seat by others: sum of mean×1e6×respondents and respondents. */
  trustAboutSum: 40,
  trustAboutN: 41,
  /** Proposals on which the seat recorded a position (once per proposal, on its first position's day). */
  seatPositions: 42,
  /** Requests received as performer and answered within 7 days, on the request's day. */
  answeredWithin7: 43,
  /** Pulse sums per dynamic start here: sum at base + 2k, respondents at base + 2k + 1. */
  pulseBase: 44,
} as const;

const dynamicOrder: Record<HealthDynamic, number> = { rhythm: 0, language: 1, presence: 2, authorship: 3, trust: 4, candor: 5 };

/** Counter index of the pulse sum (mean in micro-units × respondents) for a dynamic. */
export function pulseSumIndex(dynamic: HealthDynamic): number {
  return C.pulseBase + 2 * dynamicOrder[dynamic];
}

/** Counter index of the pulse respondents for a dynamic. */
export function pulseCountIndex(dynamic: HealthDynamic): number {
  return C.pulseBase + 2 * dynamicOrder[dynamic] + 1;
}

/** Number of counters per scope per day. */
export const COUNTER_WIDTH = C.pulseBase + 12;

/** Pulse means are stored in integer micro-units so that sums stay exact. */
export const PULSE_SCALE = 1_000_000;
