import { describe, expect, it } from "vitest";
import { renderMinutesMarkdown, type MinutesContent } from "./minutes";

const content: MinutesContent = {
  meeting: {
    id: "m",
    title: "# Check-in",
    cadenceTitle: "Check-in",
    kind: "tactical_check_in",
    allianceName: "Water Alliance",
    scheduledStart: "2026-11-03T14:00:00.000Z",
    scheduledEnd: "2026-11-03T15:00:00.000Z",
    timeZone: "Europe/Berlin",
    when: "Tue 3 Nov 2026, 15:00–16:00 (Europe/Berlin)",
    location: "",
    startedAt: "2026-11-03T14:02:00.000Z",
    closedAt: "2026-11-03T15:01:00.000Z",
  },
  summary: "Line one.\nLine two.",
  antitrustNotice: { required: false, version: null, acknowledgedBy: [] },
  attendance: {
    seats: [
      { seatId: "a", name: "Org A", expected: true, present: true },
      { seatId: "b", name: "Org B", expected: true, present: false },
    ],
    people: [
      { personId: "p", name: "Pat", seatName: "Org A", status: "present", leftAt: null },
      { personId: "f", name: "Fay", seatName: null, status: "present", leftAt: null },
    ],
  },
  agenda: [
    {
      itemId: "i",
      position: 1,
      title: "Budget\nand more",
      description: "",
      seatName: "Org A",
      authorName: "Pat",
      durationMinutes: 15,
      isLate: false,
      startedAt: "2026-11-03T14:05:00.000Z",
      notes: "- agreed\n- next step",
      objections: [],
      outcomes: [{ id: "o", kind: "commitment", linkedRecordId: "c-1", text: "Pat sends the numbers" }],
    },
  ],
  outcomes: [],
  objections: [],
  ratings: { count: 0, average: null },
};

describe("minutes as Markdown", () => {
  it("keeps titles on one line, escapes leading structure, keeps notes as written and names links", () => {
    const md = renderMinutesMarkdown(content, 2);
    expect(md.split("\n")[0]).toBe("# \\# Check-in — Water Alliance");
    expect(md).toContain("Started 14:02 UTC · closed 15:01 UTC · minutes version 2");
    expect(md).toContain("## Summary\n\nLine one.\nLine two.");
    expect(md).toContain("1 of 2 expected seats present.");
    expect(md).toContain("- Org A: present (Pat)\n- Org B: absent\n- Also present: Fay");
    expect(md).toContain("### 1. Budget and more");
    expect(md).toContain("- agreed\n- next step");
    expect(md).toContain("- Commitment: Pat sends the numbers [commitment c-1]");
    expect(md).not.toContain("## Antitrust notice");
    expect(md.endsWith("No ratings.\n")).toBe(true);
  });
});
