import { describe, expect, it } from "vitest";
import { alertRules, computeHealth, isMatchingAlert, simulateAlliance, simulationScenarios } from "./index";

const DAY = 86_400_000;

describe("alerts", () => {
  it("raises a seat-specific alert with evidence, records and a suggested move", () => {
    const sim = simulateAlliance({ scenario: "silent-partner", seed: 21 });
    const alert = computeHealth(sim.facts, sim.end).alerts.find((a) => isMatchingAlert(a, sim.truth));
    expect(alert).toBeDefined();
    expect(alert?.seatId).toBe(sim.truth?.seatId);
    expect(alert?.status).toBe("active");
    expect(alert?.evidence.signals.length).toBeGreaterThan(0);
    expect(alert?.evidence.records.length).toBeGreaterThan(0);
    const ids = new Set(sim.facts.map((f) => f.id));
    expect(alert?.evidence.records.every((r) => ids.has(r.factId))).toBe(true);
    expect(alert?.suggestedMove).toBe(alertRules["silent-partner"].suggestedMove);
    expect(alert?.updatedAt).toBeGreaterThanOrEqual(alert?.raisedAt ?? 0);
  });

  it("resolves an alert once its evidence clears, and does not raise it again", () => {
    const sim = simulateAlliance({ scenario: "one-sided", seed: 5 });
    // After the history, no one authors anything any more: the dominance evidence clears.
    const later = computeHealth(sim.facts, sim.end + 150 * DAY);
    const oneSided = later.alerts.filter((a) => a.pathology === "one-sided" && a.seatId === sim.truth?.seatId);
    expect(oneSided.length).toBe(1);
    expect(oneSided[0]?.status).toBe("resolved");
    expect(oneSided[0]?.resolvedAt).toBeGreaterThan(sim.end);
    expect(later.alerts.filter((a) => a.status === "active" && a.pathology === "one-sided")).toEqual([]);
  });

  it("raises no storms: each pathology and seat is raised at most twice per history, and never flaps within weeks", () => {
    for (const scenario of simulationScenarios) {
      for (const seed of [31, 32, 33]) {
        const sim = simulateAlliance({ scenario, seed });
        const alerts = computeHealth(sim.facts, sim.end).alerts;
        const byKey = new Map<string, typeof alerts>();
        for (const a of alerts) byKey.set(`${a.pathology}|${a.seatId}`, [...(byKey.get(`${a.pathology}|${a.seatId}`) ?? []), a]);
        for (const list of byKey.values()) {
          expect(list.length).toBeLessThanOrEqual(2);
          for (const a of list) if (a.resolvedAt !== null) expect(a.resolvedAt - a.raisedAt).toBeGreaterThanOrEqual(21 * DAY);
          for (let i = 1; i < list.length; i++) expect((list[i]?.raisedAt ?? 0) - ((list[i - 1]?.resolvedAt ?? Infinity) as number)).toBeGreaterThanOrEqual(14 * DAY);
        }
      }
    }
  }, 60_000);

  it("evaluates on a weekly grid: alerts are stamped on Mondays (UTC) and never before the first eight weeks", () => {
    const sim = simulateAlliance({ scenario: "perception-gap", seed: 2 });
    const alerts = computeHealth(sim.facts, sim.end).alerts;
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      expect(new Date(a.raisedAt).getUTCDay()).toBe(1);
      expect(a.raisedAt - sim.start).toBeGreaterThanOrEqual(56 * DAY);
    }
  });
});
