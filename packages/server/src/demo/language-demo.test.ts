import { PassThrough, Readable } from "node:stream";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allianceTables, exportAlliance, importAlliance, verifyAllianceChain, type Db } from "@trellis/db";
import { openTestDatabase } from "@trellis/db/testing";
import { capabilityDemoSteps } from "../capabilities";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";
import { languageDemoStep } from "./language-demo";
import { demoFacilitatorEmail, demoPassword, seedDemo } from "./seed-demo";

type Answer = { status: "hidden" | "shown"; respondents?: number };
interface Results {
  responseRate: { respondents: number; invited: number };
  results: { items: { item: { id: string; directional: boolean }; overall: Answer; bySeat: { seat: { name: string }; answer: Answer }[] }[] };
}

/** The language and presence part of the demo, on the base demo alliance (the other capabilities' steps left out). */
describe("the language and presence demo", () => {
  let server: TestServer;
  let facilitator: ApiClient;
  let url: string;

  beforeAll(async () => {
    server = await startTestServer({ kind: "pglite", clock: () => new Date("2026-11-24T09:00:00Z") });
    const others = capabilityDemoSteps.splice(0, capabilityDemoSteps.length, languageDemoStep);
    try {
      const { allianceId } = await seedDemo(server.ctx);
      url = `/api/v1/alliances/${allianceId}`;
    } finally {
      capabilityDemoSteps.splice(0, capabilityDemoSteps.length, ...others);
    }
    facilitator = new ApiClient(server.url);
    await facilitator.signIn(demoFacilitatorEmail, demoPassword);
  }, 300_000);
  afterAll(async () => server?.close());

  it("has breakdowns, tensions (one anonymous), assumptions of every status and learnings", async () => {
    const breakdowns = await facilitator.get<{ items: { status: string; closure: { kind: string } | null }[] }>(`${url}/breakdowns`);
    expect(breakdowns.body.items.map((b) => b.status).sort()).toEqual(["closed", "in_discussion", "in_discussion"]);
    expect(breakdowns.body.items.find((b) => b.status === "closed")!.closure).toMatchObject({ kind: "reinterpretation" });
    const tensions = await facilitator.get<{ items: { anonymous: boolean; status: string; ageDays: number; raisedBy?: unknown }[] }>(`${url}/tensions`);
    expect(tensions.body.items.map((t) => t.status).sort()).toEqual(["raised", "reframed", "in_dialogue"].sort());
    const anonymous = tensions.body.items.filter((t) => t.anonymous);
    expect(anonymous).toHaveLength(1);
    expect(anonymous[0]).not.toHaveProperty("raisedBy");
    expect(anonymous[0]!.ageDays).toBe(63);
    const assumptions = await facilitator.get<{ items: { status: string }[] }>(`${url}/assumptions`);
    expect(assumptions.body.items.map((a) => a.status).sort()).toEqual(["holding", "invalidated", "untested"]);
    const learnings = await facilitator.get<{ items: unknown[] }>(`${url}/learnings`);
    expect(learnings.body.items).toHaveLength(2);
  });

  it("has three closed pulses whose results show overall and for the brands' seats, and hide the small seats", async () => {
    const pulses = await facilitator.get<{ items: { id: string; status: string; responseRate: { respondents: number } }[] }>(`${url}/pulses`);
    expect(pulses.body.items.map((p) => p.status)).toEqual(["closed", "closed", "closed"]);
    for (const pulse of pulses.body.items) {
      expect(pulse.responseRate.respondents).toBeGreaterThanOrEqual(13);
      const results = await facilitator.get<Results>(`${url}/pulses/${pulse.id}/results`);
      const candor = results.body.results.items.find((item) => !item.item.directional && item.item.id.startsWith("candor"))!;
      expect(candor.overall.status).toBe("shown");
      const bySeat = Object.fromEntries(candor.bySeat.map((row) => [row.seat.name, row.answer.status]));
      expect(bySeat).toMatchObject({ "Northwind Foods": "shown", "Greenfield Beverages": "shown", "Ocean Guardians": "hidden", "Rivermouth Waste Agency": "hidden" });
    }
    const trend = await facilitator.get<{ points: { answer: Answer | null }[]; change: number | null }>(`${url}/pulse-results/trend?dynamic=candor`);
    expect(trend.body.points.map((point) => point.answer?.status)).toEqual(["shown", "shown", "shown"]);
    expect(trend.body.change).toBeGreaterThan(0);
  });

  it("tells its story without naming the anonymous author, on a chain that verifies", async () => {
    const story = await facilitator.get<{ entries: { headline: string; at: string }[] }>(`${url}/story?dynamics=candor`);
    expect(story.body.entries.map((entry) => entry.headline)).toContain(
      "A tension was raised toward Greenfield Beverages (anonymous): 'Greenfield brings decisions to the steering meeting that were already settled with Polyme…'",
    );
    expect(JSON.stringify(story.body)).not.toContain("Lea Fischer");
    expect(story.body.entries.every((entry) => entry.at >= "2026-06-01" && entry.at < "2026-12-01")).toBe(true);
    const { allianceId } = (await server.ctx.db.selectFrom("alliances").select("id as allianceId").executeTakeFirstOrThrow());
    expect(await verifyAllianceChain(server.ctx.db, allianceId)).toMatchObject({ ok: true });
  });

  it("travels in the full archive: export, import into a fresh database, the same rows", async () => {
    const { allianceId } = await server.ctx.db.selectFrom("alliances").select("id as allianceId").executeTakeFirstOrThrow();
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    await exportAlliance(server.ctx.db, allianceId, out, { now: new Date("2026-11-24T09:00:00Z") });
    out.end();
    const archive = Buffer.concat(chunks).toString("utf8");
    const tables = archive.split("\n").filter(Boolean).map((line) => JSON.parse(line) as { kind: string; table?: string }).filter((line) => line.kind === "row").map((line) => line.table);
    expect(tables.indexOf("pulse_answers")).toBeGreaterThan(tables.indexOf("pulses"));
    const registered = allianceTables.map((entry) => entry.table);
    expect(registered.indexOf("tension_disclosures")).toBeGreaterThan(registered.indexOf("tensions"));
    const fresh = await openTestDatabase("pglite");
    try {
      const imported = await importAlliance(fresh.db, Readable.from([archive]));
      expect(imported.check).toMatchObject({ ok: true });
      const count = async (db: Db, table: string) =>
        Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0);
      for (const table of ["breakdowns", "tensions", "assumptions", "learnings", "register_comments", "register_links", "pulses", "pulse_respondents", "pulse_answers", "pulse_cadences"]) {
        expect(await count(fresh.db, table), table).toBe(await count(server.ctx.db, table));
        expect(await count(fresh.db, table), table).toBeGreaterThan(0);
      }
    } finally {
      await fresh.close();
    }
  });
});
