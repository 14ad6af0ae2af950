import { isApiError } from "../api/client";
import { fieldError } from "../components/form-errors";

/**
 * The API's message for one field: its details.issues, or the single field a commitment rule names
 * in details.field ("The due date must be in the future.").
 */
export function commitmentFieldError(error: unknown, field: string): string | undefined {
  const fromIssues = fieldError(error, field);
  if (fromIssues) return fromIssues;
  return isApiError(error, "validation_failed") && error.details?.field === field ? error.message : undefined;
}

/** True when the error belongs to one field the form shows (so no form-level message is needed). */
export function isPlacedFieldError(error: unknown, fields: readonly string[]): boolean {
  return isApiError(error, "validation_failed") && error.issues.length === 0 && typeof error.details?.field === "string" && fields.includes(error.details.field);
}
