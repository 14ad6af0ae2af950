import { isApiError } from "../api/client";
import { fieldError } from "../components/form-errors";

/**
 * The problem with one field: the API's field issues, or a rule of the charter the answer names
 * by field (details.field, e.g. "An objection needs a reason." for reason).
 */
export function fieldProblem(error: unknown, field: string): string | undefined {
  return fieldError(error, field) ?? (isApiError(error) && error.details?.field === field ? error.message : undefined);
}
