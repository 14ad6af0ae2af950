import { describe, expect, it } from "vitest";
import type { CommitmentParty } from "./commitment";
import { buildCommitment, playMoves } from "./fixtures";
import { measureLedger, measurePair, measureSeat, median, type LedgerMeasures } from "./measure-ledger";

const north: CommitmentParty = { personId: "person-ana", seatId: "seat-north" };
const south: CommitmentParty = { personId: "person-ben", seatId: "seat-south" };
const east: CommitmentParty = { personId: "person-eve", seatId: "seat-east" };
const hour = 3_600_000;
const day = 24 * hour;

function between(id: string, customer: CommitmentParty, performer: CommitmentParty, dueAt = "2025-03-14T17:00:00Z") {
  return buildCommitment({ id, customer, performer, dueAt });
}
const request = ["customer", "request", "2025-03-03T10:00:00Z"] as const;

// A hand-built ledger. Unless stated, due 14 March 17:00 UTC.
const commitments = [
  // c1 north -> south: answered in 2 h, reported and accepted before the date: kept on time.
  playMoves(between("c1", north, south), [
    request,
    ["performer", "promise", "2025-03-03T12:00:00Z"],
    ["performer", "report", "2025-03-12T09:00:00Z"],
    ["customer", "accept", "2025-03-12T10:00:00Z"],
  ]),
  // c2: countered after 24 h, countered again (2 rounds), promised for the 17th, reported on the 18th: kept late.
  playMoves(between("c2", north, south), [
    request,
    ["performer", { name: "counter", dueAt: "2025-03-18T17:00:00Z" }, "2025-03-04T10:00:00Z"],
    ["customer", { name: "counter_again", dueAt: "2025-03-17T17:00:00Z" }, "2025-03-04T12:00:00Z"],
    ["performer", "promise", "2025-03-04T13:00:00Z"],
    ["performer", "report", "2025-03-18T09:00:00Z"],
    ["customer", "accept", "2025-03-18T10:00:00Z"],
  ]),
  // c3: commit-to-commit after 5 h, promised, reneged after the date.
  playMoves(between("c3", north, south), [
    request,
    ["performer", { name: "commit_to_commit", answerBy: "2025-03-05T10:00:00Z" }, "2025-03-03T15:00:00Z"],
    ["performer", "promise", "2025-03-05T09:00:00Z"],
    ["performer", "renege", "2025-03-15T09:00:00Z"],
  ]),
  // c4: promised after 3 h, released with notice before the date.
  playMoves(between("c4", north, south), [request, ["performer", "promise", "2025-03-03T13:00:00Z"], ["performer", "revoke", "2025-03-10T09:00:00Z"]]),
  // c5: declined after 1 h.
  playMoves(between("c5", north, south), [request, ["performer", "decline", "2025-03-03T11:00:00Z"]]),
  // c6: never answered; overdue on south.
  playMoves(between("c6", north, south), [request]),
  // c7 south -> north, opened by north's offer; new date agreed (1 round); overdue on north.
  playMoves(between("c7", south, north), [
    ["performer", { name: "offer", dueAt: "2025-03-12T17:00:00Z" }, "2025-03-03T10:00:00Z"],
    ["customer", "accept_counter", "2025-03-03T11:00:00Z"],
    ["performer", { name: "propose_renegotiation", dueAt: "2025-03-16T17:00:00Z" }, "2025-03-10T09:00:00Z"],
    ["customer", "accept_renegotiation", "2025-03-10T10:00:00Z"],
  ]),
  // c8: promised after 4 h, cancelled by the customer before the date.
  playMoves(between("c8", north, south), [request, ["performer", "promise", "2025-03-03T14:00:00Z"], ["customer", "cancel", "2025-03-06T10:00:00Z"]]),
  // c9 north -> east: promised after 6 h, reported, never declared; overdue on north (the customer).
  playMoves(between("c9", north, east), [request, ["performer", "promise", "2025-03-03T16:00:00Z"], ["performer", "report", "2025-03-13T10:00:00Z"]]),
  // A draft says nothing yet.
  between("c10", east, north),
];

const asOf = new Date("2025-03-20T12:00:00Z");
const zero: LedgerMeasures = {
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

describe("measureSeat", () => {
  it("south, as performer of most and customer of c7", () => {
    expect(measureSeat(commitments, "seat-south", { asOf })).toEqual({
      ...zero,
      promisesMade: 5,
      promisesCameDue: 3,
      keptOnTime: 1,
      keptLate: 1,
      reneged: 1,
      revokedWithNotice: 1,
      declined: 1,
      promiseKeepingRate: 1 / 3,
      renegeShare: 0.5,
      revokeShare: 0.5,
      requestsReceived: 7,
      requestsAnswered: 6,
      medianResponseMs: 3.5 * hour,
      requestsMade: 0,
      commitmentsOpened: 8,
      negotiationRounds: 3,
      negotiationRoundsPerCommitment: 3 / 8,
      closures: 5,
      closuresByCustomer: 3,
      customerClosureShare: 0.6,
      overdueOpenLoops: 1,
      overdueAgesMs: [5 * day + 19 * hour],
      oldestOverdueMs: 5 * day + 19 * hour,
    });
  });

  it("north, customer of most and performer of c7", () => {
    expect(measureSeat(commitments, "seat-north", { asOf })).toEqual({
      ...zero,
      promisesMade: 1,
      promisesCameDue: 1,
      promiseKeepingRate: 0,
      requestsMade: 8,
      commitmentsOpened: 9,
      negotiationRounds: 3,
      negotiationRoundsPerCommitment: 1 / 3,
      closures: 5,
      closuresByCustomer: 3,
      customerClosureShare: 0.6,
      overdueOpenLoops: 2,
      overdueAgesMs: [5 * day + 19 * hour, 3 * day + 19 * hour],
      oldestOverdueMs: 5 * day + 19 * hour,
    });
  });

  it("east: the overdue declaration on c9 belongs to north, not east", () => {
    expect(measureSeat(commitments, "seat-east", { asOf })).toEqual({
      ...zero,
      promisesMade: 1,
      promisesCameDue: 1,
      promiseKeepingRate: 0,
      requestsReceived: 1,
      requestsAnswered: 1,
      medianResponseMs: 6 * hour,
      commitmentsOpened: 1,
      negotiationRoundsPerCommitment: 0,
    });
  });

  it("counts events in a period; the open loops stay a snapshot at asOf", () => {
    const period = { asOf, from: new Date("2025-03-10T00:00:00Z"), to: new Date("2025-03-16T00:00:00Z") };
    expect(measureSeat(commitments, "seat-south", period)).toEqual({
      ...zero,
      promisesCameDue: 2,
      keptOnTime: 1,
      promiseKeepingRate: 0.5,
      reneged: 1,
      revokedWithNotice: 1,
      renegeShare: 0.5,
      revokeShare: 0.5,
      closures: 3,
      closuresByCustomer: 1,
      customerClosureShare: 1 / 3,
      overdueOpenLoops: 1,
      overdueAgesMs: [5 * day + 19 * hour],
      oldestOverdueMs: 5 * day + 19 * hour,
    });
  });

  it("ignores moves after asOf: the ledger as it stood then", () => {
    const then = measureSeat(commitments, "seat-south", { asOf: new Date("2025-03-12T09:30:00Z") });
    expect(then).toMatchObject({
      promisesMade: 5,
      promisesCameDue: 0,
      keptOnTime: 0,
      promiseKeepingRate: null,
      reneged: 0,
      revokedWithNotice: 1,
      revokeShare: 1,
      renegeShare: 0,
      closures: 2,
      closuresByCustomer: 1,
      overdueOpenLoops: 0,
    });
  });

  it("is all zeros for a seat with no commitments", () => {
    expect(measureSeat(commitments, "seat-west", { asOf })).toEqual(zero);
  });
});

describe("measurePair", () => {
  it("north -> south", () => {
    expect(measurePair(commitments, "seat-north", "seat-south", { asOf })).toEqual({
      ...zero,
      promisesMade: 5,
      promisesCameDue: 3,
      keptOnTime: 1,
      keptLate: 1,
      reneged: 1,
      revokedWithNotice: 1,
      declined: 1,
      promiseKeepingRate: 1 / 3,
      renegeShare: 0.5,
      revokeShare: 0.5,
      requestsReceived: 7,
      requestsAnswered: 6,
      medianResponseMs: 3.5 * hour,
      requestsMade: 7,
      commitmentsOpened: 7,
      negotiationRounds: 2,
      negotiationRoundsPerCommitment: 2 / 7,
      closures: 5,
      closuresByCustomer: 3,
      customerClosureShare: 0.6,
      overdueOpenLoops: 1,
      overdueAgesMs: [5 * day + 19 * hour],
      oldestOverdueMs: 5 * day + 19 * hour,
    });
  });

  it("south -> north is a different pair from north -> south", () => {
    expect(measurePair(commitments, "seat-south", "seat-north", { asOf })).toMatchObject({
      promisesMade: 1,
      promisesCameDue: 1,
      keptOnTime: 0,
      requestsMade: 0,
      commitmentsOpened: 1,
      negotiationRounds: 1,
      overdueOpenLoops: 1,
      overdueAgesMs: [3 * day + 19 * hour],
    });
  });
});

describe("measureLedger", () => {
  it("measures every seat and pair with a move by asOf", () => {
    const ledger = measureLedger(commitments, { asOf });
    expect(ledger.asOf).toBe("2025-03-20T12:00:00.000Z");
    expect(ledger.from).toBeNull();
    expect(ledger.seats.map((s) => s.seatId)).toEqual(["seat-east", "seat-north", "seat-south"]);
    expect(ledger.pairs.map((p) => [p.customerSeatId, p.performerSeatId])).toEqual([
      ["seat-north", "seat-east"],
      ["seat-north", "seat-south"],
      ["seat-south", "seat-north"],
    ]);
    expect(ledger.seats[2]?.measures).toEqual(measureSeat(commitments, "seat-south", { asOf }));
    expect(ledger.pairs[1]?.measures).toEqual(measurePair(commitments, "seat-north", "seat-south", { asOf }));
  });
});

describe("median", () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])("of %j is %s", (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});
