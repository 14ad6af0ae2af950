import { describe, expect, it } from "vitest";
import { allianceRoles, type AllianceRole } from "./alliance";
import { allianceActions, can, type AllianceAction } from "./policy";
import { canSee, type AllianceViewer, type Visibility } from "./visibility";

const viewer = (roles: AllianceRole[], seatIds: string[] = [], cleanTeamIds: string[] = []): AllianceViewer => ({ personId: "p", roles, seatIds, cleanTeamIds });

// The expected matrix, written out by hand: role -> actions allowed (own seat where it matters).
const expected: Record<AllianceRole, AllianceAction[]> = {
  facilitator: [
    "alliance.view", "alliance.update", "alliance.export", "seat.create", "seat.update", "membership.update", "invitation.create", "event.view", "record.create", "clean_team.manage",
    "charter.view", "charter.create", "amendment.comment", "amendment.settle", "renewal.open",
    "decision.view", "proposal.create", "proposal.close", "outcome.record",
    "alignment.open", "alignment.contribute", "alignment.moderate",
  ],
  delegate: [
    "alliance.view", "alliance.export", "invitation.create", "event.view", "record.create",
    "charter.view", "amendment.propose", "amendment.ratify", "amendment.comment", "renewal.answer",
    "decision.view", "proposal.create", "position.take",
    "alignment.open", "alignment.contribute", "alignment.vote",
  ],
  member: ["alliance.view", "event.view", "record.create", "charter.view", "amendment.comment", "decision.view", "proposal.create", "position.take", "alignment.contribute", "alignment.vote"],
  observer: ["alliance.view", "event.view", "charter.view", "decision.view"],
  counsel: ["alliance.view", "alliance.export", "event.view", "clean_team.manage", "charter.view", "amendment.comment", "decision.view"],
};

// Commitments.
expected.facilitator.push("commitment.view", "commitment.nudge");
expected.delegate.push("commitment.view", "commitment.create", "commitment.move");
expected.member.push("commitment.view", "commitment.create", "commitment.move");
expected.observer.push("commitment.view");
expected.counsel.push("commitment.view");

// Rhythm.
expected.facilitator.push("cadence.manage", "meeting.open", "agenda_item.create", "meeting.facilitate", "meeting.attend");
expected.delegate.push("meeting.open", "agenda_item.create", "meeting.attend");
expected.member.push("meeting.attend");
expected.observer.push("meeting.attend");
expected.counsel.push("meeting.attend");

// Registers and pulses.
expected.facilitator.push("register.record", "register.steward", "tension.disclosure.view", "pulse.schedule", "pulse.results");
expected.delegate.push("register.record", "register.steward", "pulse.answer", "pulse.results");
expected.member.push("register.record", "pulse.answer", "pulse.results");
expected.observer.push("pulse.results");
expected.counsel.push("pulse.results");

// Health.
expected.facilitator.push("health.view", "health.evidence");
expected.delegate.push("health.view");
expected.member.push("health.view");
expected.observer.push("health.view");
expected.counsel.push("health.view");

describe("policy matrix (role x action)", () => {
  for (const role of allianceRoles) {
    for (const action of Object.keys(allianceActions) as AllianceAction[]) {
      const allowed = expected[role].includes(action);
      it(`${role} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(can(viewer([role], ["seat-a"]), action, { seatId: "seat-a" })).toBe(allowed);
      });
    }
  }
  it("a delegate invites into their own seat only; a facilitator anywhere", () => {
    expect(can(viewer(["delegate"], ["seat-a"]), "invitation.create", { seatId: "seat-b" })).toBe(false);
    expect(can(viewer(["delegate"], ["seat-a"]), "invitation.create", { seatId: null })).toBe(false);
    expect(can(viewer(["facilitator"]), "invitation.create", { seatId: "seat-b" })).toBe(true);
  });
  it("a delegate answers for their own seat only: proposing, ratifying, renewing, taking positions", () => {
    for (const action of ["amendment.propose", "amendment.ratify", "renewal.answer", "position.take"] as const) {
      expect(can(viewer(["delegate"], ["seat-a"]), action, { seatId: "seat-b" })).toBe(false);
      expect(can(viewer(["delegate"], ["seat-a"]), action, { seatId: null })).toBe(false);
    }
    // A facilitator holds no seat: the charter is authored and ratified by the partners.
    expect(can(viewer(["facilitator"]), "amendment.ratify", { seatId: "seat-a" })).toBe(false);
    expect(can(viewer(["facilitator"]), "position.take", { seatId: "seat-a" })).toBe(false);
  });
  it("nobody without a role may do anything", () => {
    for (const action of Object.keys(allianceActions) as AllianceAction[]) expect(can(viewer([]), action)).toBe(false);
  });
});

describe("visibility matrix (role x visibility)", () => {
  const levels: [string, Visibility][] = [
    ["alliance", { level: "alliance" }],
    ["own seat", { level: "seats", seatIds: ["seat-a"] }],
    ["other seat", { level: "seats", seatIds: ["seat-b"] }],
    ["facilitators", { level: "facilitators" }],
    ["own clean team", { level: "clean_team", cleanTeamId: "team-1" }],
    ["other clean team", { level: "clean_team", cleanTeamId: "team-2" }],
  ];
  const expectations: Record<AllianceRole, string[]> = {
    facilitator: ["alliance", "own seat", "other seat", "facilitators", "own clean team"],
    delegate: ["alliance", "own seat", "own clean team"],
    member: ["alliance", "own seat", "own clean team"],
    observer: ["alliance", "own clean team"],
    counsel: ["alliance", "own clean team"],
  };
  for (const role of allianceRoles) {
    for (const [name, visibility] of levels) {
      const seats = role === "delegate" || role === "member" ? ["seat-a"] : [];
      const allowed = expectations[role].includes(name);
      it(`${role} ${allowed ? "sees" : "does not see"} ${name} records`, () => {
        expect(canSee(viewer([role], seats, ["team-1"]), visibility)).toBe(allowed);
      });
    }
  }
  it("someone outside the alliance sees nothing, even alliance-wide records", () => {
    expect(canSee(viewer([], ["seat-a"], ["team-1"]), { level: "alliance" })).toBe(false);
  });
});

describe("rhythm policies", () => {
  it("a delegate adds agenda items for their own seat only; a facilitator for any seat", () => {
    expect(can(viewer(["delegate"], ["seat-a"]), "agenda_item.create", { seatId: "seat-a" })).toBe(true);
    expect(can(viewer(["delegate"], ["seat-a"]), "agenda_item.create", { seatId: "seat-b" })).toBe(false);
    expect(can(viewer(["member"], ["seat-a"]), "agenda_item.create", { seatId: "seat-a" })).toBe(false);
    expect(can(viewer(["facilitator"]), "agenda_item.create", { seatId: "seat-b" })).toBe(true);
  });
});

describe("register and pulse policies", () => {
  it("a delegate stewards records of their own seat only; a facilitator any; a member none", () => {
    expect(can(viewer(["delegate"], ["seat-a"]), "register.steward", { seatId: "seat-a" })).toBe(true);
    expect(can(viewer(["delegate"], ["seat-a"]), "register.steward", { seatId: "seat-b" })).toBe(false);
    expect(can(viewer(["member"], ["seat-a"]), "register.steward", { seatId: "seat-a" })).toBe(false);
    expect(can(viewer(["facilitator"]), "register.steward", { seatId: "seat-b" })).toBe(true);
  });
  it("people answer pulses for their own seat only", () => {
    expect(can(viewer(["member"], ["seat-a"]), "pulse.answer", { seatId: "seat-a" })).toBe(true);
    expect(can(viewer(["member"], ["seat-a"]), "pulse.answer", { seatId: "seat-b" })).toBe(false);
    expect(can(viewer(["facilitator"]), "pulse.answer", { seatId: "seat-a" })).toBe(false);
  });
});
