import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { canMoveBreakdown, closeBreakdown, isBreakdownOpen, nameBreakdown, openBreakdownDiscussion, type NameBreakdownInput } from "./breakdown";

const t0 = new Date("2025-03-01T10:00:00Z");
const t1 = new Date("2025-03-02T10:00:00Z");
const t2 = new Date("2025-03-05T10:00:00Z");

function buildInput(overrides: Partial<NameBreakdownInput> = {}): NameBreakdownInput {
  return {
    id: "b1",
    allianceId: "a1",
    namedByPersonId: "p1",
    whatHappened: "The shared dataset arrived two weeks late.",
    whatWasExpected: "Delivery by the end of February.",
    impact: "The joint analysis slipped a sprint.",
    seatIds: ["northwind", "acme"],
    ...overrides,
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe("breakdowns", () => {
  it("are named open, discussed, then closed with a reinterpretation", () => {
    const named = nameBreakdown(buildInput({ whatHappened: "  Late data.  " }), t0);
    expect(named).toMatchObject({ status: "open", whatHappened: "Late data.", closure: null, namedAt: t0 });
    const discussed = openBreakdownDiscussion(named, t1);
    expect(discussed.status).toBe("in_discussion");
    const closed = closeBreakdown(discussed, { kind: "reinterpretation", reinterpretation: "The date was never agreed, only hoped." }, t2);
    expect(closed).toMatchObject({ status: "closed", closedAt: t2, closure: { kind: "reinterpretation" } });
    expect(isBreakdownOpen(closed)).toBe(false);
    expect(named.status).toBe("open"); // pure: the input is untouched
  });

  it("close with a linked commitment or proposal", () => {
    const discussed = openBreakdownDiscussion(nameBreakdown(buildInput(), t0), t1);
    const closed = closeBreakdown(discussed, { kind: "action", action: { type: "commitment", id: "c9" }, note: "" }, t2);
    expect(closed.closure).toEqual({ kind: "action", action: { type: "commitment", id: "c9" }, note: null });
    expect(codeOf(() => closeBreakdown(discussed, { kind: "action", action: { type: "meeting" as "proposal", id: "m1" }, note: null }, t2))).toBe("validation_failed");
    expect(codeOf(() => closeBreakdown(discussed, { kind: "action", action: { type: "proposal", id: " " }, note: null }, t2))).toBe("validation_failed");
  });

  it("refuse skipped and repeated moves", () => {
    const named = nameBreakdown(buildInput(), t0);
    expect(codeOf(() => closeBreakdown(named, { kind: "reinterpretation", reinterpretation: "x" }, t1))).toBe("illegal_move");
    const closed = closeBreakdown(openBreakdownDiscussion(named, t1), { kind: "reinterpretation", reinterpretation: "x" }, t2);
    expect(codeOf(() => openBreakdownDiscussion(closed, t2))).toBe("illegal_move");
    expect(canMoveBreakdown("open", "in_discussion")).toBe(true);
    expect(canMoveBreakdown("closed", "open")).toBe(false);
  });

  it("validate their fields and time", () => {
    expect(codeOf(() => nameBreakdown(buildInput({ impact: "   " }), t0))).toBe("validation_failed");
    expect(codeOf(() => nameBreakdown(buildInput({ seatIds: ["a", "a"] }), t0))).toBe("validation_failed");
    expect(codeOf(() => nameBreakdown(buildInput({ whatHappened: "x".repeat(4001) }), t0))).toBe("validation_failed");
    expect(codeOf(() => nameBreakdown(buildInput(), new Date("nope")))).toBe("validation_failed");
    const named = nameBreakdown(buildInput(), t1);
    expect(codeOf(() => openBreakdownDiscussion(named, t0))).toBe("validation_failed");
    expect(codeOf(() => closeBreakdown(openBreakdownDiscussion(named, t1), { kind: "reinterpretation", reinterpretation: "" }, t2))).toBe("validation_failed");
  });
});
