import { AppError } from "../errors";

/** Longest free text a register field accepts; longer text belongs in a linked document. */
export const maxRegisterTextLength = 4000;

/** Trims a required text field; throws validation_failed when it is empty or too long. */
export function requireText(field: string, value: string): string {
  const text = typeof value === "string" ? value.trim() : "";
  if (text.length === 0) throw new AppError("validation_failed", `${field} must not be empty.`, { field });
  if (text.length > maxRegisterTextLength) {
    throw new AppError("validation_failed", `${field} is longer than ${maxRegisterTextLength} characters.`, { field, max: maxRegisterTextLength });
  }
  return text;
}

/** Trims an optional text field: empty or missing becomes null. */
export function optionalText(field: string, value: string | null | undefined): string | null {
  if (value == null || value.trim().length === 0) return null;
  return requireText(field, value);
}

/** Throws validation_failed unless the value is a valid Date (time is always passed in, never read). */
export function requireInstant(field: string, value: Date): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new AppError("validation_failed", `${field} must be a valid time.`, { field });
  }
  return value;
}

/** Throws validation_failed when a move is dated before the record's previous moment. */
export function requireNotBefore(field: string, value: Date, earliest: Date): Date {
  requireInstant(field, value);
  if (value.getTime() < earliest.getTime()) {
    throw new AppError("validation_failed", `${field} cannot be earlier than the record's last change.`, { field });
  }
  return value;
}

/** Validates a list of ids: non-empty strings, no duplicates; returns a copy. */
export function requireIds(field: string, values: readonly string[], options: { min?: number } = {}): string[] {
  if (!Array.isArray(values)) throw new AppError("validation_failed", `${field} must be a list.`, { field });
  const ids = values.map((v) => (typeof v === "string" ? v.trim() : ""));
  if (ids.some((id) => id.length === 0)) throw new AppError("validation_failed", `${field} holds an empty id.`, { field });
  if (new Set(ids).size !== ids.length) throw new AppError("validation_failed", `${field} holds the same id twice.`, { field });
  if (ids.length < (options.min ?? 0)) {
    throw new AppError("validation_failed", `${field} needs at least ${options.min} id(s).`, { field, min: options.min });
  }
  return ids;
}

/** Throws validation_failed unless the id is a non-empty string. */
export function requireId(field: string, value: string): string {
  if (typeof value !== "string" || value.trim().length === 0) {
    throw new AppError("validation_failed", `${field} is required.`, { field });
  }
  return value.trim();
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates a calendar date written YYYY-MM-DD (a real date: no 31 February). */
export function requireIsoDate(field: string, value: string): string {
  const match = typeof value === "string" ? isoDatePattern.exec(value) : null;
  if (match) {
    const [, y, m, d] = match;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d)) return value;
  }
  throw new AppError("validation_failed", `${field} must be a date written YYYY-MM-DD.`, { field });
}

/** The UTC calendar date (YYYY-MM-DD) of an instant. */
export function toIsoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

const dayMs = 86_400_000;

/** Whole days elapsed from one instant to another (never negative). */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / dayMs));
}
