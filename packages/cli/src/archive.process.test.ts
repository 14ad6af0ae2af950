import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const main = path.resolve(import.meta.dirname, "main.ts");

function trellis(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", main, ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" }, timeout: 120_000 });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe("trellis demo, export, import, verify and user create", () => {
  it("round-trips the demo alliance into a fresh database, and refuses a tampered archive", () => {
    const source = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-src-"));
    const target = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-dst-"));
    const archive = path.join(os.tmpdir(), `trellis-${process.pid}.jsonl`);

    const demo = trellis("demo", "--data-dir", source);
    expect(demo.code, demo.out).toBe(0);
    expect(demo.out).toContain("Created the demo alliance");

    const exported = trellis("export", "circular-packaging-coalition", "--data-dir", source, "--out", archive);
    expect(exported.code, exported.out).toBe(0);
    expect(exported.out).toMatch(/Exported \d+ events/);

    const offline = trellis("verify", "--archive", archive);
    expect(offline.code, offline.out).toBe(0);

    const imported = trellis("import", archive, "--data-dir", target);
    expect(imported.code, imported.out).toBe(0);
    expect(imported.out).toMatch(/chain verified/);
    const verified = trellis("verify", "--data-dir", target);
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toMatch(/ok\s+circular-packaging-coalition/);

    const again = trellis("import", archive, "--data-dir", target);
    expect(again.code).toBe(1);
    expect(again.out).toContain("already exists");

    const lines = fs.readFileSync(archive, "utf8").split("\n");
    const index = lines.findIndex((line) => line.includes('"kind":"event"') && line.includes("seat.added"));
    lines[index] = lines[index]!.replace("seat.added", "seat.removed");
    fs.writeFileSync(archive, lines.join("\n"));
    const tampered = trellis("verify", "--archive", archive);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(/broken at event \d+/);

    const admin = trellis("user", "create", "--admin", "--email", "root@example.org", "--name", "Root", "--password", "a long admin password", "--data-dir", target);
    expect(admin.code, admin.out).toBe(0);
    expect(admin.out).toContain("Created administrator root@example.org");
    const help = trellis("export", "--help");
    expect(help.out).toContain("Write an alliance as a JSON Lines archive");
  });
});
