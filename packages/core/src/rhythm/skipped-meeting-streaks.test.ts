import { describe, expect, it } from "vitest";
import { countSkippedMeetingStreaks } from "./skipped-meeting-streaks";

const meetings = [
  { meetingId: "m1", heldAt: "2026-01-13T14:00:00Z", expectedSeatIds: ["a", "b", "c"], attendedSeatIds: ["a", "b", "c"] },
  { meetingId: "m2", heldAt: "2026-01-27T14:00:00Z", expectedSeatIds: ["a", "b", "c"], attendedSeatIds: ["a", "c"] },
  { meetingId: "m3", heldAt: "2026-02-10T14:00:00Z", expectedSeatIds: ["a", "b"], attendedSeatIds: ["a"] }, // c not expected
  { meetingId: "m4", heldAt: "2026-02-24T14:00:00Z", expectedSeatIds: ["a", "b", "c"], attendedSeatIds: ["a", "b"] },
  { meetingId: "m5", heldAt: "2026-03-10T14:00:00Z", expectedSeatIds: ["a", "b", "c"], attendedSeatIds: ["a"] },
  { meetingId: "future", heldAt: "2026-03-24T14:00:00Z", expectedSeatIds: ["a", "b", "c"], attendedSeatIds: [] },
];

describe("countSkippedMeetingStreaks", () => {
  it("counts consecutive most-recent meetings a seat was expected at and missed", () => {
    expect(countSkippedMeetingStreaks({ meetings: [...meetings].reverse(), now: "2026-03-20T00:00:00Z", seatIds: ["d"] })).toEqual([
      { seatId: "a", streak: 0, skippedMeetingIds: [], lastAttendedAt: "2026-03-10T14:00:00.000Z" },
      { seatId: "b", streak: 1, skippedMeetingIds: ["m5"], lastAttendedAt: "2026-02-24T14:00:00.000Z" },
      // c missed m5 and m4; m3 did not expect c, so the streak runs on to m2, which c attended.
      { seatId: "c", streak: 2, skippedMeetingIds: ["m5", "m4"], lastAttendedAt: "2026-01-27T14:00:00.000Z" },
      { seatId: "d", streak: 0, skippedMeetingIds: [], lastAttendedAt: null },
    ]);
  });

  it("counts a seat that never attended across every meeting it was expected at", () => {
    const result = countSkippedMeetingStreaks({
      meetings: meetings.map((m) => ({ ...m, attendedSeatIds: m.attendedSeatIds.filter((s) => s !== "b") })),
      now: "2026-03-20T00:00:00Z",
    });
    expect(result.find((s) => s.seatId === "b")).toEqual({ seatId: "b", streak: 5, skippedMeetingIds: ["m5", "m4", "m3", "m2", "m1"], lastAttendedAt: null });
  });
});
