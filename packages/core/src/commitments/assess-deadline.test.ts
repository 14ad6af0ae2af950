import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { assessDeadline, deadlineOf, isOverdue } from "./assess-deadline";
import { buildCommitment, facilitatorActor, playMoves, strangerActor } from "./fixtures";
import { listEscalations } from "./list-escalations";
import { planNudge } from "./plan-nudge";

const requested = playMoves(buildCommitment(), [["customer", "request", "2025-03-03T10:00:00Z"]]);
const promised = playMoves(requested, [["performer", "promise", "2025-03-03T11:00:00Z"]]);
// Due: 2025-03-14T17:00:00Z.

describe("assessDeadline", () => {
  it.each([
    ["2025-03-10T09:00:00Z", "on_track", false, 0, 0],
    ["2025-03-13T16:59:59Z", "on_track", false, 0, 0],
    ["2025-03-13T17:00:00Z", "due", false, 0, 0],
    ["2025-03-14T17:00:00Z", "due", false, 0, 0],
    ["2025-03-14T17:00:01Z", "overdue", true, 1000, 0],
    ["2025-03-16T18:00:00Z", "overdue", true, 2 * 86_400_000 + 3_600_000, 2],
    ["2025-03-21T17:00:00Z", "overdue", true, 7 * 86_400_000, 7],
    ["2025-03-21T17:00:01Z", "escalated", true, 7 * 86_400_000 + 1000, 7],
    ["2025-04-14T17:00:00Z", "escalated", true, 31 * 86_400_000, 31],
  ] as const)("a promise at %s is %s", (at, level, overdue, overdueMs, overdueDays) => {
    const result = assessDeadline(promised, new Date(at));
    expect(result).toEqual({
      isOpen: true,
      deadline: "2025-03-14T17:00:00.000Z",
      deadlineKind: "due",
      waitsOn: "performer",
      isOverdue: overdue,
      overdueMs,
      overdueDays,
      level,
      surfaceToFacilitator: level === "escalated",
    });
    expect(isOverdue(promised, new Date(at))).toBe(overdue);
  });

  it("takes another policy", () => {
    const result = assessDeadline(promised, new Date("2025-03-16T17:00:00Z"), { dueSoonMs: 0, escalateAfterMs: 86_400_000 });
    expect(result.level).toBe("escalated");
    expect(assessDeadline(promised, new Date("2025-03-14T16:00:00Z"), { dueSoonMs: 0, escalateAfterMs: 1 }).level).toBe("on_track");
  });

  it("holds a request with commit-to-commit to the promised answer date", () => {
    const c2c = playMoves(requested, [["performer", { name: "commit_to_commit", answerBy: "2025-03-05T12:00:00Z" }, "2025-03-03T11:00:00Z"]]);
    expect(deadlineOf(c2c)).toEqual({ at: "2025-03-05T12:00:00.000Z", kind: "answer_by" });
    expect(assessDeadline(c2c, new Date("2025-03-06T12:00:00Z"))).toMatchObject({ isOverdue: true, overdueDays: 1, waitsOn: "performer", deadlineKind: "answer_by" });
    expect(deadlineOf(requested)).toEqual({ at: "2025-03-14T17:00:00.000Z", kind: "due" });
  });

  it("a pending renegotiation does not move the date: the old promise stands", () => {
    const proposed = playMoves(promised, [["performer", { name: "propose_renegotiation", dueAt: "2025-03-28T17:00:00Z" }, "2025-03-12T09:00:00Z"]]);
    expect(assessDeadline(proposed, new Date("2025-03-15T17:00:00Z"))).toMatchObject({ isOverdue: true, overdueDays: 1, waitsOn: "performer" });
  });

  it("a report waiting for a declaration past the date is overdue on the customer", () => {
    const reported = playMoves(promised, [["performer", "report", "2025-03-14T12:00:00Z"]]);
    expect(assessDeadline(reported, new Date("2025-03-17T12:00:00Z"))).toMatchObject({ isOverdue: true, waitsOn: "customer" });
  });

  it("a counter waits on the customer against the proposed date", () => {
    const countered = playMoves(requested, [["performer", { name: "counter", dueAt: "2025-03-07T17:00:00Z" }, "2025-03-03T11:00:00Z"]]);
    expect(assessDeadline(countered, new Date("2025-03-08T17:00:00Z"))).toMatchObject({ isOverdue: true, waitsOn: "customer", deadline: "2025-03-07T17:00:00.000Z" });
  });

  it("drafts and closed commitments have no deadline", () => {
    const none = { isOpen: false, deadline: null, level: "none", isOverdue: false, overdueMs: 0, surfaceToFacilitator: false };
    expect(assessDeadline(buildCommitment(), new Date("2025-05-01T00:00:00Z"))).toMatchObject(none);
    const cancelled = playMoves(promised, [["customer", "cancel", "2025-03-04T00:00:00Z"]]);
    expect(assessDeadline(cancelled, new Date("2025-05-01T00:00:00Z"))).toMatchObject(none);
  });
});

describe("planNudge", () => {
  it("lets a facilitator nudge whoever the loop waits on, without a move", () => {
    const nudge = planNudge(promised, facilitatorActor, new Date("2025-03-25T09:00:00Z"));
    expect(nudge).toEqual({
      commitmentId: "commitment-1",
      allianceId: "alliance-1",
      by: "person-fay",
      at: "2025-03-25T09:00:00.000Z",
      to: { personId: "person-ben", seatId: "seat-south" },
      toRole: "performer",
      reason: "perform",
      level: "escalated",
      overdueMs: 10 * 86_400_000 + 16 * 3_600_000,
    });
    const proposed = playMoves(promised, [["performer", { name: "propose_renegotiation", conditions: "Scope 1 only" }, "2025-03-05T09:00:00Z"]]);
    expect(planNudge(proposed, facilitatorActor, new Date("2025-03-06T09:00:00Z"))).toMatchObject({ toRole: "customer", reason: "respond_to_renegotiation" });
  });

  it("is forbidden to anyone but a facilitator, parties included", () => {
    for (const actor of [strangerActor, { personId: "person-ana" }]) {
      expect(() => planNudge(promised, actor, new Date("2025-03-06T09:00:00Z"))).toThrow(AppError);
      try {
        planNudge(promised, actor, new Date("2025-03-06T09:00:00Z"));
      } catch (error) {
        expect((error as AppError).code).toBe("forbidden");
      }
    }
  });

  it("refuses a closed commitment with conflict", () => {
    const done = playMoves(promised, [
      ["performer", "report", "2025-03-05T09:00:00Z"],
      ["customer", "accept", "2025-03-05T10:00:00Z"],
    ]);
    expect(() => planNudge(done, facilitatorActor, new Date("2025-03-06T09:00:00Z"))).toThrow(expect.objectContaining({ code: "conflict" }));
  });
});

describe("listEscalations", () => {
  it("returns only loops overdue beyond the window, most overdue first", () => {
    const second = playMoves(buildCommitment({ id: "commitment-2", dueAt: "2025-03-10T17:00:00Z" }), [
      ["customer", "request", "2025-03-03T10:00:00Z"],
      ["performer", "promise", "2025-03-03T11:00:00Z"],
    ]);
    const fresh = playMoves(buildCommitment({ id: "commitment-3", dueAt: "2025-03-20T17:00:00Z" }), [["customer", "request", "2025-03-03T10:00:00Z"]]);
    const found = listEscalations([promised, fresh, second, buildCommitment({ id: "draft" })], new Date("2025-03-22T18:00:00Z"));
    expect(found.map((e) => e.commitment.id)).toEqual(["commitment-2", "commitment-1"]);
    expect(found[0]?.turn).toEqual({ role: "performer", reason: "perform" });
  });
});
