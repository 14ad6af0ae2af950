import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical-json";
import { isAppError } from "../errors";
import {
  isTensionOpen,
  presentTensionForFacilitator,
  presentTensionForPartner,
  raiseTension,
  reframeTension,
  resolveTension,
  startTensionDialogue,
  tensionAgeDays,
  type RaiseTensionInput,
  type Tension,
} from "./tension";

const raisedAt = new Date("2025-03-01T14:37:12Z");
const later = new Date("2025-03-04T09:00:00Z");
const muchLater = new Date("2025-03-20T09:00:00Z");

function buildInput(overrides: Partial<RaiseTensionInput> = {}): RaiseTensionInput {
  return {
    id: "t1",
    allianceId: "a1",
    summary: "Agenda items from smaller partners keep slipping to 'any other business'.",
    target: { kind: "seat", seatId: "acme" },
    author: { personId: "person-ana", seatId: "northwind" },
    anonymous: false,
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

describe("tensions", () => {
  it("move raised -> in_dialogue -> resolved, with age in days", () => {
    const { tension, disclosure, eventActorId } = raiseTension(buildInput(), raisedAt);
    expect(tension).toMatchObject({ status: "raised", fromSeatId: "northwind", raisedByPersonId: "person-ana", raisedAt });
    expect(disclosure).toBeNull();
    expect(eventActorId).toBe("person-ana");
    expect(tensionAgeDays(tension, later)).toBe(2);
    const inDialogue = startTensionDialogue(tension, later);
    const resolved = resolveTension(inDialogue, "Smaller partners now open every second agenda.", muchLater);
    expect(resolved).toMatchObject({ status: "resolved", outcome: { kind: "resolved" }, closedAt: muchLater });
    expect(isTensionOpen(resolved)).toBe(false);
    // Age stops when the tension closes.
    expect(tensionAgeDays(resolved, new Date("2026-01-01T00:00:00Z"))).toBe(18);
  });

  it("can be reframed, and refuses skipped or repeated moves", () => {
    const { tension } = raiseTension(buildInput({ target: { kind: "alliance" } }), raisedAt);
    expect(codeOf(() => resolveTension(tension, "done", later))).toBe("illegal_move");
    const reframed = reframeTension(startTensionDialogue(tension, later), "It is about meeting length, not about Acme.", later);
    expect(reframed.status).toBe("reframed");
    expect(codeOf(() => resolveTension(reframed, "x", muchLater))).toBe("illegal_move");
    expect(codeOf(() => startTensionDialogue(reframed, muchLater))).toBe("illegal_move");
  });

  it("validate target, author and options", () => {
    expect(codeOf(() => raiseTension(buildInput({ target: { kind: "seat", seatId: "northwind" } }), raisedAt))).toBe("validation_failed");
    expect(codeOf(() => raiseTension(buildInput({ summary: " " }), raisedAt))).toBe("validation_failed");
    expect(codeOf(() => raiseTension(buildInput({ tellFacilitator: true }), raisedAt))).toBe("validation_failed");
    expect(codeOf(() => raiseTension(buildInput({ target: { kind: "team" } as unknown as RaiseTensionInput["target"] }), raisedAt))).toBe("validation_failed");
    const { tension } = raiseTension(buildInput(), raisedAt);
    expect(codeOf(() => startTensionDialogue(tension, new Date("2025-02-01T00:00:00Z")))).toBe("validation_failed");
  });

  describe("when anonymous", () => {
    const anonymous = raiseTension(buildInput({ anonymous: true }), raisedAt);

    it("store no link to the author and keep the time only to the day", () => {
      expect(anonymous.tension.fromSeatId).toBeNull();
      expect(anonymous.tension.raisedByPersonId).toBeNull();
      expect(anonymous.eventActorId).toBeNull();
      expect(anonymous.disclosure).toBeNull();
      expect(anonymous.tension.raisedAt.toISOString()).toBe("2025-03-01T00:00:00.000Z");
      const stored = canonicalJson(anonymous.tension);
      expect(stored).not.toContain("person-ana");
      expect(stored).not.toContain("northwind");
      expect(stored).not.toContain("14:37");
    });

    it("give partners a view without any author key", () => {
      const view = presentTensionForPartner(anonymous.tension, later);
      expect(view.anonymous).toBe(true);
      expect(Object.keys(view)).not.toContain("fromSeatId");
      expect(Object.keys(view)).not.toContain("raisedByPersonId");
      expect(JSON.stringify(view)).not.toMatch(/author|raisedBy|fromSeat/i);
      expect(view.ageDays).toBe(3);
    });

    it("stay anonymous even when a corrupted record carries an author", () => {
      const corrupted: Tension = { ...anonymous.tension, fromSeatId: "northwind", raisedByPersonId: "person-ana" };
      const view = presentTensionForPartner(corrupted, later);
      expect(JSON.stringify(view)).not.toContain("northwind");
      expect(JSON.stringify(view)).not.toContain("person-ana");
    });

    it("tell only the facilitator, through a separate disclosure, when the author chooses", () => {
      const told = raiseTension(buildInput({ anonymous: true, tellFacilitator: true }), raisedAt);
      expect(canonicalJson(told.tension)).not.toContain("person-ana");
      expect(told.disclosure).toMatchObject({ tensionId: "t1", personId: "person-ana", seatId: "northwind", visibility: { level: "facilitators" } });
      expect(JSON.stringify(presentTensionForPartner(told.tension, later))).not.toContain("person-ana");
      const facilitatorView = presentTensionForFacilitator(told.tension, told.disclosure, later);
      expect(facilitatorView.disclosedAuthor).toEqual({ personId: "person-ana", seatId: "northwind" });
      expect(presentTensionForFacilitator(anonymous.tension, null, later).disclosedAuthor).toBeNull();
      expect(codeOf(() => presentTensionForFacilitator(anonymous.tension, { ...told.disclosure!, tensionId: "other" }, later))).toBe("validation_failed");
    });
  });

  it("show partners the author of a named tension", () => {
    const view = presentTensionForPartner(raiseTension(buildInput(), raisedAt).tension, later);
    expect(view).toMatchObject({ anonymous: false, fromSeatId: "northwind", raisedByPersonId: "person-ana" });
  });
});
