import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PassThrough, Readable } from "node:stream";
import type { HealthFact } from "@trellis/core/health";
import { exportAlliance, importAlliance } from "@trellis/db";
import { openTestDatabase } from "@trellis/db/testing";
import { HealthService } from "../health/health-service";
import { loadHealthFacts } from "../health/load-health-facts";
import { startTestServer, type TestServer } from "../testing/test-server";
import { ApiClient } from "../testing/test-server";
import { demoFacilitatorEmail, demoPassword, seedDemo } from "./seed-demo";
import { healthDemoAsOf } from "./health-demo";

interface Health {
  index: number | null;
  activity: { records: number; enough: boolean };
  dynamics: { dynamic: string; value: number | null }[];
  seats: { seatName: string; index: number | null; activity: { enough: boolean } }[];
  alerts: {
    pathology: string;
    title: string;
    status: string;
    onset: string;
    suggestedMove: string | null;
    evidence: { signals: { label: string }[]; records: { recordType: string; path: string; title: string | null }[] } | null;
  }[];
}

describe("the health demo", () => {
  let server: TestServer;
  let allianceId: string;
  let client: ApiClient;
  const now = new Date(healthDemoAsOf);

  beforeAll(async () => {
    // The whole demo: health reads what every other capability's step recorded.
    server = await startTestServer({ kind: "pglite", clock: () => now });
    allianceId = (await seedDemo(server.ctx)).allianceId;
    client = new ApiClient(server.url);
    await client.signIn(demoFacilitatorEmail, demoPassword);
  }, 600_000);
  afterAll(async () => server?.close());

  it("shows a believable health picture with an alert, its evidence and a suggested move", async () => {
    const res = await client.get<Health>(`/api/v1/alliances/${allianceId}/health`);
    expect(res.status).toBe(200);
    const health = res.body;
    expect(health.index).toBeGreaterThanOrEqual(40);
    expect(health.index).toBeLessThanOrEqual(90);
    // A year of the demo's activity: enough for the index to mean something, for the alliance and each seat.
    expect(health.activity.enough).toBe(true);
    expect(health.dynamics.every((d) => d.value !== null)).toBe(true);
    expect(health.seats).toHaveLength(6);
    expect(health.seats.filter((s) => !s.activity.enough).map((s) => s.seatName)).toEqual([]);
    const active = health.alerts.filter((a) => a.status === "active");
    expect(active.length).toBeGreaterThanOrEqual(1);
    for (const alert of active) {
      expect(alert.suggestedMove).toBeTruthy();
      expect(alert.evidence!.signals.length).toBeGreaterThan(0);
      expect(alert.evidence!.records.length).toBeGreaterThan(0);
      for (const record of alert.evidence!.records) expect(record.path.startsWith(`/alliances/${allianceId}/`)).toBe(true);
    }
    // The demo's coalition plans only near-term deliverables: every request is due within the quarter.
    const shortTerm = active.find((a) => a.pathology === "short-termism");
    expect(shortTerm?.evidence?.records[0]).toMatchObject({ recordType: "commitment" });
    expect(shortTerm?.evidence?.records[0]?.title).toBeTruthy();
  });

  it("announced the alerts to the facilitator in the activity and lists them in the portfolio", async () => {
    const activity = await client.get<{ items: { type: string; payload: { pathology?: string } }[] }>(`/api/v1/alliances/${allianceId}/events?type=health.alert_raised`);
    expect(activity.status).toBe(200);
    expect(activity.body.items.map((e) => e.payload.pathology)).toContain("short-termism");
    const portfolio = await client.get<{ items: { allianceId: string; index: number | null; activity: { enough: boolean } | null; openAlerts: { pathology: string }[]; series: unknown[] }[] }>(
      `/api/v1/health/portfolio`,
    );
    const demo = portfolio.body.items.find((i) => i.allianceId === allianceId);
    expect(demo?.activity?.enough).toBe(true);
    expect(demo?.openAlerts.map((a) => a.pathology)).toContain("short-termism");
    expect(demo?.series).toHaveLength(12);
  });

  it("derives health facts from the events the use cases wrote, type by type", async () => {
    const db = server.ctx.db;
    const events = await db.selectFrom("events").select(["seq", "type", "payload", "seat_id"]).where("alliance_id", "=", allianceId).orderBy("seq").execute();
    const { facts } = await loadHealthFacts(db, allianceId);
    const bySeq = new Map<number, HealthFact[]>();
    for (const f of facts) {
      const seq = Number(/^e(\d+)/.exec(f.id)![1]);
      bySeq.set(seq, [...(bySeq.get(seq) ?? []), f]);
    }
    const factsOf = (type: string) => events.filter((e) => e.type === type).map((e) => ({ event: e, payload: e.payload as Record<string, unknown>, facts: bySeq.get(e.seq) ?? [] }));
    const seats = new Set((await db.selectFrom("seats").select("id").where("alliance_id", "=", allianceId).execute()).map((s) => s.id));

    for (const { facts: f } of factsOf("seat.added")) expect(f.map((x) => x.type)).toEqual(["seat.joined"]);
    for (const { payload, facts: f } of factsOf("commitment.requested")) {
      expect(f[0]).toMatchObject({ type: "commitment.requested", recordId: payload.commitmentId, hasConditions: true });
    }
    // A counter-offer accepted makes a promise: the state the move leads to decides.
    const accepted = factsOf("commitment.counter_accepted");
    expect(accepted.length).toBeGreaterThan(0);
    for (const { facts: f } of accepted) expect(f.map((x) => x.type)).toContain("commitment.promised");
    for (const { facts: f } of factsOf("commitment.countered")) expect(f.map((x) => x.type)).not.toContain("commitment.promised");
    for (const type of ["commitment.declined", "commitment.reneged", "commitment.revoked", "commitment.reported", "commitment.accepted", "commitment.cancelled"]) {
      for (const { facts: f } of factsOf(type)) expect(f.map((x) => x.type)).toContain(type);
    }
    // The first answer to each request carries its request time (responsiveness).
    const answered = facts.filter((f) => f.type === "commitment.answered");
    expect(new Set(answered.map((f) => f.recordId)).size).toBe(answered.length);
    expect(answered.length).toBeGreaterThanOrEqual(factsOf("commitment.promised").length);

    // Meetings: scheduled and held, with the seats recorded present.
    for (const { payload, facts: f } of factsOf("meeting.held")) {
      const held = f.find((x) => x.type === "meeting.held");
      const present = await db.selectFrom("meeting_attendance").select("seat_id").distinct().where("meeting_id", "=", payload.meetingId as string).where("status", "in", ["present", "left"]).execute();
      expect(held && held.type === "meeting.held" ? [...held.attendingSeatIds].sort() : null).toEqual(present.flatMap((r) => (r.seat_id ? [r.seat_id] : [])).sort());
      expect(f.map((x) => x.type)).toEqual(["meeting.scheduled", "meeting.held"]);
    }
    for (const { facts: f } of factsOf("occurrence.cancelled")) expect(f.map((x) => x.type)).toEqual(["meeting.scheduled"]);
    for (const { event, facts: f } of factsOf("agenda_item.added")) {
      if (event.seat_id) expect(f[0]).toMatchObject({ type: "agenda.item_added", seatId: event.seat_id });
    }
    // Decisions: positions with stances, closes with the seats that took part.
    for (const { facts: f } of factsOf("position.taken")) for (const x of f) expect(x.type === "position.taken" && ["agree", "abstain", "disagree", "block", "objection"].includes(x.stance)).toBe(true);
    for (const { facts: f } of factsOf("proposal.closed")) {
      for (const x of f) if (x.type === "proposal.closed") expect(x.seatsPositioned).toBeLessThanOrEqual(x.seatsEligible);
    }
    for (const { payload, facts: f } of factsOf("charter.amended")) expect(f[0]).toMatchObject({ seatId: payload.proposerSeatId });
    // Registers.
    for (const { facts: f } of [...factsOf("tension.resolved"), ...factsOf("tension.reframed")]) expect(f.map((x) => x.type)).toEqual(["tension.resolved"]);
    for (const { payload, facts: f } of factsOf("tension.raised")) expect(f[0]).toMatchObject({ type: "tension.raised", anonymous: payload.anonymous === true });
    for (const { facts: f } of [...factsOf("assumption.tested"), ...factsOf("assumption.invalidated")]) expect(f.map((x) => x.type)).toEqual(["assumption.tested"]);
    for (const { facts: f } of factsOf("breakdown.named")) expect(f.map((x) => x.type)).toEqual(["breakdown.named"]);
    // Pulses: only per-seat aggregates of at least k respondents, never single answers.
    const k = (await db.selectFrom("pulse_settings").select("min_group_size").where("alliance_id", "=", allianceId).executeTakeFirst())?.min_group_size ?? 5;
    const aggregates = facts.filter((f) => f.type === "pulse.response_aggregate");
    expect(aggregates.length).toBeGreaterThan(0);
    for (const a of aggregates) {
      if (a.type !== "pulse.response_aggregate") continue;
      expect(a.respondents).toBeGreaterThanOrEqual(k);
      expect(a.mean).toBeGreaterThanOrEqual(0);
      expect(a.mean).toBeLessThanOrEqual(1);
      expect(seats.has(a.seatId)).toBe(true);
    }
    for (const { facts: f } of factsOf("pulse.responded")) expect(f).toEqual([]);
    // Every fact names a seat of this alliance where it names one.
    for (const f of facts) if ("seatId" in f && f.seatId) expect(seats.has(f.seatId)).toBe(true);
    // Health's own events feed nothing back.
    for (const { facts: f } of factsOf("health.alert_raised")) expect(f).toEqual([]);
  });

  it("travels in an archive with its alerts, which an import does not raise again", async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    await exportAlliance(server.ctx.db, allianceId, out, { now });
    out.end();
    const target = await openTestDatabase("pglite");
    try {
      const result = await importAlliance(target.db, Readable.from([Buffer.concat(chunks).toString("utf8")]));
      expect(result.check).toMatchObject({ ok: true });
      const keys = async (db: typeof target.db) => (await db.selectFrom("health_alerts").select(["alert_key", "status"]).where("alliance_id", "=", allianceId).orderBy("alert_key").execute()).map((r) => `${r.alert_key} ${r.status}`);
      const raised = async (db: typeof target.db) => Number((await db.selectFrom("events").select((eb) => eb.fn.countAll<number>().as("n")).where("alliance_id", "=", allianceId).where("type", "=", "health.alert_raised").executeTakeFirstOrThrow()).n);
      expect(await keys(target.db)).toEqual(await keys(server.ctx.db));
      const before = await raised(target.db);
      const { report } = await new HealthService({ ...server.ctx, db: target.db, database: target }).refresh(allianceId, now);
      expect(report.alerts.length).toBeGreaterThan(0);
      expect(await raised(target.db)).toBe(before);
      expect(await keys(target.db)).toEqual(await keys(server.ctx.db));
    } finally {
      await target.close();
    }
  });
});
