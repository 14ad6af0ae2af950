import { Readable, Writable } from "node:stream";
import { exportAlliance, importAlliance, verifyAllianceChain, verifyArchive } from "@trellis/db";
import { openTestDatabase } from "@trellis/db/testing";
import { describe, expect, it } from "vitest";
import { writeSimulatedArchive } from "./write-simulated-archive";

/** Collects what is written into a string. */
function sink(): { out: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString("utf8") };
}

async function simulate(options: Parameters<typeof writeSimulatedArchive>[0]) {
  const { out, text } = sink();
  const result = await writeSimulatedArchive(options, out);
  return { ...result, archive: text() };
}

const lines = (archive: string) => archive.trimEnd().split("\n").map((line) => JSON.parse(line) as { kind: string; type?: string; table?: string; exportedAt?: string });

describe("writeSimulatedArchive", () => {
  it("writes the same bytes for the same options, an archive that verifies, imports and exports back unchanged", async () => {
    const first = await simulate({ scenario: "healthy", months: 2, seed: 11 });
    const second = await simulate({ scenario: "healthy", months: 2, seed: 11 });
    expect(second.archive).toBe(first.archive);
    expect(first.slug).toBe("simulated-healthy-alliance-seed-11");

    const parsed = lines(first.archive);
    expect(parsed[0]?.exportedAt).toBe(new Date(first.simulation.end).toISOString());
    const types = new Set(parsed.filter((l) => l.kind === "event").map((l) => l.type));
    for (const type of [
      "alliance.created",
      "seat.added",
      "person.joined",
      "cadence.created",
      "meeting.opened",
      "agenda_item.added",
      "attendance.recorded",
      "meeting.held",
      "commitment.requested",
      "commitment.promised",
      "commitment.accepted",
      "proposal.created",
      "position.taken",
      "proposal.closed",
      "charter.created",
      "tension.raised",
      "pulse.responded",
      "pulse.closed",
    ]) {
      expect(types, type).toContain(type);
    }
    const tables = new Set(parsed.filter((l) => l.kind === "row").map((l) => l.table));
    for (const table of ["seats", "memberships", "meetings", "meeting_attendance", "commitments", "commitment_moves", "decision_proposals", "decision_positions", "charters", "tensions", "pulses"]) {
      expect(tables, table).toContain(table);
    }

    const check = await verifyArchive(Readable.from([first.archive]));
    expect(check).toMatchObject({ ok: true, count: first.events, allianceId: first.allianceId });

    const database = await openTestDatabase("pglite");
    try {
      const imported = await importAlliance(database.db, Readable.from([first.archive]));
      expect(imported.allianceId).toBe(first.allianceId);
      expect(await verifyAllianceChain(database.db, first.allianceId)).toMatchObject({ ok: true, count: first.events });
      const again = sink();
      await exportAlliance(database.db, first.allianceId, again.out, { now: new Date(first.simulation.end) });
      expect(again.text()).toBe(first.archive);
    } finally {
      await database.close();
    }
  }, 600_000);

  it("gives each simulation its own alliance, while simulations share organizations and people without clashing on import", async () => {
    const a = await simulate({ scenario: "healthy", months: 1, seed: 21 });
    const b = await simulate({ scenario: "healthy", months: 1, seed: 22 });
    expect(a.allianceId).not.toBe(b.allianceId);
    const database = await openTestDatabase("pglite");
    try {
      await importAlliance(database.db, Readable.from([a.archive]));
      await importAlliance(database.db, Readable.from([b.archive]));
      const alliances = await database.db.selectFrom("alliances").select("slug").orderBy("slug").execute();
      expect(alliances.map((x) => x.slug)).toEqual(["simulated-healthy-alliance-seed-21", "simulated-healthy-alliance-seed-22"]);
    } finally {
      await database.close();
    }
  }, 600_000);
});
