import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes } from "@trellis/core";
import { routeRegistry } from "./route";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";

/** A digest of every table, so a test can tell whether a request changed stored data. */
async function digest(server: TestServer): Promise<string> {
  const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public' order by tablename`.execute(server.ctx.db);
  const parts: string[] = [];
  for (const { tablename } of tables.rows) {
    const row = await sql<{ d: string | null }>`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as d from ${sql.table(tablename)} t`.execute(server.ctx.db);
    parts.push(`${tablename}:${row.rows[0]?.d}`);
  }
  return parts.join("|");
}

describe("bad requests to every route", () => {
  let server: TestServer;
  let client: ApiClient;
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    // No scheduled jobs: a job taking its lease or refreshing a snapshot mid-run would read as a
    // failed request changing stored data.
    server = await startTestServer({ kind: "pglite", jobs: false });
    const other = new ApiClient(server.url);
    await other.signUp("other@example.org", "Other Facilitator");
    const otherAlliance = await other.post<{ id: string }>("/api/v1/alliances", { name: "Somebody Else's Alliance" });
    const otherOrg = await other.post<{ id: string }>("/api/v1/organizations", { name: "Other Org", kind: "funder" });
    const otherSeat = await other.post<{ id: string }>(`/api/v1/alliances/${otherAlliance.body.id}/seats`, { organizationId: otherOrg.body.id });

    const owner = new ApiClient(server.url);
    await owner.signUp("owner@example.org", "Owner");
    const mine = await owner.post<{ id: string }>("/api/v1/alliances", { name: "My Alliance" });
    const myOrg = await owner.post<{ id: string }>("/api/v1/organizations", { name: "My Org", kind: "company" });
    const mySeat = await owner.post<{ id: string }>(`/api/v1/alliances/${mine.body.id}/seats`, { organizationId: myOrg.body.id });

    client = new ApiClient(server.url);
    const me = await client.signUp("delegate@example.org", "Delegate");
    await owner.post(`/api/v1/alliances/${mine.body.id}/members`, { personId: me.id, role: "delegate", seatId: mySeat.body.id });
    ids.uuid = [otherAlliance.body.id, otherSeat.body.id, otherOrg.body.id, mine.body.id, mySeat.body.id, "00000000-0000-4000-8000-000000000000"];
  });
  afterAll(async () => server?.close());

  it("never answer 5xx, always carry a stable code, and change nothing when they fail", async () => {
    const pathValue = fc.oneof(
      fc.constantFrom(...ids.uuid!),
      fc.uuid(),
      fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s) || "x"),
      fc.constantFrom("-1", "0", "null", "%00", "..%2F..", "a".repeat(300)),
    );
    const jsonValue = fc.jsonValue({ maxDepth: 3 });
    const body = fc.oneof(
      fc.constantFrom("{", "[1,2", '{"email":', "null", "\u0000", "{\"version\": 1e999}"),
      jsonValue.map((v) => JSON.stringify(v)),
      fc.dictionary(fc.constantFrom("email", "name", "password", "version", "role", "seatId", "organizationId", "weight", "purpose", "stage", "kind", "displayName", "timeZone", "website", "token"), jsonValue).map((v) => JSON.stringify(v)),
      fc.constant("<2 MB body>"),
    );
    const query = fc.dictionary(fc.constantFrom("cursor", "limit", "type", "seatId", "q"), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("-5", "1000000", "abc", "")));
    const routes = routeRegistry.filter((r) => !r.produces);
    const request = fc.record({ route: fc.constantFrom(...routes.map((r) => `${r.method} ${r.url}`)), pathValue, body, query, contentType: fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded") });

    let before = await digest(server);
    await fc.assert(
      fc.asyncProperty(request, async ({ route: name, pathValue: value, body: generated, query: q, contentType }) => {
        const route = routes.find((r) => `${r.method} ${r.url}` === name)!;
        const text = generated === "<2 MB body>" ? JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }) : generated;
        const path = route.url.replace(/:[A-Za-z]+/g, value);
        const search = new URLSearchParams(q).toString();
        const hasBody = route.method !== "GET" && route.method !== "DELETE";
        const response = await client.request(route.method, `${path}${search ? `?${search}` : ""}`, hasBody ? text : undefined, hasBody ? { "content-type": contentType } : {});
        expect(response.status, `${route.method} ${path} -> ${JSON.stringify(response.body).slice(0, 300)}`).toBeLessThan(500);
        if (response.status >= 400) {
          expect(errorCodes, `${route.method} ${path} -> ${JSON.stringify(response.body).slice(0, 200)}`).toContain((response.body as { error: string }).error);
          const after = await digest(server);
          expect(after, `${route.method} ${path} failed with ${response.status} but changed stored data`).toBe(before);
        } else {
          before = await digest(server);
        }
      }),
      { seed: 424242, numRuns: 400, endOnFailure: true },
    );
  });
});
