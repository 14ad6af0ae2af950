import type { ErrorCode } from "@trellis/core";

/** One problem with one field, as the API reports it under details.issues. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A failed API call: the stable code, the message meant for people, and details when given. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "network_error" | "unknown_error",
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** The field problems of a validation_failed answer (empty for other errors). */
  get issues(): FieldIssue[] {
    const issues = this.details?.issues;
    if (!Array.isArray(issues)) return [];
    return issues.filter((issue): issue is FieldIssue => typeof issue === "object" && issue !== null && typeof issue.path === "string" && typeof issue.message === "string");
  }
}

/** True for an ApiError with the given code. */
export function isApiError(error: unknown, code?: ApiError["code"]): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

const csrfCookie = "trellis_csrf";
let csrfFromSession: string | null = null;

/** Remembers the token GET /api/v1/session handed out (the cookie is the source of truth when readable). */
export function rememberCsrfToken(token: string): void {
  csrfFromSession = token;
}

function readCsrfCookie(): string | null {
  for (const part of document.cookie.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === csrfCookie) return decodeURIComponent(value.join("="));
  }
  return null;
}

async function csrfToken(): Promise<string> {
  const token = readCsrfCookie() ?? csrfFromSession;
  if (token) return token;
  // No token yet: the session endpoint sets the cookie and tells us the token.
  const session = await request<{ csrfToken: string }>("GET", "/api/v1/session");
  rememberCsrfToken(session.csrfToken);
  return session.csrfToken;
}

type Query = Record<string, string | number | undefined | null>;

/** Builds a path with a query string, leaving out empty values. */
export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-csrf-token"] = await csrfToken();
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: "same-origin", ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    throw new ApiError(0, "network_error", "Trellis cannot be reached. Check your connection and try again.");
  }
  if (response.status === 204 || response.status === 202) return undefined as T;
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: handled below
  }
  if (!response.ok) {
    if (parsed && typeof parsed === "object" && "error" in parsed && "message" in parsed) {
      const failure = parsed as { error: ApiError["code"]; message: string; details?: Record<string, unknown> };
      throw new ApiError(response.status, failure.error, failure.message, failure.details);
    }
    throw new ApiError(response.status, "unknown_error", `Trellis answered ${response.status}. Try again in a moment.`);
  }
  return parsed as T;
}

/** The typed HTTP client: cookies travel with every call, changes carry the CSRF header. */
export const api = {
  get: <T>(path: string, query: Query = {}) => request<T>("GET", withQuery(path, query)),
  post: <T>(path: string, body: unknown = {}) => request<T>("POST", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
};
