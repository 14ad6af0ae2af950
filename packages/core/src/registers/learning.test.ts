import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { recordLearning, reviseLearning, type RecordLearningInput } from "./learning";

const t0 = new Date("2025-05-01T09:00:00Z");

function buildInput(overrides: Partial<RecordLearningInput> = {}): RecordLearningInput {
  return {
    id: "l1",
    allianceId: "a1",
    source: { kind: "experiment", title: "Pilot of the shared intake form", link: { type: "commitment", id: "c3" } },
    whatHappened: "Two of five partners used the form.",
    whatWasLearned: "The form duplicated their CRM fields.",
    whatChanges: "We import from CRMs instead of asking for re-entry.",
    recordedByPersonId: "p1",
    ...overrides,
  };
}

describe("learnings", () => {
  it("record an experiment or event with what happened, was learned and changes", () => {
    const learning = recordLearning(buildInput(), t0);
    expect(learning).toMatchObject({ source: { kind: "experiment", link: { type: "commitment", id: "c3" } }, seatIds: [], revisedAt: null });
  });

  it("validate their fields", () => {
    for (const overrides of [{ whatChanges: "" }, { source: { kind: "rumour", title: "x", link: null } as unknown as RecordLearningInput["source"] }, { recordedByPersonId: "" }]) {
      try {
        recordLearning(buildInput(overrides), t0);
        expect.unreachable();
      } catch (error) {
        expect(isAppError(error) && error.code).toBe("validation_failed");
      }
    }
  });

  it("can be revised later, not earlier", () => {
    const learning = recordLearning(buildInput(), t0);
    const later = new Date("2025-05-02T09:00:00Z");
    const revised = reviseLearning(learning, { whatChanges: "We import from CRMs." }, later);
    expect(revised).toMatchObject({ whatChanges: "We import from CRMs.", whatHappened: learning.whatHappened, revisedAt: later });
    expect(() => reviseLearning(revised, {}, t0)).toThrow();
  });
});
