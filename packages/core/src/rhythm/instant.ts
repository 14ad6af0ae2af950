import { AppError } from "../errors";

/** An absolute point in time as callers hold it: a Date, or an ISO 8601 string with Z or an offset. */
export type InstantInput = Date | string;

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** True when the text is an ISO 8601 date-time carrying Z or an offset (an instant, not a wall time). */
export function isInstantText(text: string): boolean {
  return isoInstant.test(text);
}

/** Epoch milliseconds of an instant, or validation_failed naming the field. */
export function toEpochMs(input: InstantInput, field: string): number {
  const ms = input instanceof Date ? input.getTime() : isInstantText(input) ? Date.parse(input) : NaN;
  if (!Number.isFinite(ms)) {
    throw new AppError("validation_failed", `${field} must be an ISO 8601 instant with Z or an offset.`, {
      field,
      value: input instanceof Date ? "Invalid Date" : input,
      reason: "invalid_instant",
    });
  }
  return ms;
}

/** "2026-03-10T14:00:00.000Z" for epoch milliseconds. */
export function toIsoInstant(ms: number): string {
  return new Date(ms).toISOString();
}
