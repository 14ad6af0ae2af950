import { ApiError } from "../api/client";
import { fieldError, FormError } from "../components/form-errors";

// The decisions API names a field two ways: schema problems under details.issues, and rule
// problems from core (closing time in the past, a missing reason) under details.field.

function ruleField(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const field = error.details?.field;
  return typeof field === "string" ? field : null;
}

const isAt = (path: string, field: string) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);

/** The API's message for one field, whichever way the API named it. */
export function fieldProblem(error: unknown, field: string): string | undefined {
  const fromSchema = fieldError(error, field);
  if (fromSchema) return fromSchema;
  const at = ruleField(error);
  return at !== null && isAt(at, field) && error instanceof ApiError ? error.message : undefined;
}

/** FormError, unless the whole problem already shows next to one of the form's fields. */
export function DecisionFormError({ error, fields, title }: { error: unknown; fields: readonly string[]; title?: string }) {
  const at = ruleField(error);
  if (at !== null && fields.some((field) => isAt(at, field))) return null;
  return <FormError error={error} fields={fields} {...(title ? { title } : {})} />;
}
