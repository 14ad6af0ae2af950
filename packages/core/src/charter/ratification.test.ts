import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SeatRef } from "../decisions/types";
import { isAppError } from "../errors";
import { createRandom } from "../random";
import { findStaleAmendments, proposeAmendment } from "./amendment";
import { charterRules, findClause } from "./charter";
import { deriveSeatAnswer, evaluateRatification, ratifyAmendment, rejectAmendment } from "./ratification";
import { answer, buildCharter, testSeatIds } from "./testing";
import type { Amendment, AmendmentRule, Charter, RatificationAnswer } from "./types";

const at = "2026-02-01T09:00:00Z";
const seats: SeatRef[] = [
  { id: "s1", weight: 5 },
  { id: "s2", weight: 3 },
  { id: "s3", weight: 2 },
];

function proposal(charter: Charter): Amendment {
  return proposeAmendment(
    charter,
    { id: "am", kind: "change", clauseId: "purpose", proposedText: "Together we make every river basin measurable.", rationale: "Scope.", proposer: { personId: "ben", seatId: "s2" }, at },
    testSeatIds,
  );
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return "none";
}

describe("deriveSeatAnswer", () => {
  it("objects when any delegate objects, consents when all answering delegates consent, else has not answered", () => {
    const seat = { id: "s1", weight: 1 };
    expect(deriveSeatAnswer(seat, [answer("am", "a", "s1", "consent"), answer("am", "b", "s1", "consent")])).toMatchObject({ answer: "consents", split: false, consenting: 2 });
    expect(deriveSeatAnswer(seat, [answer("am", "a", "s1", "consent"), answer("am", "b", "s1", "object", { reason: "Too broad." })])).toMatchObject({
      answer: "objects",
      split: true,
      objections: [{ personId: "b", reason: "Too broad." }],
    });
    expect(deriveSeatAnswer(seat, [answer("am", "c", "s2", "consent")])).toMatchObject({ answer: null, split: false });
  });
});

describe("evaluateRatification under each rule", () => {
  it("unanimous: met only when every seat consents; one objection makes it unreachable", () => {
    const charter = buildCharter();
    const amendment = proposal(charter);
    const two = [answer("am", "ana", "s1", "consent"), answer("am", "ben", "s2", "consent")];
    expect(evaluateRatification(charter, amendment, two, seats)).toMatchObject({ met: false, verdict: "pending", pendingSeats: ["s3"] });
    expect(evaluateRatification(charter, amendment, [...two, answer("am", "cy", "s3", "consent")], seats)).toMatchObject({ met: true, verdict: "met" });
    expect(evaluateRatification(charter, amendment, [...two, answer("am", "cy", "s3", "object")], seats)).toMatchObject({ verdict: "unreachable", objectingSeats: ["s3"] });
  });

  it("qualified majority 2/3: two seats of three meet it exactly", () => {
    const charter = buildCharter({ kind: "qualified_majority", threshold: { numerator: 2, denominator: 3 } });
    const amendment = proposal(charter);
    const answers = [answer("am", "ana", "s1", "consent"), answer("am", "ben", "s2", "consent"), answer("am", "cy", "s3", "object")];
    expect(evaluateRatification(charter, amendment, answers, seats)).toMatchObject({ met: true, verdict: "met" });
    expect(evaluateRatification(charter, amendment, answers.slice(0, 1), seats).verdict).toBe("pending");
    const twoObjections = [answer("am", "ana", "s1", "consent"), answer("am", "ben", "s2", "object"), answer("am", "cy", "s3", "object")];
    expect(evaluateRatification(charter, amendment, twoObjections, seats).verdict).toBe("unreachable");
  });

  it("weighted 3/4: 5 + 2 of 10 is not enough, 5 + 3 is", () => {
    const charter = buildCharter({ kind: "weighted", threshold: { numerator: 3, denominator: 4 } });
    const amendment = proposal(charter);
    const low = evaluateRatification(charter, amendment, [answer("am", "ana", "s1", "consent"), answer("am", "cy", "s3", "consent"), answer("am", "ben", "s2", "object")], seats);
    expect(low).toMatchObject({ met: false, consentingWeight: 7, totalWeight: 10, verdict: "unreachable" });
    const high = evaluateRatification(charter, amendment, [answer("am", "ana", "s1", "consent"), answer("am", "ben", "s2", "consent")], seats);
    expect(high).toMatchObject({ met: true, consentingWeight: 8 });
  });

  it("counts only answers to the current draft, and needs a reason with an objection", () => {
    const charter = buildCharter();
    const amendment = { ...proposal(charter), draft: 2 };
    const old = [answer("am", "ana", "s1", "consent", { draft: 1 }), answer("am", "ben", "s2", "consent", { draft: 1 }), answer("am", "cy", "s3", "consent", { draft: 1 })];
    expect(evaluateRatification(charter, amendment, old, seats).pendingSeats).toEqual(["s1", "s2", "s3"]);
    expect(codeOf(() => evaluateRatification(charter, amendment, [answer("am", "ana", "s1", "object", { draft: 2, reason: "" })], seats))).toBe("validation_failed");
    expect(codeOf(() => evaluateRatification(charter, amendment, [answer("am", "ana", "s9", "consent", { draft: 2 })], seats))).toBe("validation_failed");
  });

  it("gives the same evaluation whatever the order of answers and seats", () => {
    const rules: AmendmentRule[] = [
      { kind: "unanimous" },
      { kind: "qualified_majority", threshold: { numerator: 2, denominator: 3 } },
      { kind: "weighted", threshold: { numerator: 3, denominator: 5 } },
    ];
    const scenario = fc.record({
      rule: fc.constantFrom(...rules),
      weights: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 6 }),
      voters: fc.array(fc.record({ seat: fc.nat(), consent: fc.boolean() }), { maxLength: 14 }),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(scenario, ({ rule, weights, voters, seed }) => {
        const seatList = weights.map((w, i) => ({ id: `s${i + 1}`, weight: i === 0 ? w + 1 : w }));
        const charter = buildCharter(rule);
        const amendment = proposeAmendment(
          charter,
          { id: "am", kind: "change", clauseId: "purpose", proposedText: "New purpose.", rationale: "r", proposer: { personId: "p", seatId: "s1" }, at },
          seatList.map((s) => s.id),
        );
        const answers = voters.map((v, i) => answer("am", `p${i}`, `s${(v.seat % seatList.length) + 1}`, v.consent ? "consent" : "object"));
        const random = createRandom(seed);
        const shuffle = <T>(xs: readonly T[]): T[] => [...xs].map((x) => ({ x, k: random() })).sort((a, b) => a.k - b.k).map((e) => e.x);
        const a = evaluateRatification(charter, amendment, answers, seatList);
        const b = evaluateRatification(charter, amendment, shuffle(answers), shuffle(seatList));
        const decisive = (e: typeof a) => ({ met: e.met, verdict: e.verdict, consenting: [...e.consentingSeats].sort(), objecting: [...e.objectingSeats].sort(), weight: e.consentingWeight });
        expect(decisive(b)).toEqual(decisive(a));
        // Unanimity is exactly "every seat consents".
        if (rule.kind === "unanimous") expect(a.met).toBe(a.consentingSeats.length === seatList.length);
        // A met rule means no pending seat could have been needed: turning pending seats into consents keeps it met.
        if (a.met) {
          const more = [...answers, ...a.pendingSeats.map((s, i) => answer("am", `extra${i}`, s, "consent"))];
          expect(evaluateRatification(charter, amendment, more, seatList).met).toBe(true);
        }
      }),
      { numRuns: 300, seed: 99 },
    );
  });
});

describe("ratifyAmendment and rejectAmendment", () => {
  const all = (id: string, draft = 1): RatificationAnswer[] => [
    answer(id, "ana", "s1", "consent", { draft }),
    answer(id, "ben", "s2", "consent", { draft }),
    answer(id, "cy", "s3", "consent", { draft }),
  ];

  it("ratifies when the rule is met, producing the next version", () => {
    const charter = buildCharter();
    const result = ratifyAmendment(charter, proposal(charter), all("am"), seats, "2026-02-20T09:00:00Z");
    expect(result.charter.version).toBe(2);
    expect(result.amendment).toMatchObject({ state: "ratified", ratifiedAsVersion: 2, settledAt: "2026-02-20T09:00:00Z" });
  });

  it("refuses when the rule is not met, when stale, or when not open", () => {
    const charter = buildCharter();
    const amendment = proposal(charter);
    expect(codeOf(() => ratifyAmendment(charter, amendment, all("am").slice(0, 2), seats, at))).toBe("threshold_not_met");
    const competing = proposeAmendment(
      charter,
      { id: "am2", kind: "change", clauseId: "purpose", proposedText: "Another purpose.", rationale: "r", proposer: { personId: "ana", seatId: "s1" }, at },
      testSeatIds,
    );
    const next = ratifyAmendment(charter, competing, all("am2"), seats, at).charter;
    expect(codeOf(() => ratifyAmendment(next, amendment, all("am"), seats, at))).toBe("stale_version");
    expect(findStaleAmendments(next, [amendment])[0]?.state).toBe("stale");
    expect(codeOf(() => ratifyAmendment(charter, { ...amendment, state: "withdrawn" }, all("am"), seats, at))).toBe("illegal_move");
  });

  it("rejects only when the rule can no longer be met", () => {
    const charter = buildCharter();
    const amendment = proposal(charter);
    expect(codeOf(() => rejectAmendment(charter, amendment, all("am").slice(0, 2), seats, at))).toBe("illegal_move");
    expect(rejectAmendment(charter, amendment, [answer("am", "cy", "s3", "object")], seats, at)).toMatchObject({ state: "rejected", settledAt: at });
  });

  it("an amendment to the amendment rule is ratified under the old rule, then governs the next one", () => {
    const charter = buildCharter();
    const toTwoThirds = proposeAmendment(
      charter,
      {
        id: "rule-change",
        kind: "change",
        clauseId: "rule",
        proposedText: "Amendments need the consent of two thirds of the partners.",
        proposedSetting: { key: "amendment_rule", rule: { kind: "qualified_majority", threshold: { numerator: 2, denominator: 3 } } },
        rationale: "One partner should not hold the charter hostage.",
        proposer: { personId: "ana", seatId: "s1" },
        at,
      },
      testSeatIds,
    );
    // Under unanimity, two of three is not enough to change the rule.
    expect(codeOf(() => ratifyAmendment(charter, toTwoThirds, all("rule-change").slice(0, 2), seats, at))).toBe("threshold_not_met");
    const next = ratifyAmendment(charter, toTwoThirds, all("rule-change"), seats, at).charter;
    expect(charterRules(next).amendmentRule).toEqual({ kind: "qualified_majority", threshold: { numerator: 2, denominator: 3 } });
    expect(findClause(next, "rule")?.text).toBe("Amendments need the consent of two thirds of the partners.");
    const after = proposal(next);
    expect(ratifyAmendment(next, after, all("am").slice(0, 2), seats, at).charter.version).toBe(3);
  });
});
