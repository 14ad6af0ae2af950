import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simulateAlliance } from "@trellis/core/health/simulate-alliance";
import { describe, expect, it } from "vitest";

const main = path.resolve(import.meta.dirname, "main.ts");

function trellis(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", main, ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" }, timeout: 900_000 });
  return { code: result.status, stdout: result.stdout, out: `${result.stdout}${result.stderr}` };
}

const scratch = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
const dayMs = 86_400_000;

/** The alerts of `trellis health --json` for one pathology, with their onsets (epoch ms). */
function alertsOf(stdout: string, pathology: string): { onset: number; status: string }[] {
  const report = JSON.parse(stdout) as { alerts: { pathology: string; onset: string; status: string }[] };
  return report.alerts.filter((alert) => alert.pathology === pathology).map((alert) => ({ onset: Date.parse(alert.onset), status: alert.status }));
}

/** Simulates 12 months, imports the archive into a fresh data directory and reads its health at the end of the history. */
function simulateImportAndReadHealth(scenario: string, seed: number) {
  const dir = scratch(`trellis-${scenario}-`);
  const archive = path.join(dir, `${scenario}.jsonl`);
  const simulated = trellis("simulate", "--scenario", scenario, "--months", "12", "--seed", String(seed), "--out", archive);
  expect(simulated.code, simulated.out).toBe(0);
  const imported = trellis("import", archive, "--data-dir", path.join(dir, "data"));
  expect(imported.code, imported.out).toBe(0);
  const end = new Date(simulateAlliance({ scenario: "healthy", months: 12, seed }).end).toISOString();
  const health = trellis("health", `simulated-${scenario}-alliance-seed-${seed}`, "--json", "--at", end, "--data-dir", path.join(dir, "data"));
  expect(health.code, health.out).toBe(0);
  return health.stdout;
}

describe("trellis simulate", () => {
  it("writes an archive that verifies and imports, the same bytes for the same seed, and refuses bad options", () => {
    const dir = scratch("trellis-simulate-");
    const archive = path.join(dir, "healthy.jsonl");
    const simulated = trellis("simulate", "--scenario", "healthy", "--months", "1", "--seed", "4", "--out", archive);
    expect(simulated.code, simulated.out).toBe(0);
    expect(simulated.out).toMatch(/alliance simulated-healthy-alliance-seed-4 .*\d+ events/);
    expect(simulated.out).toContain("No pathology injected.");

    const again = trellis("simulate", "--scenario", "healthy", "--months", "1", "--seed", "4", "--out", path.join(dir, "again.jsonl"));
    expect(again.code, again.out).toBe(0);
    expect(fs.readFileSync(path.join(dir, "again.jsonl"))).toEqual(fs.readFileSync(archive));

    const verified = trellis("verify", "--archive", archive);
    expect(verified.code, verified.out).toBe(0);
    const imported = trellis("import", archive, "--data-dir", path.join(dir, "data"));
    expect(imported.code, imported.out).toBe(0);
    expect(imported.out).toMatch(/chain verified/);

    const unknown = trellis("simulate", "--scenario", "gloomy", "--out", path.join(dir, "x.jsonl"));
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain("Unknown scenario gloomy");
    const short = trellis("simulate", "--scenario", "drift", "--months", "3", "--out", path.join(dir, "x.jsonl"));
    expect(short.code).toBe(1);
    expect(short.out).toContain("--months must be a whole number from 5");
    expect(fs.existsSync(path.join(dir, "x.jsonl"))).toBe(false);
    expect(trellis("simulate", "--help").out).toContain("A 12-month history has about");
  }, 900_000);

  // A pathology the product's health engine reads from the replayed events; seed 7 was not used to tune the engine.
  const pathology = "fraying-trust";
  const seed = 7;
  it(
    `the archive of a ${pathology} alliance, imported, raises that alert within two months of the injected onset; a healthy one does not`,
    () => {
      const truth = simulateAlliance({ scenario: pathology, months: 12, seed }).truth;
      if (!truth) throw new Error("a pathology scenario has a ground truth");
      const raised = alertsOf(simulateImportAndReadHealth(pathology, seed), pathology);
      expect(raised.length, `no ${pathology} alert`).toBeGreaterThan(0);
      const first = Math.min(...raised.map((a) => a.onset));
      expect(Math.abs(first - truth.onset) / dayMs, `onset ${new Date(first).toISOString()} vs injected ${new Date(truth.onset).toISOString()}`).toBeLessThanOrEqual(61);

      expect(alertsOf(simulateImportAndReadHealth("healthy", seed), pathology)).toEqual([]);
    },
    1_800_000,
  );
});
