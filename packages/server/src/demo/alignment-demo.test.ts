import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAlliance, importAlliance, type Db } from "@trellis/db";
import { openTestDatabase } from "@trellis/db/testing";
import { capabilityDemoSteps } from "../capabilities";
import type { AlignmentResults } from "../presenters/alignment-results.presenter";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";
import { alignmentDemoStep, demoAlignmentQuestion } from "./alignment-demo";
import { demoFacilitatorEmail, demoPassword, seedDemo } from "./seed-demo";

describe("the demo alliance's alignment map", () => {
  let server: TestServer;
  let jonas: ApiClient;
  let allianceId: string;
  let mapId: string;
  let results: AlignmentResults;

  beforeAll(async () => {
    server = await startTestServer({ kind: "pglite" });
    // Only this capability's step, so the test checks our part of the demo and nothing else's.
    const steps = capabilityDemoSteps.splice(0, capabilityDemoSteps.length);
    try {
      capabilityDemoSteps.push(alignmentDemoStep);
      allianceId = (await seedDemo(server.ctx)).allianceId;
    } finally {
      capabilityDemoSteps.splice(0, capabilityDemoSteps.length, ...steps);
    }
    jonas = new ApiClient(server.url);
    await jonas.signIn("jonas@northwind.example", demoPassword);
    const maps = await jonas.get<{ items: { id: string; question: string; counts: { voters: number; votes: number } }[] }>(`/api/v1/alliances/${allianceId}/alignment-maps`);
    const map = maps.body.items.find((m) => m.question === demoAlignmentQuestion)!;
    mapId = map.id;
    expect(map.counts.voters).toBe(24);
    results = (await jonas.get<AlignmentResults>(`/api/v1/alliances/${allianceId}/alignment-maps/${mapId}/results`)).body;
  }, 240_000);
  afterAll(async () => server?.close());

  it("shows two or three opinion groups from 24 people in six seats, with Jonas's own point marked", () => {
    expect(results).toMatchObject({ status: "ready", isStale: false, voters: 24 });
    expect([2, 3]).toContain(results.k);
    expect(results.points).toHaveLength(24);
    expect(results.points.filter((p) => p.isMe)).toHaveLength(1);
    expect(results.seats.map((s) => s.voters)).toEqual([4, 4, 4, 4, 4, 4]);
    expect(results.groups.every((g) => g.representative.length > 0)).toBe(true);
  });

  it("finds shared ground, an uncertain statement and a divisive one on which two seats diverge", () => {
    expect(results.consensus.agree.map((c) => c.body)).toContain("Shared design standards for recyclable packaging help every member.");
    expect(results.consensus.disagree.map((c) => c.body)).toContain("Recycling is mainly the consumer's responsibility, not the producers'.");
    expect(results.uncertain.map((u) => u.body)).toContain("Chemical recycling should count towards our 2030 target.");
    const volumes = "Each member should publish its packaging volumes by brand every year.";
    expect(results.divisive.map((d) => d.body)).toContain(volumes);
    const pair = results.seatPairs.find((p) => p.seats.map((s) => s.name).sort().join(" / ") === "Northwind Foods / Ocean Guardians")!;
    expect(pair.inDifferentGroups).toBe(true);
    expect(pair.statements[0]).toMatchObject({ body: volumes });
    expect(Math.abs(pair.statements[0]!.difference)).toBeGreaterThanOrEqual(1.5);
    expect(results.seats.filter((s) => s.isSplit).map((s) => s.name)).toContain("Greenfield Beverages");
  });

  it("keeps the rejected statement with the facilitator and dates the story in September 2026", async () => {
    const statements = async (client: ApiClient) =>
      (await client.get<{ items: { body: string; moderation: string }[] }>(`/api/v1/alliances/${allianceId}/alignment-maps/${mapId}/statements?limit=200`)).body.items;
    expect((await statements(jonas)).map((s) => s.moderation).sort()).toEqual([...Array(14).fill("accepted"), "meta"]);
    const mara = new ApiClient(server.url);
    await mara.signIn(demoFacilitatorEmail, demoPassword);
    expect((await statements(mara)).filter((s) => s.moderation === "rejected").map((s) => s.body)).toEqual(["Northwind's multilayer pouches are the real problem here."]);
    const events = await mara.get<{ items: { type: string; occurredAt: string }[] }>(`/api/v1/alliances/${allianceId}/events?type=alignment.&limit=200`);
    expect(events.body.items.every((e) => e.occurredAt >= "2026-09-07" && e.occurredAt < "2026-10-01")).toBe(true);
    expect(events.body.items[0]).toMatchObject({ type: "alignment.recomputed" });
  });

  it("travels in the alliance's archive: an export imported into a fresh database holds the same map", async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    await exportAlliance(server.ctx.db, allianceId, out);
    out.end();
    const fresh = await openTestDatabase("pglite");
    try {
      await importAlliance(fresh.db, Readable.from([Buffer.concat(chunks).toString("utf8")]));
      const counts = async (db: Db) => {
        const tables = ["alignment_maps", "alignment_participants", "alignment_statements", "alignment_votes", "alignment_results"] as const;
        return Promise.all(tables.map(async (t) => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)));
      };
      const here = await counts(server.ctx.db);
      expect(here[3]).toBeGreaterThan(300);
      expect(await counts(fresh.db)).toEqual(here);
    } finally {
      await fresh.close();
    }
  });
});
