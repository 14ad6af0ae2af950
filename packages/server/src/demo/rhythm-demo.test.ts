import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import { PassThrough, Readable } from "node:stream";
import { sql } from "kysely";
import { migrationsDir } from "@trellis/db";
import { exportAlliance, importAlliance, verifyAllianceChain } from "@trellis/db";
import { openTestDatabase } from "@trellis/db/testing";
import { capabilityDemoSteps } from "../capabilities";
import { measureRhythmSignals } from "../use-cases/rhythm/rhythm-signals";
import { startTestServer, type TestServer } from "../testing/test-server";
import { ApiClient } from "../testing/test-server";
import { demoFacilitatorEmail, demoPassword, seedDemo } from "./seed-demo";
import { rhythmDemoStep } from "./rhythm-demo";

const lateNovember = new Date("2026-11-24T12:00:00Z");
// The charter capability is another engineer's; when its tables are in the tree, its renewal wins.
const hasCharterTables = fs.existsSync(`${migrationsDir}/20261124-0400-charter-decisions.sql`);

describe("the rhythm demo", () => {
  let server: TestServer;
  let allianceId: string;
  let client: ApiClient;
  beforeAll(async () => {
    server = await startTestServer({ kind: "pglite", clock: () => lateNovember });
    // Only this capability's step, so the test does not depend on the others' demos.
    const steps = capabilityDemoSteps.splice(0, capabilityDemoSteps.length, rhythmDemoStep);
    try {
      allianceId = (await seedDemo(server.ctx)).allianceId;
    } finally {
      capabilityDemoSteps.splice(0, capabilityDemoSteps.length, ...steps);
    }
    client = new ApiClient(server.url);
    await client.signIn(demoFacilitatorEmail, demoPassword);
  });
  afterAll(async () => server?.close());

  it("has a monthly check-in, a quarterly governance meeting and a renewal, on a chain that verifies", async () => {
    const cadences = await client.get<{ items: { title: string; kind: string; ruleDescription: string; nextOccurrence: { occurrenceKey: string } | null }[] }>(`/api/v1/alliances/${allianceId}/cadences`);
    expect(cadences.body.items.map((c) => [c.kind, c.ruleDescription, c.nextOccurrence?.occurrenceKey])).toEqual([
      ["alignment_renewal", "Every 6 months on the third Thursday at 16:00 (Europe/Berlin)", "20261217T160000"],
      ["tactical_check_in", "Every month on the first Tuesday at 15:00 (Europe/Berlin)", "20261201T150000"],
      ["governance_meeting", "Every 3 months on the first Thursday at 14:00 (Europe/Berlin)", "20270107T140000"],
    ]);
    expect(await verifyAllianceChain(server.ctx.db, allianceId)).toMatchObject({ ok: true });
  });

  it("has a past meeting with minutes (two versions), an objection and outcomes, and an upcoming one with items from several seats", async () => {
    const meetings = await client.get<{ items: { id: string; title: string; status: string; scheduledStart: string; agendaItemCount: number; minutesVersion: number | null; agendaOpen: boolean }[] }>(`/api/v1/alliances/${allianceId}/meetings`);
    const [december, november] = meetings.body.items;
    expect(december).toMatchObject({ title: "Monthly check-in", status: "scheduled", scheduledStart: "2026-12-01T14:00:00.000Z", agendaItemCount: 4, agendaOpen: true, minutesVersion: null });
    expect(november).toMatchObject({ status: "closed", scheduledStart: "2026-11-03T14:00:00.000Z", agendaItemCount: 4, minutesVersion: 2 });
    expect(meetings.body.items.filter((m) => m.status === "closed")).toHaveLength(7);

    const upcoming = await client.get<{ agenda: { seat: { name: string } | null; durationMinutes: number | null }[] }>(`/api/v1/alliances/${allianceId}/meetings/${december!.id}`);
    expect(new Set(upcoming.body.agenda.map((i) => i.seat?.name)).size).toBe(4);
    expect(upcoming.body.agenda.every((i) => i.durationMinutes !== null)).toBe(true);

    const minutes = await client.get<{ version: number; markdown: string }>(`/api/v1/alliances/${allianceId}/meetings/${november!.id}/minutes`);
    expect(minutes.body.version).toBe(2);
    expect(minutes.body.markdown).toContain("Priya Raman (Greenfield Beverages) objected and left the meeting");
    expect(minutes.body.markdown).toContain("- Commitment: Polymer Works circulates the second draft of the test protocol by 20 November.");
    expect(minutes.body.markdown).toContain("- Ocean Guardians: absent");
    expect(minutes.body.markdown).toMatch(/Acknowledged by .*Jonas Berg \(Northwind Foods\)/);
  });

  it("shows the rhythm signals: adherence, a renewal from the last renewal meeting, Ocean Guardians' streak", async () => {
    const signals = await measureRhythmSignals(server.ctx.db, allianceId, null, { now: lateNovember });
    expect(signals.adherence).toMatchObject({ due: 7, onSchedule: 7, cancelled: 1, adherence: 1 });
    expect(signals.renewal).toMatchObject({ source: "alignment_renewal_meeting", baseline: "2026-06-18T14:02:00.000Z", state: "on_track" });
    expect(signals.skippedMeetingStreaks.find((s) => s.seatName === "Ocean Guardians")).toMatchObject({ streak: 3 });
    expect(signals.skippedMeetingStreaks.find((s) => s.seatName === "Northwind Foods")).toMatchObject({ streak: 0 });
    expect(signals.meetingRatings.count).toBeGreaterThan(30);
  });

  it("travels in the alliance's archive: export, then import into a fresh database", async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    await exportAlliance(server.ctx.db, allianceId, out, { now: lateNovember });
    out.end();
    const target = await openTestDatabase("pglite");
    try {
      const result = await importAlliance(target.db, Readable.from([Buffer.concat(chunks).toString("utf8")]));
      expect(result.check).toMatchObject({ ok: true });
      const count = async (table: "cadences" | "meetings" | "agenda_items" | "meeting_minutes" | "meeting_objections" | "cadence_cancellations") =>
        Number((await target.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
      expect(await count("cadences")).toBe(3);
      expect(await count("cadence_cancellations")).toBe(1);
      expect(await count("meetings")).toBe(8);
      expect(await count("agenda_items")).toBe(15);
      expect(await count("meeting_minutes")).toBe(8);
      expect(await count("meeting_objections")).toBe(1);
    } finally {
      await target.close();
    }
  });

  it.skipIf(!hasCharterTables)("takes the renewal baseline and period from the charter when the charter capability recorded a renewal", async () => {
    const db = server.ctx.db;
    await sql`insert into charters (alliance_id, current_version, renewed_on, created_by, created_at) values (${allianceId}, 1, '2026-09-01', (select person_id from memberships where alliance_id = ${allianceId} and role = 'facilitator' limit 1), ${new Date("2026-06-16T10:00:00Z")})`.execute(db);
    const body = JSON.stringify({ clauses: [{ setting: { key: "renewal_period", months: 6 } }] });
    await sql`insert into charter_versions (alliance_id, charter_version, adopted_at, body, created_at) values (${allianceId}, 1, ${new Date("2026-06-16T10:00:00Z")}, ${body}::jsonb, ${new Date("2026-06-16T10:00:00Z")})`.execute(db);
    const signals = await measureRhythmSignals(db, allianceId, null, { now: lateNovember });
    expect(signals.renewal).toMatchObject({ source: "charter_renewal", periodMonths: 6, baseline: "2026-09-01T00:00:00.000Z", dueAt: "2027-03-01T00:00:00.000Z", state: "on_track" });
    const later = await measureRhythmSignals(db, allianceId, null, { now: new Date("2027-03-10T00:00:00Z") });
    expect(later.renewal).toMatchObject({ state: "overdue", daysOverdue: 9 });
  });
});
