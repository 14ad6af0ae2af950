import { AppError } from "../errors";
import { toEpochMs, toIsoInstant } from "./instant";
import type { InstantInput } from "./instant";
import { MS_PER_DAY } from "./local-date-time";

export interface RenewalInput {
  /** When shared intent was last renewed (an alignment renewal held, the charter reaffirmed); null if never. */
  lastRenewedAt: InstantInput | null;
  /** Where counting starts when there was no renewal yet, e.g. the charter's ratification. */
  since?: InstantInput | null;
  /** The charter's renewal period. */
  renewalPeriodDays: number;
  now: InstantInput;
  /** How many days before the due date the status turns "due_soon". Default 14. */
  dueSoonDays?: number;
}

export type RenewalState = "on_track" | "due_soon" | "overdue" | "no_baseline";

export interface RenewalStatus {
  state: RenewalState;
  /** The instant counting starts from: the last renewal, else `since`; null without either. */
  baseline: string | null;
  dueAt: string | null;
  /** Whole days elapsed since the baseline. */
  daysSince: number | null;
  /** Whole days past the due date; 0 when not overdue. */
  daysOverdue: number;
  isOverdue: boolean;
  /** Elapsed time over the renewal period (1 = due now); for the health index. */
  periodFraction: number | null;
}

/**
 * Time since shared intent was last renewed against the charter's renewal period
 * (reference/health-signals.md, Rhythm; "Drift: renewals overdue"). Days are elapsed 24-hour days.
 */
export function measureRenewal(input: RenewalInput): RenewalStatus {
  const period = input.renewalPeriodDays;
  if (!Number.isFinite(period) || period <= 0) {
    throw new AppError("validation_failed", "renewalPeriodDays must be > 0.", { field: "renewalPeriodDays", value: period, reason: "out_of_range" });
  }
  const nowMs = toEpochMs(input.now, "now");
  const reference = input.lastRenewedAt ?? input.since ?? null;
  if (reference === null) {
    return { state: "no_baseline", baseline: null, dueAt: null, daysSince: null, daysOverdue: 0, isOverdue: false, periodFraction: null };
  }
  const baselineMs = toEpochMs(reference, input.lastRenewedAt !== null ? "lastRenewedAt" : "since");
  const elapsedMs = Math.max(0, nowMs - baselineMs);
  const periodMs = period * MS_PER_DAY;
  const dueAtMs = baselineMs + periodMs;
  const isOverdue = nowMs > dueAtMs;
  const dueSoonMs = (input.dueSoonDays ?? 14) * MS_PER_DAY;
  return {
    state: isOverdue ? "overdue" : dueAtMs - nowMs <= dueSoonMs ? "due_soon" : "on_track",
    baseline: toIsoInstant(baselineMs),
    dueAt: toIsoInstant(dueAtMs),
    daysSince: Math.floor(elapsedMs / MS_PER_DAY),
    daysOverdue: isOverdue ? Math.floor((nowMs - dueAtMs) / MS_PER_DAY) : 0,
    isOverdue,
    periodFraction: elapsedMs / periodMs,
  };
}
