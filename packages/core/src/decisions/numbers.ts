import { AppError } from "../errors";
import type { Fraction } from "./types";

/**
 * Sums of shared seat votes (1/3 + 1/3 + 1/3) are floating point: two totals within this
 * tolerance count as equal, so a tie is a tie whatever the order of the additions.
 */
export const TALLY_EPSILON = 1e-9;

/** True when two tally totals are equal within the tolerance. */
export function isNearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= TALLY_EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

/** True when a is greater than b beyond the tolerance. */
export function isClearlyGreater(a: number, b: number): boolean {
  return a > b && !isNearlyEqual(a, b);
}

/** True when the fraction is well formed and lies in (0, 1]. */
export function isValidFraction(fraction: Fraction): boolean {
  const { numerator, denominator } = fraction;
  return (
    Number.isInteger(numerator) &&
    Number.isInteger(denominator) &&
    numerator > 0 &&
    denominator > 0 &&
    numerator <= denominator
  );
}

/** True when part / whole >= fraction, compared by cross-multiplication (2 of 3 meets 2/3). */
export function meetsFraction(part: number, whole: number, fraction: Fraction): boolean {
  if (whole <= 0) return false;
  const lhs = part * fraction.denominator;
  const rhs = fraction.numerator * whole;
  return lhs >= rhs || isNearlyEqual(lhs, rhs);
}

/** Sums numbers in the order given (callers sort first so the result is order-independent). */
export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Parses an ISO 8601 instant to epoch ms, or throws validation_failed naming the field. */
export function parseInstant(text: string, field: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) {
    throw new AppError("validation_failed", `${field} must be an ISO 8601 instant with Z or an offset.`, {
      field,
      value: text,
      reason: "invalid_instant",
    });
  }
  return ms;
}

/** Compares strings by code unit, the same on every platform and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
