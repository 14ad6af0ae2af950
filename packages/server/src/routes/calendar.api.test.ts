import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@trellis/db/testing";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";

const kinds = await testDatabaseKinds();

/** Reads a feed with an independent iCalendar parser. */
function parseFeed(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    events: calendar.getAllSubcomponents("vevent").map((v) => {
      const event = new ICAL.Event(v);
      return {
        uid: event.uid,
        summary: event.summary,
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
        status: String(v.getFirstPropertyValue("status")),
        description: event.description ?? "",
        url: String(v.getFirstPropertyValue("url") ?? ""),
      };
    }),
  };
}

async function fetchFeed(url: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

describe.each(kinds)("calendar feeds over HTTP on %s", (kind) => {
  let server: TestServer;
  const now = new Date("2026-10-15T08:00:00Z");
  let jo: ApiClient;
  let berlin = "";
  let newYork = "";
  let berlinCadence = "";
  let newYorkCadence = "";
  let personalUrl = "";
  let personalId = "";
  let allianceUrl = "";
  let meetingId = "";

  const weekly = (time: string, timeZone: string) => ({ kind: "form", repeat: { pattern: "weekly", everyWeeks: 1, weekdays: ["TU"] }, time, timeZone, startOn: "2026-10-01" });

  beforeAll(async () => {
    server = await startTestServer({ kind, clock: () => now });
    jo = new ApiClient(server.url);
    const joId = (await jo.signUp("jo@example.org", "Jo Lindqvist")).id;
    const setUp = async (email: string, name: string, org: string, timeZone: string, role: "delegate" | "member") => {
      const facilitator = new ApiClient(server.url);
      await facilitator.signUp(email, `${name} Facilitator`);
      const alliance = await facilitator.post<{ id: string }>("/api/v1/alliances", { name, hasCompetitors: true });
      const organization = await facilitator.post<{ id: string }>("/api/v1/organizations", { name: org, kind: "company" });
      const seat = await facilitator.post<{ id: string }>(`/api/v1/alliances/${alliance.body.id}/seats`, { organizationId: organization.body.id });
      await facilitator.post(`/api/v1/alliances/${alliance.body.id}/members`, { personId: joId, role, seatId: seat.body.id });
      const cadence = await facilitator.post<{ id: string }>(`/api/v1/alliances/${alliance.body.id}/cadences`, { kind: "tactical_check_in", title: "Weekly sync", durationMinutes: 45, schedule: weekly(timeZone === "Europe/Berlin" ? "15:00" : "10:00", timeZone) });
      expect(cadence.status).toBe(201);
      return { facilitator, allianceId: alliance.body.id, cadenceId: cadence.body.id };
    };
    const b = await setUp("fb@example.org", "Berlin Packaging Pact", "Org Berlin", "Europe/Berlin", "delegate");
    const n = await setUp("fn@example.org", "New York Water Compact", "Org New York", "America/New_York", "member");
    berlin = b.allianceId;
    newYork = n.allianceId;
    berlinCadence = b.cadenceId;
    newYorkCadence = n.cadenceId;
    // A cadence only facilitators may see stays out of Jo's feeds.
    const hidden = await b.facilitator.post(`/api/v1/alliances/${berlin}/cadences`, { kind: "other", title: "Facilitators' prep", durationMinutes: 30, visibility: { level: "facilitators" }, schedule: weekly("09:00", "Europe/Berlin") });
    expect(hidden.status).toBe(201);
    await b.facilitator.post(`/api/v1/alliances/${berlin}/cadences/${berlinCadence}/occurrences/20261103T150000/cancel`, { reason: "Holiday" });
    const meeting = await jo.post<{ id: string }>(`/api/v1/alliances/${berlin}/meetings`, { cadenceId: berlinCadence, occurrenceKey: "20261027T150000" });
    meetingId = meeting.body.id;
    await jo.post(`/api/v1/alliances/${berlin}/meetings/${meetingId}/items`, { title: "Deposit scheme pilot, phase 2" });
  });
  afterAll(async () => server?.close());

  it("gives a person one feed for all their alliances: correct UTC instants across both daylight-saving changes, stable UIDs, cancellations marked", async () => {
    const created = await jo.post<{ id: string; url: string; scope: string }>("/api/v1/calendar-feeds", {});
    expect(created.status).toBe(201);
    expect(created.body.scope).toBe("person");
    expect(created.body.url).toMatch(new RegExp(`^${server.url}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    personalUrl = created.body.url;
    personalId = created.body.id;

    const feed = await fetchFeed(personalUrl);
    expect(feed.status).toBe(200);
    expect(feed.type).toContain("text/calendar");
    const parsed = parseFeed(feed.text);
    expect(parsed.name).toBe("Trellis: Jo Lindqvist");
    const find = (cadenceId: string, key: string) => parsed.events.find((e) => e.uid === `${cadenceId}-${key}@trellis`);
    // Berlin leaves summer time on 25 October, New York on 1 November: 15:00 Berlin and 10:00 New York move in UTC a week apart.
    expect(find(berlinCadence, "20261020T150000")).toMatchObject({ start: "2026-10-20T13:00:00.000Z", end: "2026-10-20T13:45:00.000Z", summary: "Berlin Packaging Pact: Weekly sync", status: "CONFIRMED" });
    expect(find(berlinCadence, "20261027T150000")).toMatchObject({ start: "2026-10-27T14:00:00.000Z", status: "CONFIRMED" });
    expect(find(newYorkCadence, "20261020T100000")).toMatchObject({ start: "2026-10-20T14:00:00.000Z", summary: "New York Water Compact: Weekly sync" });
    expect(find(newYorkCadence, "20261027T100000")).toMatchObject({ start: "2026-10-27T14:00:00.000Z" });
    expect(find(newYorkCadence, "20261103T100000")).toMatchObject({ start: "2026-11-03T15:00:00.000Z" });
    expect(find(berlinCadence, "20261103T150000")).toMatchObject({ start: "2026-11-03T14:00:00.000Z", status: "CANCELLED", summary: "Cancelled: Berlin Packaging Pact: Weekly sync" });
    const withAgenda = find(berlinCadence, "20261027T150000")!;
    expect(withAgenda.description).toContain("1. Deposit scheme pilot, phase 2 (Org Berlin)");
    expect(withAgenda.url).toBe(`${server.url}/alliances/${berlin}/meetings/${meetingId}`);
    expect(parsed.events.some((e) => e.summary.includes("Facilitators' prep"))).toBe(false);
    // Ordered by start, every UID unique, and the same UIDs on the next fetch.
    const starts = parsed.events.map((e) => e.start);
    expect([...starts].sort()).toEqual(starts);
    expect(new Set(parsed.events.map((e) => e.uid)).size).toBe(parsed.events.length);
    const again = parseFeed((await fetchFeed(personalUrl)).text);
    expect(again.events.map((e) => e.uid)).toEqual(parsed.events.map((e) => e.uid));
  });

  it("gives a feed per alliance, refuses alliances the person is not in, and lists feeds without their secrets", async () => {
    const created = await jo.post<{ url: string; scope: string }>("/api/v1/calendar-feeds", { allianceId: newYork });
    expect(created.body.scope).toBe("alliance");
    allianceUrl = created.body.url;
    const parsed = parseFeed((await fetchFeed(allianceUrl)).text);
    expect(parsed.name).toBe("New York Water Compact (Trellis)");
    expect(parsed.events.length).toBeGreaterThan(40);
    expect(parsed.events.every((e) => e.uid.startsWith(newYorkCadence) && e.summary === "Weekly sync")).toBe(true);

    const stranger = new ApiClient(server.url);
    await stranger.signUp("stranger@example.org", "Stranger");
    expect((await stranger.post("/api/v1/calendar-feeds", { allianceId: berlin })).status).toBe(404);
    expect((await stranger.delete(`/api/v1/calendar-feeds/${personalId}`)).status).toBe(404);
    const list = await jo.get<{ items: { id: string; scope: string; allianceName: string | null; lastUsedAt: string | null; revokedAt: string | null }[] }>("/api/v1/calendar-feeds");
    expect(list.body.items.map((f) => [f.scope, f.allianceName, f.revokedAt])).toEqual(
      expect.arrayContaining([
        ["person", null, null],
        ["alliance", "New York Water Compact", null],
      ]),
    );
    expect(JSON.stringify(list.body)).not.toContain("/calendar/");
    expect(list.body.items.find((f) => f.id === personalId)?.lastUsedAt).toBe(now.toISOString());
  });

  it("answers 404 once a feed is revoked, and for unknown or malformed tokens", async () => {
    expect((await jo.delete(`/api/v1/calendar-feeds/${personalId}`)).status).toBe(204);
    expect((await fetchFeed(personalUrl)).status).toBe(404);
    expect((await fetchFeed(allianceUrl)).status).toBe(200);
    expect((await fetchFeed(`${server.url}/calendar/${"A".repeat(43)}.ics`)).status).toBe(404);
    expect((await fetchFeed(`${server.url}/calendar/short.ics`)).status).toBe(404);
    expect((await jo.delete(`/api/v1/calendar-feeds/${personalId}`)).status).toBe(204);
  });
});
