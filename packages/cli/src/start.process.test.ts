import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ApiClient } from "@trellis/server/testing/test-server";

const main = path.resolve(import.meta.dirname, "main.ts");
const children: ChildProcess[] = [];

function run(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", main, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DATABASE_URL: "" } });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, timeoutMs = 60_000) => {
    const start = Date.now();
    while (!pattern.test(output)) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${pattern}; output:\n${output}`);
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before ${pattern}; output:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return pattern.exec(output)!;
  };
  return { child, exited, waitFor, output: () => output };
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("trellis start on the embedded database", () => {
  it("refuses a second start on the same directory, and loses no committed write to kill -9", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-start-"));
    const first = run(["start", "--data-dir", dir, "--port", "0", "--no-demo"]);
    const url = (await first.waitFor(/running at (http:\/\/\S+)/))[1]!;

    const second = run(["start", "--data-dir", dir, "--port", "0", "--no-demo"]);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`The data directory ${fs.realpathSync(dir)} is in use by another Trellis process (pid ${first.child.pid})`);

    const client = new ApiClient(url);
    await client.signUp("durable@example.org", "Durable Person");
    const created = await client.post<{ id: string }>("/api/v1/alliances", { name: "Durable Alliance", purpose: "Survive a crash." });
    expect(created.status).toBe(201);
    first.child.kill("SIGKILL");
    await first.exited;

    const verify = run(["verify", "--data-dir", dir]);
    expect(await verify.exited).toBe(0);
    expect(verify.output()).toMatch(/ok\s+durable-alliance: 2 events/);

    const again = run(["start", "--data-dir", dir, "--port", "0", "--no-demo"]);
    const url2 = (await again.waitFor(/running at (http:\/\/\S+)/))[1]!;
    const client2 = new ApiClient(url2);
    await client2.signIn("durable@example.org");
    const home = await client2.get<{ name: string; purpose: string }>(`/api/v1/alliances/${created.body.id}`);
    expect(home.body).toMatchObject({ name: "Durable Alliance", purpose: "Survive a crash." });
    again.child.kill("SIGTERM");
    await again.exited;
  });

  it("exits non-zero with a clear message on bad input", async () => {
    const bad = run(["start", "--database-url", "mysql://nope", "--port", "0"]);
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain("databaseUrl: must start with postgres://");
    const missing = run(["import", "/nonexistent/archive.jsonl", "--data-dir", fs.mkdtempSync(path.join(os.tmpdir(), "trellis-x-"))]);
    expect(await missing.exited).toBe(1);
    expect(missing.output()).toContain("No file /nonexistent/archive.jsonl");
    const unknown = run(["frobnicate"]);
    expect(await unknown.exited).not.toBe(0);
  });
});
