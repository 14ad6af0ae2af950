import { describe, expect, it } from "vitest";
import { checkAgendaAddition, checkAgendaItemChange, checkAgendaOrder, checkRating, isAgendaOpen, meetingOccurrence, missingAcknowledgements, seatAttendance, summarizeRatings } from "./meeting-rules";

const cutoff = new Date("2026-11-29T14:00:00Z");
const before = new Date("2026-11-29T13:59:59Z");
const after = new Date("2026-11-29T14:00:00Z");
const scheduled = { status: "scheduled", agendaCutoffAt: cutoff };

describe("the agenda cutoff", () => {
  it("is open while scheduled and before the cutoff, closed at the cutoff", () => {
    expect(isAgendaOpen(scheduled, before)).toBe(true);
    expect(isAgendaOpen(scheduled, after)).toBe(false);
    expect(isAgendaOpen({ ...scheduled, status: "in_progress" }, before)).toBe(false);
  });
  it("lets anyone who may add items add them before it; after it only a facilitator, as a late item", () => {
    expect(checkAgendaAddition(scheduled, before, false)).toEqual({ isLate: false });
    expect(() => checkAgendaAddition(scheduled, after, false)).toThrow(expect.objectContaining({ code: "agenda_closed" }));
    expect(checkAgendaAddition(scheduled, after, true)).toEqual({ isLate: true });
    expect(checkAgendaAddition({ ...scheduled, status: "in_progress" }, before, true)).toEqual({ isLate: true });
    expect(() => checkAgendaAddition({ ...scheduled, status: "closed" }, before, true)).toThrow(expect.objectContaining({ code: "conflict" }));
  });
  it("lets an item's seat change it until the cutoff, a facilitator until the meeting closes", () => {
    const item = { authorId: "p1", seatId: "seat-a" };
    const delegate = { personId: "p2", seatIds: ["seat-a"], isFacilitator: false, isDelegate: true };
    expect(() => checkAgendaItemChange(scheduled, item, delegate, before, "change it")).not.toThrow();
    expect(() => checkAgendaItemChange(scheduled, item, delegate, after, "change it")).toThrow(expect.objectContaining({ code: "agenda_closed" }));
    expect(() => checkAgendaItemChange(scheduled, item, { ...delegate, seatIds: ["seat-b"] }, before, "change it")).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() => checkAgendaItemChange(scheduled, item, { ...delegate, personId: "p1", seatIds: [], isDelegate: false }, before, "change it")).not.toThrow();
    expect(() => checkAgendaItemChange({ ...scheduled, status: "in_progress" }, item, { ...delegate, isFacilitator: true }, after, "change it")).not.toThrow();
  });
});

describe("the agenda order", () => {
  it("names every item once", () => {
    expect(() => checkAgendaOrder(["a", "b"], ["b", "a"])).not.toThrow();
    expect(() => checkAgendaOrder(["a", "b"], ["a", "a"])).toThrow(expect.objectContaining({ code: "validation_failed" }));
    expect(() => checkAgendaOrder(["a", "b"], ["a", "c"])).toThrow(expect.objectContaining({ code: "validation_failed" }));
    expect(() => checkAgendaOrder(["a", "b", "c"], ["a", "b"])).toThrow(expect.objectContaining({ code: "stale_version" }));
  });
});

describe("the antitrust notice", () => {
  const attendance = [
    { personId: "p1", status: "present" },
    { personId: "p2", status: "present" },
    { personId: "p3", status: "left" },
    { personId: "p4", status: "absent" },
  ];
  it("waits for everyone present who has not acknowledged, in alliances with competitors only", () => {
    expect(missingAcknowledgements({ hasCompetitors: true, attendance, acknowledgedPersonIds: ["p1"] })).toEqual(["p2"]);
    expect(missingAcknowledgements({ hasCompetitors: true, attendance, acknowledgedPersonIds: ["p1", "p2"] })).toEqual([]);
    expect(missingAcknowledgements({ hasCompetitors: false, attendance, acknowledgedPersonIds: [] })).toEqual([]);
  });
});

describe("attendance and ratings", () => {
  it("counts a seat present when any of its people was, including one who left after objecting", () => {
    const seats = [
      { id: "a", name: "A" },
      { id: "b", name: "B" },
      { id: "c", name: "C" },
    ];
    expect(
      seatAttendance(["a", "b"], seats, [
        { personId: "p1", seatId: "a", status: "absent" },
        { personId: "p2", seatId: "a", status: "left" },
        { personId: "p3", seatId: "c", status: "present" },
      ]),
    ).toEqual([
      { seatId: "a", name: "A", expected: true, present: true, peoplePresent: 1 },
      { seatId: "b", name: "B", expected: true, present: false, peoplePresent: 0 },
      { seatId: "c", name: "C", expected: false, present: true, peoplePresent: 1 },
    ]);
  });
  it("summarizes ratings as an aggregate", () => {
    expect(summarizeRatings([4, 3, 5, 4])).toEqual({ count: 4, average: 4, distribution: [0, 0, 1, 2, 1] });
    expect(summarizeRatings([])).toEqual({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] });
    expect(summarizeRatings([1, 2, 2])).toMatchObject({ average: 1.7 });
  });
  it("lets attendees rate while the meeting runs and after", () => {
    expect(() => checkRating({ status: "in_progress" }, "present")).not.toThrow();
    expect(() => checkRating({ status: "closed" }, "left")).not.toThrow();
    expect(() => checkRating({ status: "closed" }, "absent")).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() => checkRating({ status: "scheduled" }, "present")).toThrow(expect.objectContaining({ code: "conflict" }));
  });
  it("shows a meeting's slot as core's occurrence in its zone", () => {
    expect(meetingOccurrence({ cadenceId: "c", occurrenceKey: "20261103T150000", scheduledStart: new Date("2026-11-03T14:00:00Z"), scheduledEnd: new Date("2026-11-03T15:00:00Z"), timeZone: "Europe/Berlin" })).toEqual({
      cadenceId: "c",
      occurrenceKey: "20261103T150000",
      start: "2026-11-03T14:00:00.000Z",
      end: "2026-11-03T15:00:00.000Z",
      localStart: "2026-11-03T15:00:00",
      timeZone: "Europe/Berlin",
      cancelled: false,
    });
  });
});
