import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes } from "@trellis/core";
import { moveNames } from "@trellis/core/commitments";
import { routeRegistry } from "../http/route";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";

/** A digest of the tables this capability writes, to tell whether a failed request changed them. */
async function digest(server: TestServer): Promise<string> {
  const parts: string[] = [];
  for (const table of ["commitments", "commitment_moves", "notifications", "events", "chain_heads", "mail_outbox"]) {
    const row = await sql<{ d: string | null }>`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as d from ${sql.table(table)} t`.execute(server.ctx.db);
    parts.push(`${table}:${row.rows[0]?.d}`);
  }
  return parts.join("|");
}

// The house's bad-input property test covers every route with generic bodies; this one aims the
// same property (no 5xx, a stable code, no change on failure) at the commitment and notification
// routes with their own field names and real ids, so requests get past the schemas into the rules.
describe("bad requests to the commitment and notification routes", () => {
  let server: TestServer;
  let ana: ApiClient;
  const ids: string[] = [];

  beforeAll(async () => {
    // No scheduled jobs: their bookkeeping would read as a failed request changing data.
    server = await startTestServer({ kind: "pglite", clock: () => new Date("2026-11-24T12:00:00Z"), jobs: false });
    const mara = new ApiClient(server.url);
    await mara.signUp("mara@example.org", "Mara");
    const alliance = (await mara.post<{ id: string }>("/api/v1/alliances", { name: "Fuzz Alliance" })).body.id;
    const seats: string[] = [];
    for (const name of ["Fuzz A", "Fuzz B"]) {
      const org = await mara.post<{ id: string }>("/api/v1/organizations", { name, kind: "company" });
      seats.push((await mara.post<{ id: string }>(`/api/v1/alliances/${alliance}/seats`, { organizationId: org.body.id })).body.id);
    }
    ana = new ApiClient(server.url);
    const anaId = (await ana.signUp("ana@example.org", "Ana")).id;
    const ben = new ApiClient(server.url);
    const benId = (await ben.signUp("ben@example.org", "Ben")).id;
    await mara.post(`/api/v1/alliances/${alliance}/members`, { personId: anaId, role: "delegate", seatId: seats[0] });
    await mara.post(`/api/v1/alliances/${alliance}/members`, { personId: benId, role: "delegate", seatId: seats[1] });
    const c = await ana.post<{ id: string }>(`/api/v1/alliances/${alliance}/commitments`, { title: "Fuzzed", conditions: "x", dueAt: "2026-12-24T12:00:00Z", timeZone: "UTC", counterpart: { personId: benId } });
    const notification = await ben.get<{ items: { id: string }[] }>("/api/v1/notifications");
    ids.push(alliance, c.body.id, benId, anaId, seats[0]!, notification.body.items[0]!.id, "00000000-0000-4000-8000-000000000000");
  });
  afterAll(async () => server?.close());

  it("never answer 5xx, always carry a stable code, and change nothing when they fail", async () => {
    const routes = routeRegistry.filter((r) => /\/commitments|\/notifications/.test(r.url));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("", " ", "2026-12-01T10:00:00Z", "2026-02-30T10:00:00Z", "9999-12-31T23:59:59-05:00", "0000-01-01T00:00:00Z", "Europe/Berlin", "Mars/Base", "x".repeat(5000)));
    const value = fc.oneof(text, fc.integer({ min: -2, max: 12 }), fc.constant(null), fc.boolean(), fc.constantFrom(...ids), fc.constantFrom(...moveNames), fc.jsonValue({ maxDepth: 2 }));
    const body = fc.dictionary(
      fc.constantFrom("move", "version", "message", "conditions", "dueAt", "timeZone", "answerBy", "title", "opening", "seatId", "counterpart", "visibility", "links", "ids", "all", "allianceId"),
      fc.oneof(value, fc.record({ personId: fc.constantFrom(...ids), seatId: fc.constantFrom(...ids) }), fc.record({ level: fc.constantFrom("alliance", "seats", "facilitators", "clean_team", "x"), seatIds: fc.array(fc.constantFrom(...ids)) }), fc.array(fc.constantFrom(...ids))),
    );
    const moveBody = fc.record(
      { version: fc.integer({ min: 1, max: 5 }), move: fc.constantFrom(...moveNames), message: text, conditions: text, dueAt: text, timeZone: text, answerBy: text },
      { requiredKeys: ["version", "move"] },
    );
    const createBody = fc.record(
      { opening: fc.constantFrom("request", "offer"), title: text, conditions: text, dueAt: text, timeZone: text, counterpart: fc.record({ personId: fc.constantFrom(...ids) }), visibility: fc.record({ level: fc.constantFrom("alliance", "seats", "facilitators"), seatIds: fc.array(fc.constantFrom(...ids), { maxLength: 2 }) }) },
      { requiredKeys: ["title", "conditions", "dueAt", "timeZone", "counterpart"] },
    );
    const query = fc.dictionary(
      fc.constantFrom("cursor", "limit", "state", "status", "list", "reason", "overdue", "q", "from", "to", "dueFrom", "sort", "mine", "role", "unread", "kind", "personId", "seatId"),
      fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("-5", "1000000", "true", "open", "waits_on_me", "answer", "2026-01-01T00:00:00Z", "9999-12-31T23:59:59-05:00", "promised,bogus", "WyIyMDI2IiwieCJd")),
    );
    const clients = [ana, new ApiClient(server.url)];
    await clients[1]!.signIn("ben@example.org");
    const request = fc.record({ route: fc.constantFrom(...routes.map((r) => `${r.method} ${r.url}`)), path: fc.array(fc.oneof(fc.constantFrom(...ids), fc.constantFrom("x", "-1")), { minLength: 3, maxLength: 3 }), body: fc.oneof(body, moveBody, createBody), query, who: fc.integer({ min: 0, max: 1 }) });
    const statuses = new Map<number, number>();
    let before = await digest(server);
    await fc.assert(
      fc.asyncProperty(request, async ({ route: name, path: values, body: generated, query: q, who }) => {
        const route = routes.find((r) => `${r.method} ${r.url}` === name)!;
        let i = 0;
        const path = route.url.replace(/:[A-Za-z]+/g, () => values[i++]!);
        const search = new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)])).toString();
        const response = await clients[who]!.request(route.method, `${path}${search ? `?${search}` : ""}`, route.method === "GET" ? undefined : JSON.stringify(generated));
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `${route.method} ${path} -> ${JSON.stringify(response.body).slice(0, 300)}`).toBeLessThan(500);
        if (response.status >= 400) {
          expect(errorCodes).toContain((response.body as { error: string }).error);
          expect(await digest(server), `${route.method} ${path} failed with ${response.status} but changed stored data`).toBe(before);
        } else {
          before = await digest(server);
        }
      }),
      { seed: 20261124, numRuns: 300, endOnFailure: true },
    );
    // The generated requests reach past the schemas: some succeed, some meet the rules (403, 404, 409).
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].some((s) => s === 403 || s === 404 || s === 409)).toBe(true);
  });
});
