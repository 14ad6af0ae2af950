// `trellis start` in its own process for the HTTP benchmarks (bench/api, bench/health): a free
// port, the process with a clean stop, and a browser-like sign-in.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A running `trellis start`: its process (the leader of its own process group), URL, output so far, and a stop. */
export interface TrellisProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `trellis start` on the database in its own process group (so its CPU can be read per
 * group) and resolves once GET /api/health answers; throws with the output when it exits or does
 * not answer within `timeoutMs`.
 */
export async function startTrellis(databaseUrl: string, port: number, options: { timeoutMs?: number; log?: (line: string) => void } = {}): Promise<TrellisProcess> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const command = ["tsx", "packages/cli/src/main.ts", "start", "--database-url", databaseUrl, "--port", String(port), "--no-demo"];
  options.log?.(`$ npx ${command.join(" ")}`);
  const child = spawn("npx", command, { cwd: repoRoot, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_ENV: "production" } });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    process.kill(-child.pid, "SIGTERM");
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`trellis start exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`trellis start did not answer within ${timeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, url, output: () => output, stop };
}

/** Signs in as a browser does (GET the CSRF cookie, POST with the header); returns the session cookie. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const first = await fetch(`${url}/api/v1/session`);
  const csrf = first.headers
    .getSetCookie()
    .map((c) => /^trellis_csrf=([^;]*)/.exec(c)?.[1])
    .find(Boolean);
  if (!csrf) throw new Error("GET /api/v1/session set no trellis_csrf cookie");
  const res = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `trellis_csrf=${csrf}`, "x-csrf-token": csrf },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const session = res.headers
    .getSetCookie()
    .map((c) => /^trellis_session=([^;]*)/.exec(c)?.[1])
    .find(Boolean);
  if (!session) throw new Error("sign-in set no trellis_session cookie");
  return `trellis_session=${session}`;
}
