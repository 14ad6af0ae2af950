import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@trellis/db/testing";
import { ReadCache } from "../http/read-cache";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";

// The alliance home and its activity are served from a cache keyed by the alliance's stamp:
// every change a person can make must show on the very next read, never a stale copy.

const kinds = await testDatabaseKinds();

interface Home {
  id: string;
  version: number;
  seats: { id: string; organization: { id: string; name: string }; people: { displayName: string }[] }[];
  facilitators: { displayName: string }[];
}
interface Activity {
  items: { seq: number; type: string; actor: { displayName: string } | null }[];
  nextCursor: string | null;
}

describe.each(kinds)("reads of the alliance home and activity on %s", (kind) => {
  let server: TestServer;
  let facilitator: ApiClient;
  let allianceId: string;
  let organizationId: string;
  let seatId: string;

  beforeAll(async () => {
    server = await startTestServer({ kind });
    facilitator = new ApiClient(server.url);
    await facilitator.signUp("ines@example.org", "Ines Facilitator");
    allianceId = (await facilitator.post<Home>("/api/v1/alliances", { name: "River Basin Data Pact" })).body.id;
    organizationId = (await facilitator.post<{ id: string }>("/api/v1/organizations", { name: "Upstream Water", kind: "company" })).body.id;
    seatId = (await facilitator.post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, { organizationId })).body.id;
  });
  afterAll(async () => server?.close());

  const home = async (client = facilitator) => (await client.get<Home>(`/api/v1/alliances/${allianceId}`)).body;
  const activity = async (client = facilitator, query = "") => (await client.get<Activity>(`/api/v1/alliances/${allianceId}/events${query}`)).body;

  it("shows a new seat and its event on the next read", async () => {
    await home();
    const before = await activity();
    const other = (await facilitator.post<{ id: string }>("/api/v1/organizations", { name: "Delta Farmers Union", kind: "ngo" })).body.id;
    await facilitator.post(`/api/v1/alliances/${allianceId}/seats`, { organizationId: other });
    expect((await home()).seats.map((s) => s.organization.name)).toEqual(["Delta Farmers Union", "Upstream Water"]);
    const after = await activity();
    expect(after.items[0]!.seq).toBeGreaterThan(before.items[0]!.seq);
    expect(after.items[0]!.type).toBe("seat.added");
  });

  it("shows a person's new name on the home and on every page of the activity, deep pages too", async () => {
    await home();
    const firstPage = await activity(facilitator, "?limit=1");
    const deep = await activity(facilitator, `?limit=1&cursor=${firstPage.nextCursor}`);
    expect(deep.items[0]!.actor?.displayName).toBe("Ines Facilitator");
    const me = await facilitator.get<{ version: number }>("/api/v1/me");
    expect((await facilitator.patch("/api/v1/me", { version: me.body.version, displayName: "Ines Moreau" })).status).toBe(200);
    expect((await home()).facilitators.map((p) => p.displayName)).toEqual(["Ines Moreau"]);
    expect((await activity(facilitator, `?limit=1&cursor=${firstPage.nextCursor}`)).items[0]!.actor?.displayName).toBe("Ines Moreau");
  });

  it("keeps each viewer's activity to what they may see, however the reads interleave", async () => {
    const invite = await facilitator.post(`/api/v1/alliances/${allianceId}/invitations`, { email: "oskar@upstream.example", role: "delegate", seatId });
    expect(invite.status).toBe(201);
    const mail = await server.smtp.waitFor((m) => m.to.includes("oskar@upstream.example"));
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    const delegate = new ApiClient(server.url);
    await delegate.signUp("oskar@upstream.example", "Oskar Lind");
    expect((await delegate.post(`/api/v1/invitations/${token}/accept`)).status).toBe(200);
    // A facilitators-only invitation to the other seat: the facilitator reads first, then the delegate.
    const otherSeat = (await home()).seats.find((s) => s.id !== seatId)!.id;
    await facilitator.post(`/api/v1/alliances/${allianceId}/invitations`, { email: "dara@delta.example", role: "delegate", seatId: otherSeat });
    const seenByFacilitator = await activity();
    const seenByDelegate = await activity(delegate);
    expect(seenByFacilitator.items[0]!.type).toBe("invitation.sent");
    expect(seenByDelegate.items.map((e) => e.seq)).not.toContain(seenByFacilitator.items[0]!.seq);
    // The delegate's name, given at sign-up, is on the home at once.
    expect((await home(delegate)).seats.find((s) => s.id === seatId)?.people.map((p) => p.displayName)).toEqual(["Oskar Lind"]);
  });

  it("shows an organization renamed outside the alliance (by one of its people) on the next read", async () => {
    const delegate = new ApiClient(server.url);
    await delegate.signIn("oskar@upstream.example");
    await home(delegate);
    const organization = await delegate.get<{ version: number }>(`/api/v1/organizations/${organizationId}`);
    expect((await delegate.patch(`/api/v1/organizations/${organizationId}`, { version: organization.body.version, name: "Upstream Water Utility" })).status).toBe(200);
    expect((await home(delegate)).seats.find((s) => s.id === seatId)?.organization.name).toBe("Upstream Water Utility");
  });
});

describe("ReadCache", () => {
  it("loads a key once, forgets a failed load and drops the least recently used beyond its size", async () => {
    const cache = new ReadCache(2);
    let loads = 0;
    const load = (value: string) => () => {
      loads += 1;
      return Promise.resolve(value);
    };
    expect(await cache.load("a", load("A"))).toBe("A");
    expect(await cache.load("a", load("not again"))).toBe("A");
    expect(loads).toBe(1);
    await expect(cache.load("b", () => Promise.reject(new Error("database gone")))).rejects.toThrow("database gone");
    expect(await cache.load("b", load("B"))).toBe("B");
    await cache.load("a", load("unused")); // a is now the most recently used
    await cache.load("c", load("C")); // b goes
    expect(cache.size).toBe(2);
    expect(await cache.load("b", load("B again"))).toBe("B again");
    expect(loads).toBe(4);
  });
});
