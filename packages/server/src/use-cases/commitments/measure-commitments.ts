import { AppError, can, type AllianceViewer } from "@trellis/core";
import {
  defaultEscalationPolicy,
  listEscalations,
  measureLedger,
  measureSeat,
  type Commitment,
  type LedgerMeasures,
  type LedgerOptions,
} from "@trellis/core/commitments";
import { hydrateCommitments, listCommitmentRows, loadLedgerCommitments, loadPartyDirectory, type CommitmentRow, type PartyDirectory } from "@trellis/db";
import type { ServerContext } from "../../context";

/** A period of the ledger: counts of events in [from, to); open loops as of now. */
export interface LedgerPeriod {
  from?: Date | undefined;
  to?: Date | undefined;
}

function assertCanView(viewer: AllianceViewer | null): void {
  if (viewer && !can(viewer, "commitment.view")) throw new AppError("forbidden", "Your role cannot see commitments.");
}

function optionsOf(ctx: ServerContext, period: LedgerPeriod): LedgerOptions {
  if (period.from && period.to && period.from >= period.to) {
    throw new AppError("validation_failed", "The period must start before it ends.", { issues: [{ path: "from", message: "after to" }] });
  }
  return { asOf: ctx.clock(), ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) };
}

const allSeats = "alliance";

/** The alliance as one party: every commitment counted once, for the alliance-wide row. */
function asOneParty(commitments: readonly Commitment[]): Commitment[] {
  return commitments.map((c) => ({ ...c, customer: { ...c.customer, seatId: allSeats }, performer: { ...c.performer, seatId: allSeats } }));
}

async function load(ctx: ServerContext, viewer: AllianceViewer | null, allianceId: string, options: LedgerOptions) {
  const commitments = await loadLedgerCommitments(ctx.db, allianceId, viewer, { closedSince: options.from, openedBy: options.asOf });
  const directory = await loadPartyDirectory(ctx.db, allianceId, []);
  return { commitments, directory };
}

function seatRef(directory: PartyDirectory, seatId: string) {
  return { id: seatId, name: directory.seats.get(seatId)?.name ?? "A seat" };
}

function seatIdsByName(directory: PartyDirectory): string[] {
  return [...directory.seats.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name) || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
}

/**
 * The ledger of who promised what: every seat of the alliance (also those with no commitment yet),
 * the alliance as a whole, and every customer seat -> performer seat pair. Counted over the
 * commitments the viewer may see (null: the system, all of them), by core's measureLedger.
 */
export async function getCommitmentLedger(ctx: ServerContext, viewer: AllianceViewer | null, allianceId: string, period: LedgerPeriod) {
  assertCanView(viewer);
  const options = optionsOf(ctx, period);
  const { commitments, directory } = await load(ctx, viewer, allianceId, options);
  const ledger = measureLedger(commitments, options);
  const bySeat = new Map(ledger.seats.map((s) => [s.seatId, s.measures]));
  return {
    asOf: ledger.asOf,
    from: ledger.from,
    to: ledger.to,
    alliance: measureSeat(asOneParty(commitments), allSeats, options),
    seats: seatIdsByName(directory).map((seatId) => ({ seat: seatRef(directory, seatId), measures: bySeat.get(seatId) ?? measureSeat([], seatId, options) })),
    pairs: ledger.pairs.map((p) => ({ customerSeat: seatRef(directory, p.customerSeatId), performerSeat: seatRef(directory, p.performerSeatId), measures: p.measures })),
  };
}

/** One seat's ledger: its measures and the pairs it is part of (as customer and as performer). */
export async function getSeatLedger(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, seatId: string, period: LedgerPeriod) {
  assertCanView(viewer);
  const options = optionsOf(ctx, period);
  const { commitments, directory } = await load(ctx, viewer, allianceId, options);
  if (!directory.seats.has(seatId)) throw new AppError("not_found", "No such seat in this alliance.");
  const ledger = measureLedger(commitments, options);
  return {
    asOf: ledger.asOf,
    from: ledger.from,
    to: ledger.to,
    seat: seatRef(directory, seatId),
    measures: measureSeat(commitments, seatId, options),
    pairs: ledger.pairs
      .filter((p) => p.customerSeatId === seatId || p.performerSeatId === seatId)
      .map((p) => ({ customerSeat: seatRef(directory, p.customerSeatId), performerSeat: seatRef(directory, p.performerSeatId), measures: p.measures })),
  };
}

/** The behavioural trust measures of the reference, from the ledger's measures. */
export function trustOf(m: LedgerMeasures) {
  return {
    promiseKeepingRate: m.promiseKeepingRate,
    promisesCameDue: m.promisesCameDue,
    keptOnTime: m.keptOnTime,
    keptLate: m.keptLate,
    reneged: m.reneged,
    revokedWithNotice: m.revokedWithNotice,
    renegeShare: m.renegeShare,
    revokeShare: m.revokeShare,
    requestsReceived: m.requestsReceived,
    requestsAnswered: m.requestsAnswered,
    medianResponseMs: m.medianResponseMs,
    negotiationRounds: m.negotiationRounds,
    negotiationRoundsPerCommitment: m.negotiationRoundsPerCommitment,
    closures: m.closures,
    closuresByCustomer: m.closuresByCustomer,
    customerClosureShare: m.customerClosureShare,
    overdueOpenLoops: m.overdueOpenLoops,
    oldestOverdueMs: m.oldestOverdueMs,
  };
}

export type TrustMeasures = ReturnType<typeof trustOf>;

/**
 * Trust per seat and per pair (promise-keeping rate, renege vs revoke with notice, response
 * time, negotiation rounds, share of closures declared by the customer). With a null viewer it
 * measures every commitment: the health capability calls it that way.
 */
export async function measureCommitmentTrust(ctx: ServerContext, viewer: AllianceViewer | null, allianceId: string, period: LedgerPeriod) {
  const ledger = await getCommitmentLedger(ctx, viewer, allianceId, period);
  return {
    asOf: ledger.asOf,
    from: ledger.from,
    to: ledger.to,
    alliance: trustOf(ledger.alliance),
    seats: ledger.seats.map((s) => ({ seat: s.seat, trust: trustOf(s.measures) })),
    pairs: ledger.pairs.map((p) => ({ customerSeat: p.customerSeat, performerSeat: p.performerSeat, trust: trustOf(p.measures) })),
  };
}

/**
 * The network of commitments: seats as nodes, an edge from the customer seat to the performer
 * seat for the commitments opened between them in the period, with the kept-on-time rate.
 */
export async function getCommitmentNetwork(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, period: LedgerPeriod) {
  assertCanView(viewer);
  const options = optionsOf(ctx, period);
  const { commitments, directory } = await load(ctx, viewer, allianceId, options);
  const ledger = measureLedger(commitments, options);
  const bySeat = new Map(ledger.seats.map((s) => [s.seatId, s.measures]));
  const openBetween = new Map<string, number>();
  for (const c of commitments) {
    if (c.closedAt !== null) continue;
    const key = `${c.customer.seatId}->${c.performer.seatId}`;
    openBetween.set(key, (openBetween.get(key) ?? 0) + 1);
  }
  return {
    asOf: ledger.asOf,
    from: ledger.from,
    to: ledger.to,
    nodes: seatIdsByName(directory).map((seatId) => {
      const m = bySeat.get(seatId) ?? measureSeat([], seatId, options);
      return {
        id: seatId,
        name: directory.seats.get(seatId)?.name ?? "A seat",
        kind: directory.seats.get(seatId)?.kind ?? "other",
        commitments: m.commitmentsOpened,
        promisesMade: m.promisesMade,
        requestsMade: m.requestsMade,
        promiseKeepingRate: m.promiseKeepingRate,
        overdueOpenLoops: m.overdueOpenLoops,
      };
    }),
    edges: ledger.pairs
      .filter((p) => p.measures.commitmentsOpened > 0)
      .map((p) => ({
        id: `${p.customerSeatId}->${p.performerSeatId}`,
        source: p.customerSeatId,
        target: p.performerSeatId,
        count: p.measures.commitmentsOpened,
        open: openBetween.get(`${p.customerSeatId}->${p.performerSeatId}`) ?? 0,
        promisesCameDue: p.measures.promisesCameDue,
        keptOnTime: p.measures.keptOnTime,
        keptOnTimeRate: p.measures.promiseKeepingRate,
      })),
  };
}

/** Loops overdue beyond the escalation window (7 days), most overdue first: the facilitator's list. */
export async function listEscalatedCommitments(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, limit: number): Promise<{ commitment: Commitment; row: CommitmentRow }[]> {
  assertCanView(viewer);
  const now = ctx.clock();
  const rows = await listCommitmentRows(ctx.db, allianceId, viewer, { overdueAt: new Date(now.getTime() - defaultEscalationPolicy.escalateAfterMs) }, { sort: "due", limit: 500 });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const commitments = await hydrateCommitments(ctx.db, rows);
  return listEscalations(commitments, now)
    .slice(0, limit)
    .map((e) => ({ commitment: e.commitment, row: byId.get(e.commitment.id) as CommitmentRow }));
}
