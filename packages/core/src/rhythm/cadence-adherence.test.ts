import { describe, expect, it } from "vitest";
import { measureCadenceAdherence } from "./cadence-adherence";
import { occurrencesOf } from "./cadence";
import { buildCadence } from "./testing";

// Every second Tuesday 15:00 Berlin; in March-April 2026: 10 Mar (14:00Z), 24 Mar (14:00Z, cancelled),
// 7 Apr (13:00Z), 21 Apr (13:00Z).
const cadence = buildCadence({ cancelledStarts: ["2026-03-24T15:00"] });
const occurrences = occurrencesOf(cadence, "2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z");

describe("measureCadenceAdherence", () => {
  it("counts meetings held within the tolerance, skips cancelled ones and leaves future ones pending", () => {
    const result = measureCadenceAdherence({
      occurrences,
      meetings: [
        { id: "m1", cadenceId: "cad-1", startedAt: "2026-03-10T14:10:00Z" },
        { id: "m2", cadenceId: "cad-1", startedAt: "2026-04-07T15:30:00Z" }, // 2.5 h late, not linked
      ],
      now: "2026-04-20T00:00:00Z",
    });
    expect(result).toMatchObject({ due: 2, onSchedule: 1, offSchedule: 0, missed: 1, pending: 1, cancelled: 1, adherence: 0.5, unmatchedMeetingIds: ["m2"] });
    expect(result.occurrences.map((o) => [o.occurrenceKey, o.status, o.deviationMinutes])).toEqual([
      ["20260310T150000", "on_schedule", 10],
      ["20260324T150000", "cancelled", undefined],
      ["20260407T150000", "missed", undefined],
      ["20260421T150000", "pending", undefined],
    ]);
  });

  it("honours an explicit occurrence link even when the meeting moved, as held off schedule", () => {
    const result = measureCadenceAdherence({
      occurrences,
      meetings: [
        { id: "m1", cadenceId: "cad-1", startedAt: "2026-03-10T13:55:00Z" },
        { id: "m2", cadenceId: "cad-1", startedAt: "2026-04-09T13:00:00Z", occurrenceKey: "20260407T150000" },
        { id: "m3", cadenceId: "cad-1", startedAt: "2026-04-21T13:00:00Z" },
      ],
      now: "2026-04-22T00:00:00Z",
      toleranceMinutes: 30,
    });
    expect(result).toMatchObject({ due: 3, onSchedule: 2, offSchedule: 1, missed: 0, adherence: 2 / 3 });
    expect(result.occurrences.find((o) => o.occurrenceKey === "20260407T150000")).toMatchObject({ status: "off_schedule", meetingId: "m2", deviationMinutes: 2880 });
  });

  it("matches each meeting to one occurrence of its own cadence, nearest first", () => {
    const daily = buildCadence({ id: "daily", rrule: "FREQ=DAILY", dtstart: "2026-03-02T09:00", timeZone: "UTC" });
    const list = occurrencesOf(daily, "2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z");
    const result = measureCadenceAdherence({
      occurrences: list,
      meetings: [
        { id: "a", cadenceId: "daily", startedAt: "2026-03-02T09:20:00Z" },
        { id: "b", cadenceId: "daily", startedAt: "2026-03-02T09:05:00Z" }, // nearer: takes 2 March
        { id: "other", cadenceId: "cad-x", startedAt: "2026-03-03T09:00:00Z" },
      ],
      now: "2026-03-10T00:00:00Z",
    });
    expect(result.occurrences.map((o) => [o.occurrenceKey, o.status, o.meetingId])).toEqual([
      ["20260302T090000", "on_schedule", "b"],
      ["20260303T090000", "missed", undefined],
    ]);
    expect(result.unmatchedMeetingIds).toEqual(["a", "other"]);
  });

  it("has no adherence when nothing was due", () => {
    expect(measureCadenceAdherence({ occurrences, meetings: [], now: "2026-03-01T00:00:00Z" })).toMatchObject({ due: 0, adherence: null, pending: 3 });
    expect(() => measureCadenceAdherence({ occurrences, meetings: [], now: "2026-03-01T00:00:00Z", toleranceMinutes: -1 })).toThrowError(
      expect.objectContaining({ code: "validation_failed", details: expect.objectContaining({ field: "toleranceMinutes" }) }),
    );
  });
});
