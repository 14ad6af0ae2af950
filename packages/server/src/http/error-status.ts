import type { ErrorCode } from "@trellis/core";

/** The one table that maps a stable error code to its HTTP status. */
export const errorStatus: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  illegal_move: 409,
  already_exists: 409,
  payload_too_large: 413,
  rate_limited: 429,
  invalid_token: 400,
  database_locked: 503,
  chain_broken: 422,
  threshold_not_met: 403,
  unsupported_media_type: 415,
  internal_error: 500,
  agenda_closed: 409,
  acknowledgement_required: 409,
};
