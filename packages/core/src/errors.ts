/** Stable error codes: the server maps each to an HTTP status in one table. */
export const errorCodes = [
  "bad_request",
  "validation_failed",
  "unauthenticated",
  "forbidden",
  "csrf_failed",
  "not_found",
  "conflict",
  "stale_version",
  "illegal_move",
  "rate_limited",
  "payload_too_large",
  "already_exists",
  "invalid_token",
  "database_locked",
  "chain_broken",
  "threshold_not_met",
  "unsupported_media_type",
  "internal_error",
  // Rhythm: the agenda closed at its cutoff; an attendee has not acknowledged the antitrust notice.
  "agenda_closed",
  "acknowledgement_required",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A failure the product expects and can explain; never carries secrets. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

/** True when the value is an AppError (also across module copies). */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError || (value instanceof Error && value.name === "AppError" && "code" in value);
}
