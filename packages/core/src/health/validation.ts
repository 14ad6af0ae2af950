import type { HealthAlert, Pathology } from "./alerts";
import { alertRules, pathologies } from "./alerts";
import { computeHealth } from "./evaluate";
import { DAY_MS } from "./facts";
import type { SimulatedAlliance, SimulationScenario } from "./simulate-alliance";
import { simulateAlliance, simulationScenarios } from "./simulate-alliance";

/**
 * Validation of the alerts on simulated alliances whose pathology and onset are known:
 * recall, precision and detection delay per pathology, and the false-alert rate of healthy
 * alliances per alliance-month. Used by validation.test.ts and bench/health/tune.ts.
 */

/** Detection must happen within this many days of onset ("two months"). */
export const DETECTION_DEADLINE_DAYS = 61;

export interface ValidationOptions {
  /** Seeds simulated for every scenario. */
  seeds: readonly number[];
  /** Seeds for the healthy scenario (default: `seeds`). */
  healthySeeds?: readonly number[];
  scenarios?: readonly SimulationScenario[];
}

export interface AllianceOutcome {
  scenario: SimulationScenario;
  seed: number;
  months: number;
  start: number;
  truth: SimulatedAlliance["truth"];
  alerts: HealthAlert[];
}

export interface PathologyFigures {
  pathology: Pathology;
  /** Alliances simulated with this pathology. */
  alliances: number;
  /** Of those, detected by a matching alert within the deadline. */
  detected: number;
  recall: number;
  /** Alerts of this pathology raised across every scenario (healthy and other pathologies too). */
  alertsRaised: number;
  /** Of those, raised after the onset of a true injected pathology of this kind (same seat if seat-specific). */
  truePositives: number;
  /** truePositives / alertsRaised; 1 when no alert was raised. */
  precision: number;
  /** Median days from onset to the first matching alert, over detected alliances. */
  medianDelayDays: number | null;
  maxDelayDays: number | null;
}

export interface HealthyFigures {
  alliances: number;
  allianceMonths: number;
  /** Alliance-months in which at least one alert was raised. */
  monthsWithFalseAlert: number;
  falseAlertRate: number;
  /** The same, leaving out each alliance's first two months (no alert can be raised in the 56-day warm-up). */
  allianceMonthsAfterWarmup: number;
  falseAlertRateAfterWarmup: number;
  /** Alliance-months with at least one alert active (raised earlier or in that month). */
  monthsWithActiveFalseAlert: number;
  alertsRaised: number;
  byPathology: Record<Pathology, number>;
}

export interface ValidationFigures {
  pathologies: PathologyFigures[];
  healthy: HealthyFigures;
  outcomes: AllianceOutcome[];
}

function monthBoundaries(start: number, months: number): number[] {
  const d = new Date(start);
  const out: number[] = [];
  for (let m = 0; m <= months; m++) out.push(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + m, d.getUTCDate()));
  return out;
}

/** True when an alert matches the injected pathology of its alliance. */
export function isMatchingAlert(alert: HealthAlert, truth: SimulatedAlliance["truth"]): boolean {
  if (!truth || truth.pathology !== alert.pathology || alert.raisedAt < truth.onset) return false;
  return !alertRules[alert.pathology].seatSpecific || alert.seatId === truth.seatId;
}

/** Simulates one alliance and computes its alerts over its whole history. */
export function runAlliance(scenario: SimulationScenario, seed: number): AllianceOutcome {
  const sim = simulateAlliance({ scenario, seed });
  const report = computeHealth(sim.facts, sim.end);
  return { scenario, seed, months: sim.months, start: sim.start, truth: sim.truth, alerts: report.alerts };
}

/** Computes the figures from alliance outcomes. */
export function summarizeValidation(outcomes: AllianceOutcome[]): ValidationFigures {
  const figures: PathologyFigures[] = pathologies.map((pathology) => {
    const own = outcomes.filter((o) => o.truth?.pathology === pathology);
    const delays: number[] = [];
    for (const o of own) {
      const truth = o.truth as NonNullable<AllianceOutcome["truth"]>;
      const first = o.alerts.filter((a) => isMatchingAlert(a, truth)).map((a) => (a.raisedAt - truth.onset) / DAY_MS);
      if (first.length > 0) delays.push(Math.min(...first));
    }
    const inTime = delays.filter((d) => d <= DETECTION_DEADLINE_DAYS).sort((a, b) => a - b);
    let raised = 0;
    let truePositives = 0;
    for (const o of outcomes) {
      for (const a of o.alerts) {
        if (a.pathology !== pathology) continue;
        raised++;
        if (isMatchingAlert(a, o.truth)) truePositives++;
      }
    }
    const mid = inTime.length >> 1;
    return {
      pathology,
      alliances: own.length,
      detected: inTime.length,
      recall: own.length > 0 ? inTime.length / own.length : 0,
      alertsRaised: raised,
      truePositives,
      precision: raised > 0 ? truePositives / raised : 1,
      medianDelayDays: inTime.length === 0 ? null : inTime.length % 2 === 1 ? (inTime[mid] as number) : ((inTime[mid - 1] as number) + (inTime[mid] as number)) / 2,
      maxDelayDays: inTime.length === 0 ? null : (inTime[inTime.length - 1] as number),
    };
  });
  const healthy = outcomes.filter((o) => o.scenario === "healthy");
  const byPathology = Object.fromEntries(pathologies.map((p) => [p, 0])) as Record<Pathology, number>;
  let allianceMonths = 0;
  let afterWarmup = 0;
  let monthsWithFalseAlert = 0;
  let monthsWithFalseAlertAfterWarmup = 0;
  let monthsWithActive = 0;
  let alertsRaised = 0;
  for (const o of healthy) {
    const bounds = monthBoundaries(o.start, o.months);
    alertsRaised += o.alerts.length;
    for (const a of o.alerts) byPathology[a.pathology]++;
    for (let m = 0; m < o.months; m++) {
      const from = bounds[m] as number;
      const to = bounds[m + 1] as number;
      allianceMonths++;
      if (m >= 2) afterWarmup++;
      const raised = o.alerts.some((a) => a.raisedAt >= from && a.raisedAt < to);
      if (raised) {
        monthsWithFalseAlert++;
        if (m >= 2) monthsWithFalseAlertAfterWarmup++;
      }
      if (o.alerts.some((a) => a.raisedAt < to && (a.resolvedAt === null || a.resolvedAt >= from))) monthsWithActive++;
    }
  }
  return {
    pathologies: figures,
    healthy: {
      alliances: healthy.length,
      allianceMonths,
      monthsWithFalseAlert,
      falseAlertRate: allianceMonths > 0 ? monthsWithFalseAlert / allianceMonths : 0,
      allianceMonthsAfterWarmup: afterWarmup,
      falseAlertRateAfterWarmup: afterWarmup > 0 ? monthsWithFalseAlertAfterWarmup / afterWarmup : 0,
      monthsWithActiveFalseAlert: monthsWithActive,
      alertsRaised,
      byPathology,
    },
    outcomes,
  };
}

/** Runs the validation: every scenario over the given seeds. */
export function runValidation(options: ValidationOptions): ValidationFigures {
  const scenarios = options.scenarios ?? simulationScenarios;
  const outcomes: AllianceOutcome[] = [];
  for (const scenario of scenarios) {
    const seeds = scenario === "healthy" ? (options.healthySeeds ?? options.seeds) : options.seeds;
    for (const seed of seeds) outcomes.push(runAlliance(scenario, seed));
  }
  return summarizeValidation(outcomes);
}
