import { partyOf, type Commitment, type CommitmentRole, type MoveRecord } from "./commitment";
import { assessDeadline, defaultEscalationPolicy, type EscalationPolicy } from "./assess-deadline";
import { commitmentAsOf } from "./replay-commitment";

/**
 * Behavioural measures from the commitment ledger (reference/conversation-for-action.md,
 * "Behavioural measures from the ledger"), per seat and per pair of seats.
 *
 * Time. Every commitment is first taken as it stood at `asOf` (moves after it are ignored).
 * Counts of events use the period [from, to), further limited to instants <= asOf; without
 * `from` the period has no start, without `to` it ends at asOf inclusive. Open-loop measures
 * are a snapshot at `asOf`, whatever the period.
 */
export interface LedgerOptions {
  asOf: Date;
  from?: Date;
  to?: Date;
  policy?: EscalationPolicy;
}

/**
 * The measures. "As performer" counts commitments where the seat is the performer, "as
 * customer" where it is the customer, "conversation" any commitment the seat is part of. For a
 * pair every measure counts the pair's commitments (customer seat -> performer seat).
 */
export interface LedgerMeasures {
  // ---- As performer
  /** Promises made in the period: commitments that first became promised (a promise, or the customer accepting a counter or an offer). */
  promisesMade: number;
  /**
   * Promises that came due in the period. A promise's due instant is its due date (the agreed
   * terms at asOf, after any accepted renegotiation), or its acceptance if accepted before the
   * date; it came due when that instant is in the period. Promises released before their date
   * (revoked with notice, or cancelled by the customer before the date) never come due.
   */
  promisesCameDue: number;
  /** Promises that came due in the period, were accepted, and whose accepted report was made on or before the due date. */
  keptOnTime: number;
  /** Promises that came due in the period, were accepted, and whose accepted report was made after the due date. */
  keptLate: number;
  /** Renege moves in the period (promises marked not delivered once due). */
  reneged: number;
  /** Revoke moves in the period (promises released openly before they were due). */
  revokedWithNotice: number;
  /** Decline moves in the period (requests the performer said no to). */
  declined: number;
  /** keptOnTime / promisesCameDue; null when no promise came due. */
  promiseKeepingRate: number | null;
  /** reneged / (reneged + revokedWithNotice); null when neither happened. */
  renegeShare: number | null;
  /** revokedWithNotice / (reneged + revokedWithNotice); null when neither happened. */
  revokeShare: number | null;
  /** Conversations opened by a request in the period, received as performer. */
  requestsReceived: number;
  /** Of those, the ones the performer replied to by asOf (promise, counter, decline or commit-to-commit). */
  requestsAnswered: number;
  /** Median time from the opening request to the performer's first reply, over answered requests; null when none. */
  medianResponseMs: number | null;
  // ---- As customer
  /** Conversations opened by a request in the period, made as customer. */
  requestsMade: number;
  // ---- Conversation
  /** Conversations opened (by a request or an offer) in the period. */
  commitmentsOpened: number;
  /** Rounds of negotiation (counter, counter again, proposal of new terms) so far in the conversations opened in the period. */
  negotiationRounds: number;
  /** negotiationRounds / commitmentsOpened; null when none was opened. */
  negotiationRoundsPerCommitment: number | null;
  /** Closures of promised commitments in the period: accept, cancel (customer), renege, revoke (performer). */
  closures: number;
  /** Of those, closures declared by the customer (accept or cancel). */
  closuresByCustomer: number;
  /** closuresByCustomer / closures (the reference expects ~100%); null when no closure. */
  customerClosureShare: number | null;
  // ---- Open loops at asOf
  /** Open loops past their date at asOf, attributed to the seat that owes what the date is for. */
  overdueOpenLoops: number;
  /** Their ages (milliseconds past the date), oldest first. */
  overdueAgesMs: number[];
  /** The oldest age; null when none is overdue. */
  oldestOverdueMs: number | null;
}

/** Measures of one seat. */
export interface SeatLedger {
  seatId: string;
  measures: LedgerMeasures;
}

/** Measures of one pair of seats, customer seat -> performer seat. */
export interface PairLedger {
  customerSeatId: string;
  performerSeatId: string;
  measures: LedgerMeasures;
}

/** The ledger of a set of commitments: every seat and every pair that appears in them. */
export interface Ledger {
  asOf: string;
  from: string | null;
  to: string | null;
  seats: SeatLedger[];
  pairs: PairLedger[];
}

const closingMoves = ["accept", "cancel", "renege", "revoke"] as const;

interface Facts {
  commitment: Commitment;
  requestAt: number | null;
  firstResponseAt: number | null;
  openedAt: number | null;
  promisedAt: number | null;
  dueAt: number;
  /** Closing move of a promised commitment, if closed. */
  closing: MoveRecord | null;
  /** The report the customer accepted. */
  acceptedReportAt: number | null;
}

function timeOrNull(value: string | null): number | null {
  return value === null ? null : Date.parse(value);
}

function factsOf(snapshot: Commitment): Facts {
  const history = snapshot.history;
  const last = history[history.length - 1];
  const closing = last !== undefined && (closingMoves as readonly string[]).includes(last.move) ? last : null;
  let acceptedReportAt: number | null = null;
  if (snapshot.state === "accepted") {
    const report = [...history].reverse().find((m) => m.move === "report");
    acceptedReportAt = report === undefined ? null : Date.parse(report.at);
  }
  return {
    commitment: snapshot,
    requestAt: history[0]?.move === "request" ? Date.parse(history[0].at) : null,
    firstResponseAt: timeOrNull(snapshot.firstResponseAt),
    openedAt: timeOrNull(snapshot.openedAt),
    promisedAt: timeOrNull(snapshot.promisedAt),
    dueAt: Date.parse(snapshot.dueAt),
    closing,
    acceptedReportAt,
  };
}

/** The median of a list of numbers (mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

interface Scope {
  asPerformer: (c: Commitment) => boolean;
  asCustomer: (c: Commitment) => boolean;
  involved: (c: Commitment) => boolean;
  owesOverdue: (c: Commitment, role: CommitmentRole) => boolean;
}

function measure(all: readonly Facts[], scope: Scope, options: LedgerOptions): LedgerMeasures {
  const asOf = options.asOf.getTime();
  const from = options.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const to = options.to?.getTime();
  const inPeriod = (t: number | null): t is number => t !== null && t >= from && t <= asOf && (to === undefined || t < to);
  const policy = options.policy ?? defaultEscalationPolicy;

  const m: LedgerMeasures = {
    promisesMade: 0,
    promisesCameDue: 0,
    keptOnTime: 0,
    keptLate: 0,
    reneged: 0,
    revokedWithNotice: 0,
    declined: 0,
    promiseKeepingRate: null,
    renegeShare: null,
    revokeShare: null,
    requestsReceived: 0,
    requestsAnswered: 0,
    medianResponseMs: null,
    requestsMade: 0,
    commitmentsOpened: 0,
    negotiationRounds: 0,
    negotiationRoundsPerCommitment: null,
    closures: 0,
    closuresByCustomer: 0,
    customerClosureShare: null,
    overdueOpenLoops: 0,
    overdueAgesMs: [],
    oldestOverdueMs: null,
  };
  const responseTimes: number[] = [];

  for (const f of all) {
    const c = f.commitment;
    if (scope.asPerformer(c)) {
      if (inPeriod(f.promisedAt)) m.promisesMade += 1;
      if (f.promisedAt !== null) {
        const closedAt = f.closing === null ? null : Date.parse(f.closing.at);
        const released =
          f.closing?.move === "revoke" || (f.closing?.move === "cancel" && closedAt !== null && closedAt < f.dueAt);
        if (!released) {
          const dueInstant = c.state === "accepted" && closedAt !== null ? Math.min(f.dueAt, closedAt) : f.dueAt;
          if (inPeriod(dueInstant)) {
            m.promisesCameDue += 1;
            if (c.state === "accepted" && f.acceptedReportAt !== null) {
              if (f.acceptedReportAt <= f.dueAt) m.keptOnTime += 1;
              else m.keptLate += 1;
            }
          }
        }
      }
      for (const record of c.history) {
        if (!inPeriod(Date.parse(record.at))) continue;
        if (record.move === "renege") m.reneged += 1;
        else if (record.move === "revoke") m.revokedWithNotice += 1;
        else if (record.move === "decline") m.declined += 1;
      }
      if (inPeriod(f.requestAt)) {
        m.requestsReceived += 1;
        if (f.firstResponseAt !== null) {
          m.requestsAnswered += 1;
          responseTimes.push(f.firstResponseAt - f.requestAt);
        }
      }
    }
    if (scope.asCustomer(c) && inPeriod(f.requestAt)) m.requestsMade += 1;
    if (scope.involved(c)) {
      if (inPeriod(f.openedAt)) {
        m.commitmentsOpened += 1;
        m.negotiationRounds += c.negotiationRounds;
      }
      if (f.closing !== null && inPeriod(Date.parse(f.closing.at))) {
        m.closures += 1;
        if (f.closing.role === "customer") m.closuresByCustomer += 1;
      }
    }
    const deadline = assessDeadline(c, options.asOf, policy);
    if (deadline.isOverdue && deadline.waitsOn !== null && scope.owesOverdue(c, deadline.waitsOn)) {
      m.overdueAgesMs.push(deadline.overdueMs);
    }
  }

  m.promiseKeepingRate = ratio(m.keptOnTime, m.promisesCameDue);
  m.renegeShare = ratio(m.reneged, m.reneged + m.revokedWithNotice);
  m.revokeShare = ratio(m.revokedWithNotice, m.reneged + m.revokedWithNotice);
  m.medianResponseMs = median(responseTimes);
  m.negotiationRoundsPerCommitment = ratio(m.negotiationRounds, m.commitmentsOpened);
  m.customerClosureShare = ratio(m.closuresByCustomer, m.closures);
  m.overdueAgesMs.sort((a, b) => b - a);
  m.overdueOpenLoops = m.overdueAgesMs.length;
  m.oldestOverdueMs = m.overdueAgesMs[0] ?? null;
  return m;
}

function snapshots(commitments: readonly Commitment[], asOf: Date): Facts[] {
  return commitments.map((c) => factsOf(commitmentAsOf(c, asOf))).filter((f) => f.commitment.history.length > 0);
}

function seatScope(seatId: string): Scope {
  return {
    asPerformer: (c) => c.performer.seatId === seatId,
    asCustomer: (c) => c.customer.seatId === seatId,
    involved: (c) => c.performer.seatId === seatId || c.customer.seatId === seatId,
    owesOverdue: (c, role) => partyOf(c, role).seatId === seatId,
  };
}

function pairScope(customerSeatId: string, performerSeatId: string): Scope {
  const inPair = (c: Commitment): boolean => c.customer.seatId === customerSeatId && c.performer.seatId === performerSeatId;
  return { asPerformer: inPair, asCustomer: inPair, involved: inPair, owesOverdue: (c) => inPair(c) };
}

/** The ledger measures of one seat (as performer, as customer, and over its conversations). */
export function measureSeat(commitments: readonly Commitment[], seatId: string, options: LedgerOptions): LedgerMeasures {
  return measure(snapshots(commitments, options.asOf), seatScope(seatId), options);
}

/** The ledger measures of one pair of seats: commitments the customer seat asked of the performer seat. */
export function measurePair(
  commitments: readonly Commitment[],
  customerSeatId: string,
  performerSeatId: string,
  options: LedgerOptions,
): LedgerMeasures {
  return measure(snapshots(commitments, options.asOf), pairScope(customerSeatId, performerSeatId), options);
}

/** The whole ledger: every seat and every (customer seat -> performer seat) pair with a move by asOf, sorted by id. */
export function measureLedger(commitments: readonly Commitment[], options: LedgerOptions): Ledger {
  const facts = snapshots(commitments, options.asOf);
  const seatIds = new Set<string>();
  const pairKeys = new Map<string, [string, string]>();
  for (const { commitment: c } of facts) {
    seatIds.add(c.customer.seatId);
    seatIds.add(c.performer.seatId);
    pairKeys.set(JSON.stringify([c.customer.seatId, c.performer.seatId]), [c.customer.seatId, c.performer.seatId]);
  }
  const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const pairs = [...pairKeys.values()].sort((a, b) => byId(a[0], b[0]) || byId(a[1], b[1]));
  return {
    asOf: options.asOf.toISOString(),
    from: options.from?.toISOString() ?? null,
    to: options.to?.toISOString() ?? null,
    seats: [...seatIds].sort(byId).map((seatId) => ({ seatId, measures: measure(facts, seatScope(seatId), options) })),
    pairs: pairs.map(([customerSeatId, performerSeatId]) => ({
      customerSeatId,
      performerSeatId,
      measures: measure(facts, pairScope(customerSeatId, performerSeatId), options),
    })),
  };
}
