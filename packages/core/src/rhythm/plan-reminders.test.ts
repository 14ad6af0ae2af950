import { describe, expect, it } from "vitest";
import { occurrencesOf } from "./cadence";
import { buildCadence } from "./testing";
import { agendaCutoffOf, planReminders } from "./plan-reminders";

// 10 March 2026 15:00 Berlin = 14:00Z; agenda closes 48 h before (8 March 14:00Z).
const [march10, march24] = occurrencesOf(buildCadence({ cancelledStarts: [] }), "2026-03-01T00:00:00Z", "2026-03-30T00:00:00Z");
if (!march10 || !march24) throw new Error("missing occurrences");
const targets = [{ occurrence: march10, recipientIds: ["p1", "p2", "p1"], agendaCutoffMinutesBefore: 48 * 60 }];

describe("planReminders", () => {
  it("computes the agenda cutoff", () => {
    expect(agendaCutoffOf(march10, 48 * 60)).toBe("2026-03-08T14:00:00.000Z");
  });

  it("lists nothing before the first send time", () => {
    expect(planReminders({ targets, now: "2026-03-08T01:59:59Z" })).toEqual([]);
  });

  it("is due from 12 h before the cutoff until the cutoff, once per person, with a stable key", () => {
    const due = planReminders({ targets, now: "2026-03-08T02:00:00Z" });
    expect(due).toEqual([
      {
        dedupKey: "reminder:cad-1:20260310T150000:agenda_cutoff_12h:p1",
        kind: "agenda_cutoff_12h",
        personId: "p1",
        cadenceId: "cad-1",
        occurrenceKey: "20260310T150000",
        occurrenceStart: "2026-03-10T14:00:00.000Z",
        anchor: "agenda_cutoff",
        anchorAt: "2026-03-08T14:00:00.000Z",
        sendAt: "2026-03-08T02:00:00.000Z",
      },
      expect.objectContaining({ dedupKey: "reminder:cad-1:20260310T150000:agenda_cutoff_12h:p2" }),
    ]);
    expect(planReminders({ targets, now: "2026-03-08T14:00:00Z" })).toEqual([]);
  });

  it("has the 24 h meeting reminder due in the last day, and both the same keys on every run", () => {
    const first = planReminders({ targets, now: "2026-03-09T14:00:00Z" }).map((r) => r.dedupKey);
    const later = planReminders({ targets, now: "2026-03-10T13:59:00Z" }).map((r) => r.dedupKey);
    expect(first).toEqual(["reminder:cad-1:20260310T150000:meeting_24h:p1", "reminder:cad-1:20260310T150000:meeting_24h:p2"]);
    expect(later).toEqual(first);
    expect(planReminders({ targets, now: "2026-03-10T14:00:00Z" })).toEqual([]);
  });

  it("drops late reminders past maxLatenessMinutes, skips cancelled occurrences and cutoff rules without a cutoff", () => {
    expect(planReminders({ targets, now: "2026-03-10T13:00:00Z", maxLatenessMinutes: 60 })).toEqual([]);
    const cancelled = { ...march24, cancelled: true };
    expect(planReminders({ targets: [{ occurrence: cancelled, recipientIds: ["p1"] }], now: "2026-03-24T00:00:00Z" })).toEqual([]);
    expect(planReminders({ targets: [{ occurrence: march24, recipientIds: ["p1"] }], now: "2026-03-23T20:00:00Z" }).map((r) => r.kind)).toEqual(["meeting_24h"]);
  });

  it("accepts custom rules and validates them", () => {
    const rules = [{ kind: "meeting_1h", anchor: "start", minutesBefore: 60 }] as const;
    expect(planReminders({ targets, rules, now: "2026-03-10T13:30:00Z" }).map((r) => r.sendAt)).toEqual(["2026-03-10T13:00:00.000Z", "2026-03-10T13:00:00.000Z"]);
    const failure = (field: string) => expect.objectContaining({ code: "validation_failed", details: expect.objectContaining({ field }) });
    expect(() => planReminders({ targets, rules: [{ kind: "Bad Kind", anchor: "start", minutesBefore: 60 }], now: "2026-03-10T13:30:00Z" })).toThrowError(failure("rules[0].kind"));
    expect(() => planReminders({ targets, rules: [...rules, ...rules], now: "2026-03-10T13:30:00Z" })).toThrowError(failure("rules[1].kind"));
    expect(() => planReminders({ targets, rules: [{ kind: "x", anchor: "start", minutesBefore: 0 }], now: "2026-03-10T13:30:00Z" })).toThrowError(failure("rules[0].minutesBefore"));
  });
});
