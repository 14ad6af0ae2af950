import { AppError } from "../errors";

/** Default minimum number of respondents behind any shown aggregate (reference/pulse-bank.md). */
export const defaultMinGroupSize = 5;
/** An alliance may raise k but never lower it below this. */
export const lowestMinGroupSize = 3;

/** Resolves an alliance's k: default 5; rejects anything below 3 or not a whole number. */
export function resolveMinGroupSize(k?: number | null): number {
  if (k == null) return defaultMinGroupSize;
  if (!Number.isInteger(k) || k < lowestMinGroupSize) {
    throw new AppError("validation_failed", `The minimum group size must be a whole number of at least ${lowestMinGroupSize}.`, {
      field: "k",
      min: lowestMinGroupSize,
    });
  }
  return k;
}
