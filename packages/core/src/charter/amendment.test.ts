import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { applyAmendment, findStaleAmendments, isAmendmentStale, proposeAmendment, rebaseAmendment, withdrawAmendment } from "./amendment";
import { charterDecisionQuorum, charterRules, createCharter, findClause } from "./charter";
import { buildCharter, testSeatIds } from "./testing";
import type { ProposeAmendmentInput } from "./amendment";

const at = "2026-02-01T09:00:00Z";
const seats = testSeatIds;

function failure(fn: () => unknown): { code: string; details: Record<string, unknown> | undefined } {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error("expected an AppError");
}

function change(clauseId: string, proposedText: string, over: Partial<ProposeAmendmentInput> = {}): ProposeAmendmentInput {
  return { id: `a-${clauseId}`, kind: "change", clauseId, proposedText, rationale: "Clearer.", proposer: { personId: "ben", seatId: "s2" }, at, ...over };
}

describe("createCharter and charterRules", () => {
  it("groups clauses by section and records who wrote them", () => {
    const charter = buildCharter();
    expect(charter.version).toBe(1);
    expect(charter.clauses.map((c) => c.section)).toEqual(["purpose", "scope", "scope", "governance", "governance", "contributions"]);
    expect(findClause(charter, "purpose")?.authorship).toEqual([{ kind: "wrote", seatId: "s1", personId: "ana", charterVersion: 1, amendmentId: null, at: "2026-01-15T10:00:00Z" }]);
  });

  it("starts empty at version 0", () => {
    const charter = createCharter({ allianceId: "x", at, seatIds: seats });
    expect(charter).toEqual({ allianceId: "x", version: 0, adoptedAt: null, amendmentId: null, clauses: [] });
    expect(charterRules(charter)).toEqual({ amendmentRule: { kind: "unanimous" }, renewalPeriodMonths: 12, decisionQuorum: null });
  });

  it("reads the rules in force from the governance clauses", () => {
    const rule = { kind: "qualified_majority" as const, threshold: { numerator: 2, denominator: 3 } };
    expect(charterRules(buildCharter(rule)).amendmentRule).toEqual(rule);
    expect(charterDecisionQuorum(buildCharter())).toEqual({ kind: "none" });
    const withQuorum = buildCharter(rule, [
      { id: "quorum", section: "governance", text: "Half the partners make a quorum.", setting: { key: "decision_quorum", fraction: { numerator: 1, denominator: 2 } }, author: { personId: "ana", seatId: "s1" } },
    ]);
    expect(charterDecisionQuorum(withQuorum)).toEqual({ kind: "fraction", fraction: { numerator: 1, denominator: 2 } });
  });

  it("refuses misplaced clauses and settings", () => {
    const base = { allianceId: "x", at, seatIds: seats };
    const author = { personId: "p", seatId: "s1" };
    const bad = (clause: Parameters<typeof createCharter>[0]["clauses"]) => failure(() => createCharter({ ...base, clauses: clause })).details?.reason;
    expect(bad([{ id: "c", section: "purpose", seatId: "s1", text: "x", author }])).toBe("shared_section");
    expect(bad([{ id: "c", section: "objectives", seatId: "s9", text: "x", author }])).toBe("unknown_seat");
    expect(bad([{ id: "c", section: "purpose", scopeSide: "in", text: "x", author }])).toBe("not_scope");
    expect(bad([{ id: "c", section: "purpose", text: "x", setting: { key: "renewal_period", months: 6 }, author }])).toBe("not_governance");
    expect(bad([{ id: "c", section: "governance", text: "x", setting: { key: "renewal_period", months: 0 }, author }])).toBe("out_of_range");
    expect(bad([{ id: "c", section: "governance", text: "x", setting: { key: "amendment_rule", rule: { kind: "weighted", threshold: { numerator: 1, denominator: 2 } } }, author }])).toBe("invalid_rule");
    expect(bad([{ id: "c", section: "purpose", text: "  ", author }])).toBe("required");
    expect(bad([{ id: "c", section: "purpose", text: "a", author }, { id: "c", section: "scope", text: "b", author }])).toBe("duplicate_or_empty");
  });
});

describe("proposeAmendment", () => {
  const charter = buildCharter();

  it("records the clause revision and text it was written against", () => {
    const amendment = proposeAmendment(charter, change("purpose", "Together we make every river basin measurable."), seats);
    expect(amendment).toMatchObject({ kind: "change", baseClauseRevision: 1, baseText: "Together we make river basins measurable.", state: "open", draft: 1 });
  });

  it("needs a rationale, text, a real change and a seat", () => {
    expect(failure(() => proposeAmendment(charter, change("purpose", "New.", { rationale: " " }), seats)).details).toMatchObject({ field: "rationale" });
    expect(failure(() => proposeAmendment(charter, change("purpose", ""), seats)).details).toMatchObject({ field: "text", reason: "required" });
    expect(failure(() => proposeAmendment(charter, change("purpose", "Together we make river basins measurable."), seats)).details).toMatchObject({ reason: "unchanged" });
    expect(failure(() => proposeAmendment(charter, change("purpose", "x", { proposer: { personId: "f", seatId: "none" } }), seats)).details).toMatchObject({ reason: "unknown_seat" });
    expect(failure(() => proposeAmendment(charter, change("nope", "x"), seats)).code).toBe("not_found");
  });

  it("lets only a partner amend its own clause", () => {
    expect(failure(() => proposeAmendment(charter, change("s3-contribution", "Two engineers and a boat."), seats)).code).toBe("forbidden");
    const own = proposeAmendment(charter, change("s3-contribution", "Two engineers and a boat.", { proposer: { personId: "cy", seatId: "s3" } }), seats);
    expect(own.state).toBe("open");
    const addForOther = { id: "a1", kind: "add" as const, clauseId: "s1-goal", placement: { section: "objectives" as const, seatId: "s1", scopeSide: null }, proposedText: "x", rationale: "r", proposer: { personId: "ben", seatId: "s2" }, at };
    expect(failure(() => proposeAmendment(charter, addForOther, seats)).code).toBe("forbidden");
  });

  it("keeps rule clauses stating their rule: no removal, same key on change, one clause per rule", () => {
    const remove = { id: "r", kind: "remove" as const, clauseId: "rule", rationale: "r", proposer: { personId: "ana", seatId: "s1" }, at };
    expect(failure(() => proposeAmendment(charter, remove, seats)).details).toMatchObject({ reason: "states_rule" });
    expect(failure(() => proposeAmendment(charter, change("rule", "Two thirds decide."), seats)).details).toMatchObject({ reason: "setting_mismatch" });
    const add = { id: "a2", kind: "add" as const, clauseId: "rule-2", placement: { section: "governance" as const, seatId: null, scopeSide: null }, proposedText: "Every 6 months.", proposedSetting: { key: "renewal_period" as const, months: 6 }, rationale: "r", proposer: { personId: "ana", seatId: "s1" }, at };
    expect(failure(() => proposeAmendment(charter, add, seats)).details).toMatchObject({ reason: "duplicate_setting" });
  });
});

describe("applying, staleness and rebasing", () => {
  const charter = buildCharter();
  const first = proposeAmendment(charter, change("purpose", "Together we make every river basin measurable."), seats);
  const second = proposeAmendment(charter, change("purpose", "Together we make river basins measurable and fair.", { id: "a-2", proposer: { personId: "ana", seatId: "s1" } }), seats);
  const other = proposeAmendment(charter, change("in-scope", "Shared sensor standards and formats are pre-competitive.", { id: "a-3" }), seats);

  it("makes a new version, bumps the clause revision and records the amender", () => {
    const next = applyAmendment(charter, first, "2026-02-10T09:00:00Z");
    expect(next.version).toBe(2);
    expect(next.amendmentId).toBe("a-purpose");
    const clause = findClause(next, "purpose");
    expect(clause?.text).toBe("Together we make every river basin measurable.");
    expect(clause?.revision).toBe(2);
    expect(clause?.authorship.map((e) => [e.kind, e.seatId, e.charterVersion])).toEqual([["wrote", "s1", 1], ["amended", "s2", 2]]);
    // The old version is untouched: versions are values.
    expect(findClause(charter, "purpose")?.text).toBe("Together we make river basins measurable.");
  });

  it("makes other amendments to the changed clause stale, and only those", () => {
    const next = applyAmendment(charter, first, "2026-02-10T09:00:00Z");
    expect(isAmendmentStale(next, second)).toBe(true);
    expect(isAmendmentStale(next, other)).toBe(false);
    expect(findStaleAmendments(next, [second, other]).map((a) => [a.id, a.state])).toEqual([["a-2", "stale"]]);
    expect(() => applyAmendment(next, second, "2026-02-11T09:00:00Z")).toThrow(/rebase/);
  });

  it("rebases a stale amendment onto the current clause as a new draft", () => {
    const next = applyAmendment(charter, first, "2026-02-10T09:00:00Z");
    const [stale] = findStaleAmendments(next, [second]);
    if (!stale) throw new Error("expected a stale amendment");
    const rebased = rebaseAmendment(next, stale, { proposedText: "Together we make every river basin measurable and fair." }, seats);
    expect(rebased).toMatchObject({ state: "open", draft: 2, baseClauseRevision: 2, baseText: "Together we make every river basin measurable." });
    expect(isAmendmentStale(next, rebased)).toBe(false);
    expect(findClause(applyAmendment(next, rebased, "2026-02-12T09:00:00Z"), "purpose")?.text).toBe("Together we make every river basin measurable and fair.");
  });

  it("cannot rebase onto a removed clause, nor rebase a settled amendment", () => {
    const removal = proposeAmendment(charter, { id: "rm", kind: "remove", clauseId: "purpose", rationale: "Merged elsewhere.", proposer: { personId: "ana", seatId: "s1" }, at }, seats);
    const without = applyAmendment(charter, removal, "2026-02-10T09:00:00Z");
    expect(findClause(without, "purpose")).toBeUndefined();
    expect(isAmendmentStale(without, first)).toBe(true);
    expect(failure(() => rebaseAmendment(without, first, { proposedText: "x" }, seats)).code).toBe("conflict");
    expect(failure(() => rebaseAmendment(charter, { ...first, state: "ratified" }, { proposedText: "x" }, seats)).code).toBe("illegal_move");
  });

  it("adds a clause at the end of its section, written by the proposer's seat", () => {
    const add = proposeAmendment(
      charter,
      { id: "add-1", kind: "add", clauseId: "out-2", placement: { section: "scope", seatId: null, scopeSide: "out" }, proposedText: "Joint bids are out of scope.", rationale: "Antitrust.", proposer: { personId: "cy", seatId: "s3" }, at },
      seats,
    );
    const next = applyAmendment(charter, add, "2026-02-10T09:00:00Z");
    expect(next.clauses.map((c) => c.id)).toEqual(["purpose", "in-scope", "out-scope", "out-2", "rule", "renewal", "s3-contribution"]);
    expect(findClause(next, "out-2")?.authorship[0]).toMatchObject({ kind: "wrote", seatId: "s3", amendmentId: "add-1" });
    expect(isAmendmentStale(next, add)).toBe(true);
  });

  it("withdraws open or stale amendments only", () => {
    expect(withdrawAmendment(first, at)).toMatchObject({ state: "withdrawn", settledAt: at });
    expect(failure(() => withdrawAmendment({ ...first, state: "rejected" }, at)).code).toBe("illegal_move");
  });
});
