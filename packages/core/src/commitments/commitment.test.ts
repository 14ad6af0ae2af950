import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical-json";
import { createCommitment, isValidTimeZone, normalizeInstant, standingOf, type NewCommitment } from "./commitment";
import { buildCommitment, facilitatorActor, fixtureStart, playMoves, strangerActor } from "./fixtures";
import { commitmentAsOf, replayCommitment } from "./replay-commitment";

const input: NewCommitment = {
  id: "c-1",
  allianceId: "a-1",
  customer: { personId: "p-ana", seatId: "s-north" },
  performer: { personId: "p-ben", seatId: "s-south" },
  title: "  Draft the data-sharing annex ",
  conditions: "Two pages, reviewed by counsel of both seats",
  dueAt: "2025-03-14T18:00:00+01:00",
  timeZone: "Europe/Brussels",
  links: { meetingId: "m-7", charterClauseId: "cl-3" },
  visibility: { level: "seats", seatIds: ["s-north", "s-south"] },
};

describe("createCommitment", () => {
  it("drafts a commitment in state start with normalised dates", () => {
    expect(createCommitment(input, fixtureStart)).toEqual({
      id: "c-1",
      allianceId: "a-1",
      customer: { personId: "p-ana", seatId: "s-north" },
      performer: { personId: "p-ben", seatId: "s-south" },
      title: "Draft the data-sharing annex",
      conditions: "Two pages, reviewed by counsel of both seats",
      dueAt: "2025-03-14T17:00:00.000Z",
      timeZone: "Europe/Brussels",
      links: { meetingId: "m-7", charterClauseId: "cl-3" },
      visibility: { level: "seats", seatIds: ["s-north", "s-south"] },
      state: "start",
      version: 1,
      createdAt: "2025-03-03T09:00:00.000Z",
      pendingRenegotiation: null,
      commitToCommitBy: null,
      history: [],
      negotiationRounds: 0,
      openedAt: null,
      firstResponseAt: null,
      promisedAt: null,
      reportedAt: null,
      closedAt: null,
    });
  });

  it.each<[string, Partial<NewCommitment>, string]>([
    ["an empty title", { title: " " }, "title"],
    ["the same person on both sides", { performer: { personId: "p-ana", seatId: "s-south" } }, "performer.personId"],
    ["a customer without a seat", { customer: { personId: "p-ana", seatId: "" } }, "customer.seatId"],
    ["a due date without offset", { dueAt: "2025-03-14" }, "dueAt"],
    ["an impossible due date", { dueAt: "2025-02-30T10:00:00Z" }, "dueAt"],
    ["an unknown time zone", { timeZone: "Europe/Atlantis" }, "timeZone"],
  ])("rejects %s", (_name, override, field) => {
    expect(() => createCommitment({ ...input, ...override }, fixtureStart)).toThrow(
      expect.objectContaining({ code: "validation_failed", details: expect.objectContaining({ field }) }),
    );
  });
});

describe("helpers", () => {
  it("normalizeInstant keeps the instant and writes it in UTC", () => {
    expect(normalizeInstant("2025-06-01T08:30:00-04:00", "dueAt")).toBe("2025-06-01T12:30:00.000Z");
    expect(normalizeInstant("2024-02-29T23:30+02:00", "dueAt")).toBe("2024-02-29T21:30:00.000Z");
  });

  it.each(["2025-02-29T10:00:00Z", "2025-04-31T10:00:00Z", "2025-03-01T24:00:00Z", "2025-03-01T10:60:00Z", "2025-13-01T10:00:00Z", "2025-03-01 10:00:00Z", ""])(
    "normalizeInstant rejects %j",
    (value) => {
      expect(() => normalizeInstant(value, "dueAt")).toThrow(expect.objectContaining({ code: "validation_failed" }));
    },
  );

  it("isValidTimeZone knows IANA names", () => {
    expect(isValidTimeZone("America/Sao_Paulo")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("")).toBe(false);
    expect(isValidTimeZone("GMT+25")).toBe(false);
  });

  it("standingOf tells parties, facilitators and others apart", () => {
    const c = buildCommitment();
    expect(standingOf(c, { personId: "person-ana" })).toBe("customer");
    expect(standingOf(c, { personId: "person-ben", roles: ["facilitator"] })).toBe("performer");
    expect(standingOf(c, facilitatorActor)).toBe("facilitator");
    expect(standingOf(c, strangerActor)).toBe("other");
  });
});

describe("replayCommitment and commitmentAsOf", () => {
  const promised = playMoves(buildCommitment(), [
    ["customer", { name: "request", dueAt: "2025-03-12T17:00:00Z" }, "2025-03-03T10:00:00Z"],
    ["performer", "promise", "2025-03-03T11:00:00Z"],
    ["performer", { name: "propose_renegotiation", dueAt: "2025-03-19T17:00:00Z", message: "Waiting on site 3" }, "2025-03-10T09:00:00Z"],
    ["customer", "accept_renegotiation", "2025-03-11T09:00:00Z"],
  ]);

  it("replays a history into the same commitment", () => {
    expect(replayCommitment(promised)).toEqual(promised);
    expect(canonicalJson(replayCommitment(promised))).toBe(canonicalJson(promised));
  });

  it("takes the commitment as it stood at a time", () => {
    const then = commitmentAsOf(promised, new Date("2025-03-10T12:00:00Z"));
    expect(then).toMatchObject({ state: "promised", dueAt: "2025-03-12T17:00:00.000Z", version: 4, pendingRenegotiation: { dueAt: "2025-03-19T17:00:00.000Z" } });
    expect(then.history).toHaveLength(3);
    expect(commitmentAsOf(promised, new Date("2025-03-01T00:00:00Z"))).toMatchObject({ state: "start", version: 1, history: [] });
    expect(commitmentAsOf(promised, new Date("2025-04-01T00:00:00Z"))).toBe(promised);
  });

  it("refuses a tampered history", () => {
    const tampered = { ...promised, history: promised.history.map((r, i) => (i === 1 ? { ...r, by: "person-ana" } : r)) };
    expect(() => replayCommitment(tampered)).toThrow(expect.objectContaining({ code: "illegal_move" }));
  });
});
