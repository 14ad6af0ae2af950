import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes } from "@trellis/core";
import { routeRegistry } from "../http/route";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";

/**
 * A digest of every table, so a test can tell whether a request changed stored data. Job leases
 * are left out: the server's scheduled jobs take them on their own timers during a long run.
 */
async function digest(server: TestServer): Promise<string> {
  const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public' and tablename <> 'job_leases' order by tablename`.execute(server.ctx.db);
  const parts: string[] = [];
  for (const { tablename } of tables.rows) {
    const row = await sql<{ d: string | null }>`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as d from ${sql.table(tablename)} t`.execute(server.ctx.db);
    parts.push(`${tablename}:${row.rows[0]?.d}`);
  }
  return parts.join("|");
}

// The house's bad-input test reaches rhythm routes with ids of other records only; this one aims
// generated requests at real cadences, occurrences, meetings, items and people, as a facilitator
// (who passes the policies and so reaches the rules), in every state a meeting goes through.
describe("bad requests to the rhythm routes, aimed at real records", () => {
  let server: TestServer;
  let facilitator: ApiClient;
  const ids: string[] = [];
  const now = new Date("2026-11-20T09:00:00Z");

  beforeAll(async () => {
    // No scheduled jobs: their bookkeeping would read as a failed request changing data.
    server = await startTestServer({ kind: "pglite", clock: () => now, jobs: false });
    facilitator = new ApiClient(server.url);
    const me = await facilitator.signUp("mara@example.org", "Mara");
    const delegate = new ApiClient(server.url);
    const other = await delegate.signUp("dee@example.org", "Dee");
    const alliance = await facilitator.post<{ id: string }>("/api/v1/alliances", { name: "Property Alliance", hasCompetitors: true });
    const a = alliance.body.id;
    const org = await facilitator.post<{ id: string }>("/api/v1/organizations", { name: "Org P", kind: "company" });
    const seat = await facilitator.post<{ id: string }>(`/api/v1/alliances/${a}/seats`, { organizationId: org.body.id });
    await facilitator.post(`/api/v1/alliances/${a}/members`, { personId: other.id, role: "delegate", seatId: seat.body.id });
    const cadence = await facilitator.post<{ id: string }>(`/api/v1/alliances/${a}/cadences`, {
      kind: "tactical_check_in",
      title: "Weekly",
      durationMinutes: 30,
      schedule: { kind: "form", repeat: { pattern: "weekly", everyWeeks: 1, weekdays: ["TU"] }, time: "15:00", timeZone: "Europe/Berlin", startOn: "2026-11-01" },
    });
    const c = cadence.body.id;
    const open = async (key: string) => (await facilitator.post<{ id: string }>(`/api/v1/alliances/${a}/meetings`, { cadenceId: c, occurrenceKey: key })).body.id;
    const scheduled = await open("20261124T150000");
    const running = await open("20261201T150000");
    const closed = await open("20261208T150000");
    const item1 = (await delegate.post<{ createdId: string }>(`/api/v1/alliances/${a}/meetings/${scheduled}/items`, { title: "Item one" })).body.createdId;
    const item2 = (await facilitator.post<{ createdId: string }>(`/api/v1/alliances/${a}/meetings/${running}/items`, { title: "Item two" })).body.createdId;
    await facilitator.post(`/api/v1/alliances/${a}/meetings/${running}/start`);
    await facilitator.post(`/api/v1/alliances/${a}/meetings/${closed}/start`);
    await facilitator.post(`/api/v1/alliances/${a}/meetings/${closed}/acknowledgements`);
    const outcome = (await facilitator.post<{ createdId: string }>(`/api/v1/alliances/${a}/meetings/${closed}/outcomes`, { kind: "note", text: "Noted" })).body.createdId;
    await facilitator.post(`/api/v1/alliances/${a}/meetings/${closed}/close`, {});
    const feed = (await facilitator.post<{ id: string }>("/api/v1/calendar-feeds", {})).body.id;
    ids.push(a, c, scheduled, running, closed, item1, item2, outcome, me.id, other.id, seat.body.id, feed);
  });
  afterAll(async () => server?.close());

  it("never answer 5xx, always carry a stable code, and change nothing when they fail", async () => {
    const routes = routeRegistry.filter((r) => !r.produces && (r.tags.includes("rhythm") || r.url.includes("calendar")));
    expect(routes.length).toBeGreaterThan(30);
    const alliance = ids[0]!;
    const pathValue = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...ids) },
      { weight: 2, arbitrary: fc.constantFrom("20261124T150000", "20261201T150000", "20261125T150000", "20269999T990000", "1", "0", "2") },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s) || "x") },
    );
    const weekday = fc.constantFrom("MO", "TU", "XX", 3);
    const schedule = fc.oneof(
      fc.record({ kind: fc.constant("form"), repeat: fc.oneof(fc.record({ pattern: fc.constant("weekly"), everyWeeks: fc.integer({ min: -2, max: 60 }), weekdays: fc.array(weekday, { maxLength: 3 }) }), fc.record({ pattern: fc.constantFrom("monthly_weekday", "quarterly_weekday", "monthly_day", "yearly"), nth: fc.integer({ min: -3, max: 7 }), weekday, everyMonths: fc.integer({ min: 0, max: 30 }), day: fc.integer({ min: -2, max: 40 }), everyYears: fc.integer({ min: 0, max: 12 }) })), time: fc.constantFrom("15:00", "25:00", "9"), timeZone: fc.constantFrom("Europe/Berlin", "Nowhere/Else", ""), startOn: fc.constantFrom("2026-12-01", "2026-02-30", "x") }),
      fc.record({ kind: fc.constant("rrule"), rrule: fc.constantFrom("FREQ=WEEKLY;BYDAY=TU", "FREQ=DAILY;COUNT=99999", "FREQ=YEARLY;BYMONTH=13", "FREQ=MONTHLY;BYDAY=5FR", "FREQ=SECONDLY", "", "FREQ=WEEKLY;UNTIL=20260101T000000Z"), dtstart: fc.constantFrom("2026-12-01T15:00", "2026-12-02T15:00", "2026-13-01T15:00"), timeZone: fc.constantFrom("Europe/Berlin", "UTC", "Bad/Zone") }),
    );
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...ids), fc.integer({ min: -5, max: 100000 }), fc.constantFrom("present", "left", "commitment", "note", "proposal", "closed", null, "", "x".repeat(3000)), schedule);
    const keys = [
      "version", "title", "description", "kind", "schedule", "durationMinutes", "agendaCutoffMinutes", "expectedSeatIds", "visibility", "archived", "reason", "cadenceId", "occurrenceKey",
      "seatId", "notes", "items", "status", "itemId", "text", "linkedRecordId", "rating", "summary", "allianceId", "count", "timeZone",
    ] as const;
    const body = fc.oneof(
      fc.dictionary(fc.constantFrom(...keys), value).map((v) => JSON.stringify(v)),
      fc.record({ version: fc.integer({ min: 1, max: 6 }), items: fc.array(fc.record({ id: fc.constantFrom(...ids), durationMinutes: fc.oneof(fc.integer({ min: -1, max: 500 }), fc.constant(null)) }), { maxLength: 3 }) }).map((v) => JSON.stringify(v)),
      fc.constantFrom("{", "null", "[]", '{"version": 1e999}'),
    );
    const query = fc.dictionary(fc.constantFrom("from", "to", "timeZone", "cursor", "limit", "status", "kind", "q", "includeArchived"), fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("2026-11-01T00:00:00Z", "2030-01-01T00:00:00Z", "Asia/Tokyo", "Bad/Zone", "-1", "closed", "true")));
    const request = fc.record({ route: fc.constantFrom(...routes.map((r) => `${r.method} ${r.url}`)), pathValue, body, query });

    let before = await digest(server);
    await fc.assert(
      fc.asyncProperty(request, async ({ route: name, pathValue: value, body: generated, query: q }) => {
        const route = routes.find((r) => `${r.method} ${r.url}` === name)!;
        const path = route.url.replace(":id", alliance).replace(/:[A-Za-z]+/g, value);
        const search = new URLSearchParams(q).toString();
        const hasBody = route.method !== "GET" && route.method !== "DELETE";
        const response = await facilitator.request(route.method, `${path}${search ? `?${search}` : ""}`, hasBody ? generated : undefined, hasBody ? { "content-type": "application/json" } : {});
        expect(response.status, `${route.method} ${path} -> ${JSON.stringify(response.body).slice(0, 300)}`).toBeLessThan(500);
        if (response.status >= 400) {
          expect(errorCodes, `${route.method} ${path} -> ${JSON.stringify(response.body).slice(0, 200)}`).toContain((response.body as { error: string }).error);
          expect(await digest(server), `${route.method} ${path} failed with ${response.status} but changed stored data`).toBe(before);
        } else {
          before = await digest(server);
        }
      }),
      { seed: 20261124, numRuns: 300, endOnFailure: true },
    );
  });
});
