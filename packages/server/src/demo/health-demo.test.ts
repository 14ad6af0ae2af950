import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server";
import { ApiClient } from "../testing/test-server";
import { demoFacilitatorEmail, demoPassword, seedDemo } from "./seed-demo";
import { healthDemoAsOf } from "./health-demo";

interface Health {
  index: number | null;
  dynamics: { dynamic: string; value: number | null }[];
  seats: { seatName: string; index: number | null }[];
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
    expect(health.dynamics.every((d) => d.value !== null)).toBe(true);
    expect(health.seats).toHaveLength(6);
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
    const portfolio = await client.get<{ items: { allianceId: string; index: number | null; openAlerts: { pathology: string }[]; series: unknown[] }[] }>(`/api/v1/health/portfolio`);
    const demo = portfolio.body.items.find((i) => i.allianceId === allianceId);
    expect(demo?.openAlerts.map((a) => a.pathology)).toContain("short-termism");
    expect(demo?.series).toHaveLength(12);
  });
});
