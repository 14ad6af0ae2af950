import { Alert, List } from "@mantine/core";
import { ApiError } from "../api/client";

/** The API's message for one field of a failed form (details.issues), or undefined. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const issues = error.issues.filter((issue) => issue.path === field || issue.path.startsWith(`${field}.`));
  return issues.length ? issues.map((issue) => issue.message).join(" ") : undefined;
}

/**
 * The form-level message of a failed request: the API's message, plus any field problems the
 * form has no field for. Field problems of known fields show next to those fields instead.
 */
export function FormError({ error, fields = [], title = "That did not work" }: { error: unknown; fields?: readonly string[]; title?: string }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError?.message ?? "Something went wrong. Try again.";
  const unplaced = apiError?.issues.filter((issue) => !fields.some((field) => issue.path === field || issue.path.startsWith(`${field}.`))) ?? [];
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {message}
      {unplaced.length > 0 && (
        <List size="sm" mt="xs">
          {unplaced.map((issue) => (
            <List.Item key={`${issue.path}:${issue.message}`}>{issue.path ? `${issue.path}: ${issue.message}` : issue.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
