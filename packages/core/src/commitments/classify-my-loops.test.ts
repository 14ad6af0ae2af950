import { describe, expect, it } from "vitest";
import { classifyMyLoops } from "./classify-my-loops";
import type { CommitmentParty } from "./commitment";
import { buildCommitment, playMoves } from "./fixtures";

const ana: CommitmentParty = { personId: "person-ana", seatId: "seat-north" };
const ben: CommitmentParty = { personId: "person-ben", seatId: "seat-south" };
const eve: CommitmentParty = { personId: "person-eve", seatId: "seat-east" };

function between(id: string, customer: CommitmentParty, performer: CommitmentParty, dueAt = "2025-03-14T17:00:00Z") {
  return buildCommitment({ id, customer, performer, dueAt });
}

const request = ["customer", "request", "2025-03-03T10:00:00Z"] as const;
const promise = ["performer", "promise", "2025-03-03T11:00:00Z"] as const;

const commitments = [
  // Ana asked Ben.
  playMoves(between("c-rep", ana, ben), [request, promise, ["performer", "report", "2025-03-12T09:00:00Z"]]),
  playMoves(between("c-req", ana, ben), [request]),
  playMoves(between("c-prom", ana, ben, "2025-03-20T17:00:00Z"), [request, promise]),
  playMoves(between("c-ctr", ana, ben), [request, ["performer", { name: "counter", dueAt: "2025-03-25T17:00:00Z" }, "2025-03-04T10:00:00Z"]]),
  playMoves(between("c-offer", ana, ben), [["performer", { name: "offer", dueAt: "2025-03-24T17:00:00Z" }, "2025-03-04T10:00:00Z"]]),
  // Ben asked Ana.
  playMoves(between("c-asked", ben, ana, "2025-03-18T10:00:00Z"), [request]),
  playMoves(between("c-reneg", ben, ana, "2025-03-21T17:00:00Z"), [
    request,
    promise,
    ["customer", { name: "propose_renegotiation", dueAt: "2025-03-19T17:00:00Z" }, "2025-03-05T10:00:00Z"],
  ]),
  playMoves(between("c-ownprop", ben, ana, "2025-03-22T17:00:00Z"), [
    request,
    promise,
    ["performer", { name: "propose_renegotiation", dueAt: "2025-03-29T17:00:00Z" }, "2025-03-05T10:00:00Z"],
  ]),
  playMoves(between("c-old", ben, ana, "2025-03-10T17:00:00Z"), [request, promise]),
  // Not loops of Ana's: closed, draft, someone else's.
  playMoves(between("c-done", ana, ben), [request, promise, ["performer", "report", "2025-03-05T09:00:00Z"], ["customer", "accept", "2025-03-05T10:00:00Z"]]),
  between("c-draft", ana, ben),
  playMoves(between("c-other", ben, eve), [request]),
];

const at = new Date("2025-03-17T12:00:00Z");

describe("classifyMyLoops", () => {
  const loops = classifyMyLoops(commitments, "person-ana", at);

  it("lists what waits on me, overdue first, then by nearest date", () => {
    expect(loops.waitsOnMe.map((l) => [l.commitment.id, l.reason, l.myRole])).toEqual([
      ["c-old", "perform", "performer"],
      ["c-rep", "declare", "customer"],
      ["c-asked", "answer", "performer"],
      ["c-reneg", "respond_to_renegotiation", "performer"],
      ["c-ownprop", "perform", "performer"],
      ["c-offer", "respond_to_offer", "customer"],
      ["c-ctr", "respond_to_counter", "customer"],
    ]);
  });

  it("lists what I wait on, with the counterpart", () => {
    expect(loops.iWaitOn.map((l) => [l.commitment.id, l.reason, l.counterpart.personId])).toEqual([
      ["c-req", "answer", "person-ben"],
      ["c-prom", "perform", "person-ben"],
    ]);
  });

  it("carries the deadline assessment of each loop", () => {
    expect(loops.waitsOnMe[0]?.deadline).toMatchObject({ isOverdue: true, overdueDays: 6, level: "overdue", waitsOn: "performer" });
    expect(loops.waitsOnMe[2]?.deadline).toMatchObject({ isOverdue: false, level: "due" });
  });

  it("counts them", () => {
    expect(loops.counts).toEqual({
      waitsOnMe: 7,
      iWaitOn: 2,
      overdueWaitsOnMe: 2,
      overdueIWaitOn: 1,
      waitsOnMeByReason: { answer: 1, respond_to_offer: 1, respond_to_counter: 1, perform: 2, respond_to_renegotiation: 1, declare: 1 },
      iWaitOnByReason: { answer: 1, respond_to_offer: 0, respond_to_counter: 0, perform: 1, respond_to_renegotiation: 0, declare: 0 },
    });
  });

  it("shows the other side of the same loops to Ben (equal ages fall back to id order)", () => {
    const bens = classifyMyLoops(commitments, "person-ben", at);
    const reasons = Object.fromEntries([...bens.waitsOnMe, ...bens.iWaitOn].map((l) => [l.commitment.id, l.reason]));
    expect(bens.waitsOnMe.map((l) => l.commitment.id)).toEqual(["c-req", "c-prom", "c-ownprop"]);
    expect(reasons["c-ownprop"]).toBe("respond_to_renegotiation");
    expect(bens.iWaitOn.map((l) => l.commitment.id)).toEqual(["c-old", "c-other", "c-rep", "c-asked", "c-reneg", "c-offer", "c-ctr"]);
  });

  it("is empty for someone without commitments", () => {
    expect(classifyMyLoops(commitments, "person-zed", at).counts.waitsOnMe).toBe(0);
  });
});
