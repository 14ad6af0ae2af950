import { describe, expect, it } from "vitest";
import { computeHealth } from "./evaluate";
import { createHealthFactDeriver, deriveHealthFacts, type HealthSourceEvent } from "./event-facts";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const parties = { customer: { seatId: A, personId: "pa" }, performer: { seatId: B, personId: "pb" }, terms: { conditions: "Shared.", dueAt: "2026-07-10T12:00:00Z", timeZone: "UTC" } };
let seq = 0;
const ev = (type: string, occurredAt: string, payload: Record<string, unknown>, seatId: string | null = null): HealthSourceEvent => ({ seq: ++seq, type, occurredAt, seatId, actorId: null, payload });

describe("deriving health facts from events", () => {
  it("maps a commitment's conversation by the state each move leads to", () => {
    seq = 0;
    const facts = deriveHealthFacts([
      ev("commitment.requested", "2026-07-01T09:00:00Z", { commitmentId: "c1", state: "requested", fromState: "start", by: "customer", ...parties }, A),
      ev("commitment.countered", "2026-07-02T09:00:00Z", { commitmentId: "c1", state: "countered", fromState: "requested", by: "performer", firstResponse: { requestedAt: "2026-07-01T09:00:00Z" }, ...parties }, B),
      ev("commitment.counter_accepted", "2026-07-03T09:00:00Z", { commitmentId: "c1", state: "promised", fromState: "countered", by: "customer", ...parties }, A),
      ev("commitment.renegotiated", "2026-07-04T09:00:00Z", { commitmentId: "c1", state: "promised", fromState: "promised", by: "customer", ...parties }, A),
      ev("commitment.reported", "2026-07-05T09:00:00Z", { commitmentId: "c1", state: "reported", fromState: "promised", by: "performer", ...parties }, B),
      ev("commitment.accepted", "2026-07-06T09:00:00Z", { commitmentId: "c1", state: "accepted", fromState: "reported", by: "customer", onTime: true, ...parties }, A),
      ev("commitment.nudged", "2026-07-06T10:00:00Z", { commitmentId: "c1" }),
    ]);
    expect(facts.map((f) => [f.id, f.type])).toEqual([
      ["e1", "commitment.requested"],
      ["e2", "commitment.answered"],
      ["e3", "commitment.promised"],
      ["e5", "commitment.reported"],
      ["e6", "commitment.accepted"],
    ]);
    expect(facts[0]).toMatchObject({ recordId: "c1", customerSeatId: A, performerSeatId: B, hasConditions: true, dueAt: Date.parse("2026-07-10T12:00:00Z") });
    expect(facts[1]).toMatchObject({ requestedAt: Date.parse("2026-07-01T09:00:00Z") });
    expect(facts[4]).toMatchObject({ onTime: true, declaredByCustomer: true });
  });

  it("counts attendance from attendance events when the meeting row is not at hand, and closes a proposal once", () => {
    seq = 0;
    const facts = deriveHealthFacts([
      ev("antitrust_notice.acknowledged", "2026-07-01T09:00:00Z", { meetingId: "m1", personId: "pa", seatId: A }, A),
      ev("attendance.recorded", "2026-07-01T09:01:00Z", { meetingId: "m1", personId: "pb", seatId: B, status: "absent" }, B),
      ev("meeting.held", "2026-07-01T10:00:00Z", { meetingId: "m1", scheduledStart: "2026-07-01T09:00:00Z", startedAt: "2026-07-01T09:05:00Z" }),
      ev("position.taken", "2026-07-02T09:00:00Z", { proposalId: "p1", value: { kind: "stance", stance: "object" } }, A),
      ev("position.taken", "2026-07-02T09:00:00Z", { proposalId: "p1", anonymous: true }, null),
      ev("proposal.closed", "2026-07-03T09:00:00Z", { proposalId: "p1", outcome: "failed", seatsNotParticipating: [{ seatId: B }] }),
      ev("proposal.closed", "2026-07-04T09:00:00Z", { proposalId: "p1", outcome: "failed", seatsNotParticipating: [] }),
    ]);
    expect(facts.map((f) => f.type)).toEqual(["meeting.scheduled", "meeting.held", "position.taken", "proposal.closed"]);
    expect(facts[1]).toMatchObject({ attendingSeatIds: [A], expectedSeatIds: [A] });
    expect(facts[2]).toMatchObject({ stance: "objection", seatId: A });
    expect(facts[3]).toMatchObject({ outcome: "rejected", dissentPresent: true, seatsPositioned: 1, seatsEligible: 2 });
  });

  it("keeps only pulse groups of at least k respondents, on 0–1 with reversed items flipped", () => {
    seq = 0;
    const deriver = createHealthFactDeriver({
      minGroupSize: 3,
      pulseAggregates: () => [
        { itemId: "presence.meeting-effectiveness", respondentSeatId: A, targetSeatId: null, respondents: 4, sum: 20, invited: 5 },
        { itemId: "presence.meeting-effectiveness", respondentSeatId: B, targetSeatId: null, respondents: 2, sum: 10, invited: 5 },
        { itemId: "no.such-item", respondentSeatId: A, targetSeatId: null, respondents: 9, sum: 9, invited: 9 },
      ],
    });
    const facts = deriver.push(ev("pulse.closed", "2026-07-01T09:00:00Z", { pulseId: "q1" }));
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ type: "pulse.response_aggregate", seatId: A, mean: 1, respondents: 4, invited: 5, dynamic: "presence" });
  });

  it("gives the same report when events are derived in one go or one at a time", () => {
    seq = 0;
    const events: HealthSourceEvent[] = [ev("seat.added", "2026-06-01T09:00:00Z", { seatId: A }, A), ev("seat.added", "2026-06-01T09:00:00Z", { seatId: B }, B)];
    for (let i = 0; i < 40; i++) {
      const day = new Date(Date.UTC(2026, 5, 2 + i * 2, 9)).toISOString();
      events.push(ev("commitment.requested", day, { commitmentId: `c${i}`, state: "requested", fromState: "start", by: "customer", ...parties }, A));
    }
    const deriver = createHealthFactDeriver();
    const oneByOne = events.flatMap((e) => deriver.push(e));
    expect(oneByOne).toEqual(deriveHealthFacts(events));
    const now = Date.parse("2026-09-01T12:00:00Z");
    const report = computeHealth(oneByOne, now);
    expect(report).toEqual(computeHealth(deriveHealthFacts(events), now));
    expect(report.alerts.map((a) => a.pathology)).toContain("short-termism");
  });
});
