import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIN_HEALTH_RECORDS } from "@trellis/core/health";
import { testDatabaseKinds } from "@trellis/db/testing";
import { computeAllianceHealth } from "../health/compute-alliance-health";
import { healthServiceFor } from "../health/health-service";
import { refreshStaleHealth } from "../jobs/health-refresh";
import { startTestServer, type TestServer } from "../testing/test-server";
import { buildLanguageAlliance, type LanguageAlliance } from "./language.test-support";

const kinds = await testDatabaseKinds();
const DAY = 86_400_000;

interface Alert {
  id: string;
  seatId: string | null;
  seatName: string | null;
  key: string;
  pathology: string;
  status: string;
  onset: string;
  resolvedAt: string | null;
  suggestedMove: string | null;
  evidence: { signals: { id: string }[]; records: { recordType: string; recordId: string; factType: string; path: string; title: string | null }[] } | null;
}
interface Activity {
  records: number;
  enough: boolean;
}
interface Health {
  index: number | null;
  activity: Activity;
  lastSeq: number;
  dynamics: { dynamic: string; value: number | null; signals: { id: string; value: number | null }[] }[];
  seats: { seatId: string; seatName: string; index: number | null; activity: Activity; signals: unknown[] | null }[];
  perceptionGap: { dynamic: string; seats: unknown[] | null }[];
  alerts: Alert[];
  viewer: { isFacilitator: boolean };
}
interface Explanation {
  dynamic: string;
  value: number | null;
  signals: { signal: { id: string; value: number | null }; contribution: number | null; records: { recordType: string; path: string; factType: string }[]; totalRecords: number }[];
}
interface Portfolio {
  items: { allianceId: string; name: string; index: number | null; activity: Activity | null; series: { weekEnd: string; index: number | null }[]; openAlerts: { pathology: string }[]; stalledLoops: number; stale: boolean }[];
  nextCursor: string | null;
  total: number;
}

describe.each(kinds)("the health API on %s", (kind) => {
  let server: TestServer;
  let now = new Date("2026-06-01T09:00:00Z");
  let a: LanguageAlliance;
  let url: string;
  let requestNumber = 0;

  /** Ana (seat A) asks Dov (seat B) or Fay (seat C) for something due `dueInDays` later; the performer promises at once. */
  const request = async (dueInDays: number) => {
    const performer = requestNumber % 2 === 0 ? a.dovDelegateB : a.fayDelegateC;
    requestNumber++;
    const created = await a.anaDelegateA.client.post<{ id: string; version: number }>(`${url}/commitments`, {
      opening: "request",
      title: `Sorting data batch ${requestNumber}`,
      conditions: "The batch is in the shared folder, cleaned.",
      dueAt: new Date(now.getTime() + dueInDays * DAY).toISOString(),
      timeZone: "Europe/Berlin",
      counterpart: { personId: performer.id },
    });
    expect(created.status).toBe(201);
    const promised = await performer.client.post(`${url}/commitments/${created.body.id}/moves`, { move: "promise", version: created.body.version });
    expect(promised.status).toBe(200);
  };

  /** Moves the clock; sessions do not outlive long jumps, so everyone signs in again. */
  const tick = async (days: number) => {
    now = new Date(now.getTime() + days * DAY);
    for (const m of [a.facilitator, a.anaDelegateA, a.dovDelegateB, a.fayDelegateC]) await m.client.signIn(m.email);
  };

  const events = async (type: string) =>
    (await server.ctx.db.selectFrom("events").select(["seq", "payload", "visibility"]).where("alliance_id", "=", a.allianceId).where("type", "=", type).orderBy("seq").execute()).map((e) => ({
      seq: e.seq,
      visibility: e.visibility,
      payload: e.payload as Record<string, unknown>,
    }));

  beforeAll(async () => {
    server = await startTestServer({ kind, clock: () => now });
    a = await buildLanguageAlliance(server, `health-${kind}`);
    url = `/api/v1/alliances/${a.allianceId}`;
    // Ten weeks of short-horizon requests only: the alliance never plans beyond the next quarter.
    for (let week = 0; week < 10; week++) {
      for (let i = 0; i < 3; i++) await request(14);
      await tick(7);
    }
  }, 180_000);
  afterAll(async () => server?.close());

  it("shows the index, sub-indices with signals, per-seat scores and a short-termism alert with its evidence", async () => {
    const res = await a.facilitator.client.get<Health>(`${url}/health`);
    expect(res.status).toBe(200);
    const health = res.body;
    expect(health.viewer.isFacilitator).toBe(true);
    expect(health.index).toBeGreaterThan(0);
    // Thirty requests, each promised: enough activity behind the index, and behind each seat's.
    expect(health.activity.records).toBeGreaterThanOrEqual(MIN_HEALTH_RECORDS);
    expect(health.activity.enough).toBe(true);
    expect(health.seats.map((s) => s.activity.enough)).toEqual([true, true, true]);
    expect(health.dynamics.map((d) => d.dynamic)).toEqual(["rhythm", "language", "presence", "authorship", "trust", "candor"]);
    const authorship = health.dynamics.find((d) => d.dynamic === "authorship")!;
    expect(authorship.signals.find((s) => s.id === "authorship.request_equity")?.value).toBeLessThan(0.5);
    expect(health.seats.map((s) => s.seatName).sort()).toEqual(Object.values(a.seatNames).sort());
    expect(health.seats.every((s) => Array.isArray(s.signals))).toBe(true);
    const alert = health.alerts.find((x) => x.pathology === "short-termism");
    expect(alert?.status).toBe("active");
    expect(alert?.suggestedMove).toMatch(/beyond the next quarter/);
    expect(alert?.evidence?.signals.map((s) => s.id)).toContain("rhythm.days_since_long_horizon");
    const record = alert!.evidence!.records[0]!;
    expect(record).toMatchObject({ recordType: "commitment", factType: "commitment.requested" });
    expect(record.path).toBe(`/alliances/${a.allianceId}/commitments/${record.recordId}`);
    expect(record.title).toMatch(/^Sorting data batch/);
    // Seat A authors every request: a one-sided alliance naming seat A.
    const oneSided = health.alerts.find((x) => x.pathology === "one-sided");
    expect(oneSided).toMatchObject({ status: "active", seatId: a.seats.a, seatName: a.seatNames.a });
    // Each raised once, announced to facilitators only.
    const raised = await events("health.alert_raised");
    expect(raised.map((e) => e.payload.pathology).sort()).toEqual(["one-sided", "short-termism"]);
    expect(raised.find((e) => e.payload.pathology === "short-termism")).toMatchObject({ visibility: "facilitators", payload: { alertId: alert!.id } });
  });

  it("lets partners see the alliance's health without alert evidence, moves or other seats' signals", async () => {
    const res = await a.dovDelegateB.client.get<Health>(`${url}/health`);
    expect(res.status).toBe(200);
    expect(res.body.viewer.isFacilitator).toBe(false);
    const alert = res.body.alerts.find((x) => x.pathology === "short-termism");
    expect(alert).toMatchObject({ status: "active", suggestedMove: null, evidence: null });
    for (const seat of res.body.seats) expect(seat.signals === null).toBe(seat.seatId !== a.seats.b);
    expect(res.body.perceptionGap.every((g) => g.seats === null)).toBe(true);
    expect((await a.dovDelegateB.client.get(`${url}/health/explain?dynamic=trust&seatId=${a.seats.b}`)).status).toBe(200);
    expect((await a.dovDelegateB.client.get(`${url}/health/explain?dynamic=trust&seatId=${a.seats.c}`)).status).toBe(403);
    // Partners do not see the alert events in the activity.
    const activity = await a.dovDelegateB.client.get<{ items: { type: string }[] }>(`${url}/events?limit=200`);
    expect(activity.body.items.some((e) => e.type.startsWith("health."))).toBe(false);
  });

  it("explains a sub-index and a signal with the records behind them", async () => {
    const res = await a.facilitator.client.get<Explanation>(`${url}/health/explain?dynamic=authorship`);
    expect(res.status).toBe(200);
    const equity = res.body.signals.find((s) => s.signal.id === "authorship.request_equity")!;
    expect(equity.totalRecords).toBeGreaterThan(0);
    expect(equity.records[0]).toMatchObject({ recordType: "commitment", factType: "commitment.requested" });
    expect(equity.contribution).not.toBeNull();

    const signal = await a.facilitator.client.get<Explanation>(`${url}/health/explain?signal=trust.promise_keeping&seatId=${a.seats.b}`);
    expect(signal.status).toBe(200);
    expect(signal.body.dynamic).toBe("trust");
    expect(signal.body.signals).toHaveLength(1);

    expect((await a.facilitator.client.get(`${url}/health/explain`)).status).toBe(400);
    expect((await a.facilitator.client.get(`${url}/health/explain?dynamic=trust&signal=trust.promise_keeping`)).status).toBe(400);
    expect((await a.facilitator.client.get(`${url}/health/explain?signal=nothing.such`)).status).toBe(404);
    expect((await a.facilitator.client.get(`${url}/health/explain?dynamic=trust&seatId=00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it("gives weekly history for trends", async () => {
    const res = await a.facilitator.client.get<{ weeks: { weekEnd: string; index: number | null; activeAlerts: number }[] }>(`${url}/health/history?weeks=8`);
    expect(res.status).toBe(200);
    expect(res.body.weeks).toHaveLength(8);
    expect(res.body.weeks.at(-1)!.activeAlerts).toBe(2);
    expect(res.body.weeks[0]!.activeAlerts).toBe(0);
    expect(new Date(`${res.body.weeks[0]!.weekEnd}T00:00:00Z`).getUTCDay()).toBe(0);
    // Each week says how much activity its index rests on: none before the first request.
    const longer = await a.facilitator.client.get<{ weeks: { weekEnd: string; index: number | null; activity: Activity }[] }>(`${url}/health/history?weeks=12`);
    expect(longer.body.weeks[0]!.activity).toEqual({ records: 0, enough: false });
    expect(longer.body.weeks.at(-1)!.activity.enough).toBe(true);
    const seat = await a.facilitator.client.get<{ weeks: { activity: Activity }[] }>(`${url}/health/history?weeks=2&seatId=${a.seats.a}`);
    expect(seat.body.weeks.at(-1)!.activity.enough).toBe(true);
  });

  it("keeps the alert while the evidence holds and resolves it once when it clears, without storms", async () => {
    for (let week = 0; week < 2; week++) {
      await tick(7);
      await request(14);
      expect((await a.facilitator.client.get(`${url}/health`)).status).toBe(200);
    }
    expect(await events("health.alert_raised")).toHaveLength(2);
    // A commitment beyond the next quarter clears the evidence; the alert resolves after the clearing checks.
    await request(200);
    for (let week = 0; week < 5; week++) {
      await tick(7);
      expect((await a.facilitator.client.get(`${url}/health`)).status).toBe(200);
      expect((await a.facilitator.client.get(`${url}/health`)).status).toBe(200);
    }
    const health = (await a.facilitator.client.get<Health>(`${url}/health`)).body;
    const alert = health.alerts.find((x) => x.pathology === "short-termism")!;
    expect(alert.status).toBe("resolved");
    expect(alert.resolvedAt).not.toBeNull();
    expect(await events("health.alert_raised")).toHaveLength(2);
    const resolved = await events("health.alert_resolved");
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.payload).toMatchObject({ alertId: alert.id, pathology: "short-termism" });
    const stored = await server.ctx.db.selectFrom("health_alerts").select(["pathology", "status", "version"]).where("alliance_id", "=", a.allianceId).orderBy("pathology").execute();
    expect(stored.map((r) => [r.pathology, r.status])).toEqual([
      ["one-sided", "active"],
      ["short-termism", "resolved"],
    ]);
    expect(stored.every((r) => r.version > 1)).toBe(true);
  });

  it("computes the same report incrementally as fully from the log", async () => {
    const service = healthServiceFor(server.ctx);
    const incremental = (await service.refresh(a.allianceId, now, { store: false })).report;
    const full = (await computeAllianceHealth(server.ctx.db, a.allianceId, now)).report;
    expect(incremental).toEqual(full);
    service.forget(a.allianceId);
    const cold = (await service.refresh(a.allianceId, now, { store: false })).report;
    expect(cold).toEqual(full);
  });

  it("lists the alliances a facilitator facilitates in the portfolio, sortable and paginated", async () => {
    const second = await buildLanguageAlliance(server, `health2-${kind}`);
    expect(await refreshStaleHealth(server.ctx, now)).toBeGreaterThanOrEqual(1);
    const mine = await a.facilitator.client.get<Portfolio>(`/api/v1/health/portfolio`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i) => i.allianceId)).toEqual([a.allianceId]);
    const item = mine.body.items[0]!;
    expect(item.series.length).toBe(12);
    expect(item.stale).toBe(false);
    expect(item.stalledLoops).toBeGreaterThan(0);
    // The other facilitator's portfolio, one per page.
    const other = second.facilitator.client;
    const page1 = await other.get<Portfolio>(`/api/v1/health/portfolio?sort=name&limit=1`);
    expect(page1.body.total).toBe(1);
    expect(page1.body.items[0]?.allianceId).toBe(second.allianceId);
    expect(item.activity?.enough).toBe(true);
    // Nothing happened in the second alliance yet: an index, but no activity behind it.
    expect(page1.body.items[0]?.activity).toEqual({ records: 0, enough: false });
    expect(page1.body.nextCursor).toBeNull();
    expect(item.openAlerts.map((x) => x.pathology)).toEqual(["one-sided"]);
    expect((await a.facilitator.client.get<Portfolio>(`/api/v1/health/portfolio?pathology=one-sided`)).body.total).toBe(1);
    expect((await a.facilitator.client.get<Portfolio>(`/api/v1/health/portfolio?hasAlerts=false`)).body.total).toBe(0);
    expect((await a.facilitator.client.get<Portfolio>(`/api/v1/health/portfolio?q=nothing-like-this`)).body.total).toBe(0);
    // Partners facilitate nothing.
    expect((await a.dovDelegateB.client.get<Portfolio>(`/api/v1/health/portfolio`)).body.items).toEqual([]);
    expect((await a.facilitator.client.get(`/api/v1/health/portfolio?cursor=bad`)).status).toBe(400);
    expect((await a.facilitator.client.get(`/api/v1/health/portfolio?sort=size`)).status).toBe(400);
  });

  it("puts alliances with too little activity behind their index after the scored ones when sorting by index", async () => {
    const quiet = await a.facilitator.client.post<{ id: string }>("/api/v1/alliances", { name: `health-quiet-${kind} Water Alliance`, purpose: "Share water data." });
    expect(quiet.status).toBe(201);
    await refreshStaleHealth(server.ctx, now);
    for (const order of ["asc", "desc"]) {
      const res = await a.facilitator.client.get<Portfolio>(`/api/v1/health/portfolio?sort=index&order=${order}`);
      expect(res.body.items.map((i) => i.allianceId), order).toEqual([a.allianceId, quiet.body.id]);
      const last = res.body.items[1]!;
      expect(last.index).not.toBeNull();
      expect(last.activity).toEqual({ records: 0, enough: false });
    }
  });

  it("documents its routes in the OpenAPI document", async () => {
    const doc = await a.facilitator.client.get<{ paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> }>("/api/openapi.json");
    expect(doc.status).toBe(200);
    for (const path of ["/api/v1/alliances/{id}/health", "/api/v1/alliances/{id}/health/explain", "/api/v1/alliances/{id}/health/history", "/api/v1/health/portfolio"]) {
      expect(doc.body.paths[path]?.get?.responses, path).toBeDefined();
    }
  });

  it("answers 404 for an alliance the person is not in", async () => {
    const second = await buildLanguageAlliance(server, `health3-${kind}`);
    expect((await second.facilitator.client.get(`${url}/health`)).status).toBe(404);
    expect((await second.facilitator.client.get(`${url}/health/history`)).status).toBe(404);
  });
});
