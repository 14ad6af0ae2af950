import { describe, expect, it } from "vitest";
import { applyAmendment, proposeAmendment } from "./amendment";
import { diffCharters } from "./charter-diff";
import { buildCharter, testSeatIds } from "./testing";
import { applyWordDiff } from "./word-diff";

const at = "2026-02-01T09:00:00Z";

describe("diffCharters", () => {
  const v1 = buildCharter();
  const v2 = applyAmendment(
    v1,
    proposeAmendment(v1, { id: "a1", kind: "change", clauseId: "purpose", proposedText: "Together we make every river basin measurable.", rationale: "r", proposer: { personId: "ben", seatId: "s2" }, at }, testSeatIds),
    "2026-02-02T09:00:00Z",
  );
  const v3 = applyAmendment(
    v2,
    proposeAmendment(v2, { id: "a2", kind: "remove", clauseId: "out-scope", rationale: "Covered by law.", proposer: { personId: "ana", seatId: "s1" }, at }, testSeatIds),
    "2026-02-03T09:00:00Z",
  );
  const v4 = applyAmendment(
    v3,
    proposeAmendment(
      v3,
      { id: "a3", kind: "add", clauseId: "s1-goal", placement: { section: "objectives", seatId: "s1", scopeSide: null }, proposedText: "Ana's agency publishes open data.", rationale: "r", proposer: { personId: "ana", seatId: "s1" }, at },
      testSeatIds,
    ),
    "2026-02-04T09:00:00Z",
  );

  it("shows what changed between any two versions, in reading order", () => {
    const diff = diffCharters(v1, v4);
    expect([diff.fromVersion, diff.toVersion, diff.added, diff.removed, diff.changed]).toEqual([1, 4, 1, 1, 1]);
    expect(diff.clauses.map((c) => [c.clauseId, c.change])).toEqual([
      ["purpose", "changed"],
      ["in-scope", "unchanged"],
      ["out-scope", "removed"],
      ["rule", "unchanged"],
      ["renewal", "unchanged"],
      ["s1-goal", "added"],
      ["s3-contribution", "unchanged"],
    ]);
    expect(diff.clauses[0]?.parts).toEqual([
      { op: "equal", text: "Together we make " },
      { op: "insert", text: "every " },
      { op: "equal", text: "river " },
      { op: "delete", text: "basins" },
      { op: "insert", text: "basin" },
      { op: "equal", text: " measurable." },
    ]);
  });

  it("works backwards too, and every clause diff applies to the older text", () => {
    const back = diffCharters(v4, v1);
    expect(back.clauses.find((c) => c.clauseId === "out-scope")?.change).toBe("added");
    expect(back.clauses.find((c) => c.clauseId === "s1-goal")?.change).toBe("removed");
    for (const clause of diffCharters(v1, v4).clauses) {
      const before = v1.clauses.find((c) => c.id === clause.clauseId)?.text ?? "";
      const after = v4.clauses.find((c) => c.id === clause.clauseId)?.text ?? "";
      expect(applyWordDiff(before, clause.parts)).toBe(after);
    }
  });

  it("keeps a removed first clause first in its section", () => {
    const noPurpose = applyAmendment(
      v1,
      proposeAmendment(v1, { id: "a9", kind: "remove", clauseId: "in-scope", rationale: "r", proposer: { personId: "ben", seatId: "s2" }, at }, testSeatIds),
      "2026-02-02T09:00:00Z",
    );
    expect(diffCharters(v1, noPurpose).clauses.filter((c) => c.section === "scope").map((c) => [c.clauseId, c.change])).toEqual([
      ["in-scope", "removed"],
      ["out-scope", "unchanged"],
    ]);
  });
});
