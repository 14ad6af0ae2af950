import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canSee, type AllianceRole, type AllianceViewer, type Visibility } from "@trellis/core";
import { appendEvent } from "./event-log";
import type { Database } from "./open-database";
import { openTestDatabase, testDatabaseKinds } from "./testing";
import { visibleTo } from "./visibility-filter";

const kinds = await testDatabaseKinds();
const seatIds = ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b", "00000000-0000-4000-8000-00000000000c"];
const teamIds = ["00000000-0000-4000-8000-0000000000f1", "00000000-0000-4000-8000-0000000000f2"];
const visibilities: Visibility[] = [
  { level: "alliance" },
  { level: "facilitators" },
  ...seatIds.map((id) => ({ level: "seats" as const, seatIds: [id] })),
  { level: "seats", seatIds: [seatIds[0]!, seatIds[1]!] },
  ...teamIds.map((id) => ({ level: "clean_team" as const, cleanTeamId: id })),
];

describe.each(kinds)("the SQL visibility filter agrees with core's rule on %s", (kind) => {
  let database: Database;
  let allianceId: string;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    allianceId = (await database.db.insertInto("alliances").values({ slug: "vis", name: "Vis" }).returning("id").executeTakeFirstOrThrow()).id;
    for (const visibility of visibilities) {
      await database.db.transaction().execute((trx) =>
        appendEvent(trx, { allianceId, type: "test", actorId: null, seatId: null, visibility, payload: { visibility }, occurredAt: new Date("2026-01-01T00:00:00Z") }),
      );
    }
  });
  afterAll(async () => database?.close());

  it("for every generated viewer (roles x seats x clean teams)", async () => {
    const roles: AllianceRole[] = ["facilitator", "delegate", "member", "observer", "counsel"];
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(roles),
        fc.subarray(seatIds),
        fc.subarray(teamIds),
        async (viewerRoles, viewerSeats, viewerTeams) => {
          const viewer: AllianceViewer = { personId: "p", roles: viewerRoles, seatIds: viewerSeats, cleanTeamIds: viewerTeams };
          const rows = await database.db.selectFrom("events as e").select("e.seq").where("e.alliance_id", "=", allianceId).where(visibleTo(viewer, "e")).orderBy("e.seq").execute();
          const expected = visibilities.map((v, i) => (canSee(viewer, v) ? i + 1 : null)).filter((x) => x !== null);
          expect(rows.map((r) => r.seq)).toEqual(expected);
        },
      ),
      { seed: 20261124, numRuns: 60 },
    );
  });
});
