import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIN_HEALTH_RECORDS } from "@trellis/core/health";
import { openContext, readConfig, type ServerContext } from "@trellis/server";
import { signUp } from "@trellis/server/use-cases/accounts/sign-up";
import { createAlliance } from "@trellis/server/use-cases/alliances/create-alliance";
import { addMember, addSeat } from "@trellis/server/use-cases/alliances/manage-seats";
import { createCommitment } from "@trellis/server/use-cases/commitments/create-commitment";
import { moveCommitment } from "@trellis/server/use-cases/commitments/move-commitment";
import { loadViewer } from "@trellis/server/use-cases/load-viewer";
import { createOrganization } from "@trellis/server/use-cases/organizations/create-organization";
import { runTrellis as trellis } from "../testing/run-trellis";

const DAY = 86_400_000;

describe("trellis health", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-health-cli-"));
  const db = ["--data-dir", dir];
  let slug: string;
  let quietSlug: string;
  let askerSeat: string;

  beforeAll(async () => {
    let now = new Date("2026-06-01T09:00:00Z");
    const ctx: ServerContext = await openContext(readConfig({ dataDir: dir, demo: false }, {}), () => {}, () => now);
    try {
      const facilitator = await signUp(ctx, { email: "fay@example.org", password: "correct horse battery", displayName: "Fay Facilitator" });
      const alliance = await createAlliance(ctx, facilitator.id, { name: "Health Coalition" });
      slug = alliance.slug;
      // A second alliance in which nothing happens.
      quietSlug = (await createAlliance(ctx, facilitator.id, { name: "Quiet Water Alliance" })).slug;
      const fay = await loadViewer(ctx.db, alliance.id, { id: facilitator.id, email: "fay@example.org", displayName: "Fay", isAdmin: false, timeZone: "UTC" });
      const people = [];
      for (const [email, name, org] of [
        ["ana@example.org", "Ana Asker", "Asker Foods"],
        ["ben@example.org", "Ben Builder", "Builder Bottles"],
        ["cy@example.org", "Cy Carter", "Carter Cans"],
      ] as const) {
        const person = await signUp(ctx, { email, password: "correct horse battery", displayName: name });
        const seat = await addSeat(ctx, fay, alliance.id, { organizationId: (await createOrganization(ctx, { name: org, kind: "company" })).id });
        await addMember(ctx, fay, alliance.id, { personId: person.id, role: "delegate", seatId: seat.id });
        people.push({ id: person.id, seatId: seat.id, viewer: await loadViewer(ctx.db, alliance.id, { id: person.id, email, displayName: name, isAdmin: false, timeZone: "UTC" }) });
      }
      const [ana, ben, cy] = people as [(typeof people)[number], (typeof people)[number], (typeof people)[number]];
      askerSeat = ana.seatId;
      // Ten weeks in which only Asker Foods asks, and nothing reaches beyond the next quarter.
      for (let i = 0; i < 30; i++) {
        const performer = i % 2 === 0 ? ben : cy;
        const opened = await createCommitment(ctx, ana.viewer, alliance.id, {
          opening: "request",
          title: `Line trial ${i + 1}`,
          conditions: "Results in the shared sheet.",
          dueAt: new Date(now.getTime() + 10 * DAY).toISOString(),
          timeZone: "UTC",
          counterpart: { personId: performer.id },
        });
        now = new Date(now.getTime() + DAY);
        await moveCommitment(ctx, performer.viewer, alliance.id, opened.id, { move: "promise", version: opened.version });
        now = new Date(now.getTime() + 1.4 * DAY);
      }
    } finally {
      await ctx.database.close();
    }
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints index, sub-indices, signals and alerts with onset dates as JSON", async () => {
    const { code, out } = await trellis("health", slug, "--json", "--at", "2026-08-20", ...db);
    expect(code).toBe(0);
    const data = JSON.parse(out) as {
      index: number;
      activity: { records: number; enough: boolean };
      dynamics: { dynamic: string; value: number | null; signals: { id: string }[] }[];
      seats: { seatName: string }[];
      alerts: { pathology: string; seatId: string | null; seatName: string | null; status: string; onsetDate: string; evidence: { records: { type: string }[] } }[];
    };
    expect(data.index).toBeGreaterThan(0);
    expect(data.activity.enough).toBe(true);
    expect(data.activity.records).toBeGreaterThanOrEqual(MIN_HEALTH_RECORDS);
    expect(data.dynamics.map((d) => d.dynamic)).toEqual(["rhythm", "language", "presence", "authorship", "trust", "candor"]);
    expect(data.dynamics.find((d) => d.dynamic === "authorship")?.signals.map((s) => s.id)).toContain("authorship.request_equity");
    expect(data.seats.map((s) => s.seatName).sort()).toEqual(["Asker Foods", "Builder Bottles", "Carter Cans"]);
    const oneSided = data.alerts.find((a) => a.pathology === "one-sided");
    expect(oneSided).toMatchObject({ seatId: askerSeat, seatName: "Asker Foods", status: "active" });
    expect(oneSided?.onsetDate).toMatch(/^2026-0[78]-\d\d$/);
    expect(oneSided?.evidence.records[0]?.type).toBe("commitment.requested");
    expect(data.alerts.map((a) => a.pathology)).toContain("short-termism");
  });

  it("prints a human-readable form without --json", async () => {
    const { code, out } = await trellis("health", slug, "--at", "2026-08-20", ...db);
    expect(code).toBe(0);
    expect(out).toMatch(/^Health Coalition: Collaboration Capacity Index \d+\/100/);
    expect(out).not.toContain("not enough activity yet");
    expect(out).toContain("authorship");
    expect(out).toMatch(/● One-sided alliance \(Asker Foods\): since 2026-0[78]-\d\d/);
    expect(out).toContain("Suggested move:");
  });

  it("says when an index rests on too little activity to mean something", async () => {
    const text = await trellis("health", quietSlug, "--at", "2026-08-20", ...db);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^Quiet Water Alliance: Collaboration Capacity Index \d+\/100.* — not enough activity yet \(0 records in the window\)\n/);
    const json = JSON.parse((await trellis("health", quietSlug, "--json", "--at", "2026-08-20", ...db)).out) as { index: number | null; activity: unknown };
    expect(json.index).not.toBeNull();
    expect(json.activity).toEqual({ records: 0, enough: false });
  });

  it("has no alerts before the warm-up and refuses an unknown alliance or time", async () => {
    const early = JSON.parse((await trellis("health", slug, "--json", "--at", "2026-06-20", ...db)).out) as { alerts: unknown[] };
    expect(early.alerts).toEqual([]);
    expect((await trellis("health", "no-such-alliance", ...db)).code).toBe(1);
    expect((await trellis("health", slug, "--at", "yesterday-ish", ...db)).code).toBe(1);
  });
});
