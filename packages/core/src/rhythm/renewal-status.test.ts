import { describe, expect, it } from "vitest";
import { measureRenewal } from "./renewal-status";

describe("measureRenewal", () => {
  it("is on track early in the period", () => {
    expect(measureRenewal({ lastRenewedAt: "2026-01-01T10:00:00Z", renewalPeriodDays: 90, now: "2026-02-01T09:00:00Z" })).toEqual({
      state: "on_track",
      baseline: "2026-01-01T10:00:00.000Z",
      dueAt: "2026-04-01T10:00:00.000Z",
      daysSince: 30,
      daysOverdue: 0,
      isOverdue: false,
      periodFraction: (31 * 24 - 1) / (90 * 24),
    });
  });

  it("is due soon within the warning window and overdue after the period", () => {
    expect(measureRenewal({ lastRenewedAt: "2026-01-01T00:00:00Z", renewalPeriodDays: 90, now: "2026-03-25T00:00:00Z" }).state).toBe("due_soon");
    expect(measureRenewal({ lastRenewedAt: "2026-01-01T00:00:00Z", renewalPeriodDays: 90, now: "2026-03-25T00:00:00Z", dueSoonDays: 3 }).state).toBe("on_track");
    expect(measureRenewal({ lastRenewedAt: "2026-01-01T00:00:00Z", renewalPeriodDays: 90, now: "2026-04-11T12:00:00Z" })).toMatchObject({
      state: "overdue",
      daysSince: 100,
      daysOverdue: 10,
      isOverdue: true,
      periodFraction: 100.5 / 90,
    });
  });

  it("counts from `since` (e.g. ratification) before the first renewal, and has no baseline without either", () => {
    expect(measureRenewal({ lastRenewedAt: null, since: "2025-06-01T00:00:00Z", renewalPeriodDays: 180, now: "2026-01-01T00:00:00Z" })).toMatchObject({
      state: "overdue",
      daysSince: 214,
      daysOverdue: 34,
    });
    expect(measureRenewal({ lastRenewedAt: null, renewalPeriodDays: 180, now: "2026-01-01T00:00:00Z" })).toEqual({
      state: "no_baseline",
      baseline: null,
      dueAt: null,
      daysSince: null,
      daysOverdue: 0,
      isOverdue: false,
      periodFraction: null,
    });
  });

  it("rejects a non-positive period", () => {
    expect(() => measureRenewal({ lastRenewedAt: null, renewalPeriodDays: 0, now: "2026-01-01T00:00:00Z" })).toThrowError(
      expect.objectContaining({ code: "validation_failed", details: expect.objectContaining({ field: "renewalPeriodDays" }) }),
    );
  });
});
