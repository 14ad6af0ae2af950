import { createScratchPostgres, type TestDatabaseKind } from "@trellis/db/testing";
import { readConfig } from "../config";
import { listen, openContext, type RunningServer } from "../start-server";
import { startSmtpCatcher } from "./smtp-catcher";

/**
 * A real Trellis over real HTTP on a free port, on a fresh embedded or server database, with a
 * real local SMTP server catching its mail. For API, integration and browser tests.
 */
export async function startTestServer(
  options: {
    kind?: TestDatabaseKind;
    clock?: () => Date;
    webRoot?: string | null;
    signupMode?: "open" | "invitation";
    /** Run the scheduled jobs (reminders, digests, health refresh…) as production does; default true. */
    jobs?: boolean;
  } = {},
) {
  const kind = options.kind ?? "pglite";
  const smtp = await startSmtpCatcher();
  const scratch = kind === "postgres" ? await createScratchPostgres() : null;
  const dataDir = kind === "pglite" ? (await import("node:fs")).mkdtempSync(`${(await import("node:os")).tmpdir()}/trellis-test-`) : ".unused";
  const config = readConfig(
    {
      databaseUrl: scratch?.url ?? null,
      dataDir,
      port: 0,
      host: "127.0.0.1",
      smtpUrl: smtp.url,
      signupMode: options.signupMode ?? "open",
      demo: false,
      ...(options.webRoot !== undefined ? { webRoot: options.webRoot ?? "/nonexistent" } : {}),
    },
    {},
  );
  const ctx = await openContext(config, () => {}, options.clock);
  const server: RunningServer = await listen(ctx, { ...config, jobs: options.jobs ?? true });
  return {
    ...server,
    kind,
    smtp,
    config,
    close: async () => {
      await server.close();
      await smtp.close();
      await scratch?.drop();
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** A cookie-keeping JSON client for the API, as a browser would talk to it (CSRF included). */
export class ApiClient {
  private readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  /** The Cookie header this client sends (for raw fetches such as an event stream). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get csrf(): string | undefined {
    return this.cookies.get("trellis_csrf");
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> {
    if (method !== "GET" && !this.cookies.has("trellis_csrf")) await this.request("GET", "/api/v1/session");
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {}),
        ...(method !== "GET" && this.csrf ? { "x-csrf-token": this.csrf } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = (pair ?? "").split("=");
      if (!name) continue;
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join("="));
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (a stream or an archive)
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = unknown>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body ?? {});
  }
  patch<T = unknown>(path: string, body?: unknown) {
    return this.request<T>("PATCH", path, body ?? {});
  }
  delete<T = unknown>(path: string) {
    return this.request<T>("DELETE", path);
  }

  async signUp(email: string, displayName: string, password = "correct horse battery") {
    const res = await this.post<{ person: { id: string } }>("/api/v1/accounts", { email, displayName, password });
    if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.person;
  }

  async signIn(email: string, password = "correct horse battery") {
    const res = await this.post<{ person: { id: string } }>("/api/v1/session", { email, password });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.person;
  }
}

/** A server-sent event as the activity stream sends it. */
export interface StreamedEvent {
  type: string;
  payload: Record<string, unknown>;
}

/** Reads an event stream until the predicate matches one (or the time runs out); returns what arrived. */
export async function readServerSentEvents(url: string, cookie: string, until: (event: StreamedEvent) => boolean, timeoutMs = 10_000): Promise<StreamedEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const seen: StreamedEvent[] = [];
  try {
    const response = await fetch(url, { headers: { cookie }, signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let index: number;
      while ((index = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        const data = block.split("\n").find((line) => line.startsWith("data: "));
        if (!data) continue;
        const event = JSON.parse(data.slice(6)) as StreamedEvent;
        seen.push(event);
        if (until(event)) return seen;
      }
    }
  } catch (error) {
    if ((error as Error).name !== "AbortError") throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return seen;
}
