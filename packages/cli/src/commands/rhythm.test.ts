import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { capabilityDemoSteps, openContext, readConfig, seedDemo } from "@trellis/server";
import { rhythmDemoStep } from "@trellis/server/demo/rhythm-demo";
import { main } from "../main";

/** Runs the CLI in this process and returns what it printed. */
async function trellis(...args: string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void chunks.push(`${parts.join(" ")}\n`));
  const error = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void chunks.push(`${parts.join(" ")}\n`));
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    const code = await main(args);
    return { code, out: chunks.join("") };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

describe("trellis cadence, meeting and calendar", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-rhythm-cli-"));
  const slug = "circular-packaging-coalition";

  beforeAll(async () => {
    const ctx = await openContext(readConfig({ dataDir, databaseUrl: null, demo: false }, {}), () => {});
    const steps = capabilityDemoSteps.splice(0, capabilityDemoSteps.length, rhythmDemoStep);
    try {
      await seedDemo(ctx);
    } finally {
      capabilityDemoSteps.splice(0, capabilityDemoSteps.length, ...steps);
      await ctx.database.close();
    }
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("lists the cadences with their rules and next occurrences", async () => {
    const result = await trellis("cadence", "list", slug, "--data-dir", dataDir, "--now", "2026-11-24T12:00:00Z", "--time-zone", "America/New_York");
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain("Monthly check-in (Tactical check-in, 60 min)\n  Every month on the first Tuesday at 15:00 (Europe/Berlin)\n  next: Tue 1 Dec 2026, 15:00–16:00 (Europe/Berlin) = Tue 1 Dec 2026, 09:00–10:00 (America/New_York)");
    expect(result.out).toContain("Quarterly governance meeting (Governance meeting, 120 min)");
    expect(result.out).toContain("Alignment renewal (Alignment renewal, 90 min)");
    const json = await trellis("cadence", "list", slug, "--data-dir", dataDir, "--now", "2026-11-24T12:00:00Z", "--json");
    expect((JSON.parse(json.out) as { next: { occurrenceKey: string } }[]).map((c) => c.next.occurrenceKey).sort()).toEqual(["20261201T150000", "20261217T160000", "20270107T140000"]);
    expect((await trellis("cadence", "list", "no-such-alliance", "--data-dir", dataDir)).code).toBe(1);
    expect((await trellis("cadence", "list", slug, "--data-dir", dataDir, "--time-zone", "Mars/Olympus")).code).toBe(1);
  });

  it("lists occurrences in a window, cancelled ones marked", async () => {
    const result = await trellis("cadence", "occurrences", slug, "--data-dir", dataDir, "--from", "2026-08-01T00:00:00Z", "--to", "2026-09-05T00:00:00Z", "--time-zone", "Europe/Berlin");
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain("Tue 4 Aug 2026, 15:00–16:00 (Europe/Berlin)  Monthly check-in  [cancelled]");
    expect(result.out).toContain("Tue 1 Sep 2026, 15:00–16:00 (Europe/Berlin)  Monthly check-in  [meeting closed, 1 item(s)]");
  });

  it("writes the alliance's calendar as iCalendar that an independent parser reads", async () => {
    const result = await trellis("calendar", slug, "--data-dir", dataDir, "--now", "2026-11-24T12:00:00Z", "--from", "2026-06-01T00:00:00Z");
    expect(result.code, result.out).toBe(0);
    const calendar = new ICAL.Component(ICAL.parse(result.out));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Circular Packaging Coalition (Trellis)");
    const events = calendar.getAllSubcomponents("vevent").map((v) => ({ event: new ICAL.Event(v), status: v.getFirstPropertyValue("status") }));
    const november = events.find((e) => e.event.startDate.toJSDate().toISOString() === "2026-11-03T14:00:00.000Z");
    expect(november?.event.summary).toBe("Monthly check-in");
    expect(november?.event.description).toContain("1. Sorting trial results (Institute for Materials Research)");
    expect(events.find((e) => e.event.startDate.toJSDate().toISOString() === "2026-08-04T13:00:00.000Z")?.status).toBe("CANCELLED");
    const help = await trellis("calendar", "--help");
    expect(help.out).toContain("Usage: trellis calendar [options] <alliance>");
    expect(help.out).toContain("--out <file>");
  });

  it("lists meetings and prints minutes", async () => {
    const list = await trellis("meeting", "list", slug, "--data-dir", dataDir, "--status", "closed");
    expect(list.code, list.out).toBe(0);
    const november = /2026-11-03T14:00:00.000Z\s+closed\s+Monthly check-in\s+\(4 item\(s\), minutes v2\)\s+([0-9a-f-]{36})/.exec(list.out)?.[1];
    expect(november).toBeTruthy();
    const minutes = await trellis("meeting", "minutes", november!, "--data-dir", dataDir, "--version", "1");
    expect(minutes.code, minutes.out).toBe(0);
    expect(minutes.out).toContain("minutes version 1");
    expect(minutes.out).toContain("objected and left the meeting");
  });
});
