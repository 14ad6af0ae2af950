import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@trellis/db/testing";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";

const kinds = await testDatabaseKinds();

interface Home {
  id: string;
  version: number;
  seats: { id: string; organization: { name: string }; people: { displayName: string; roles: string[] }[] }[];
  can: Record<string, boolean>;
}

describe.each(kinds)("the house over HTTP on %s", (kind) => {
  let server: TestServer;
  let facilitator: ApiClient;
  let allianceId: string;
  let seatA: string;
  let seatB: string;

  beforeAll(async () => {
    server = await startTestServer({ kind });
    facilitator = new ApiClient(server.url);
    await facilitator.signUp("mara@example.org", "Mara Okafor");
    const alliance = await facilitator.post<Home>("/api/v1/alliances", { name: "Open Seeds Consortium", purpose: "Share seed data pre-competitively." });
    expect(alliance.status).toBe(201);
    allianceId = alliance.body.id;
    const orgA = await facilitator.post<{ id: string }>("/api/v1/organizations", { name: "Agri One", kind: "company" });
    const orgB = await facilitator.post<{ id: string }>("/api/v1/organizations", { name: "Seed Bank Trust", kind: "ngo", website: "https://seedbank.example" });
    seatA = (await facilitator.post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, { organizationId: orgA.body.id, weight: 2 })).body.id;
    seatB = (await facilitator.post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, { organizationId: orgB.body.id })).body.id;
  });
  afterAll(async () => server?.close());

  it("invites a partner by email; the mail arrives over SMTP and the link lets them join the seat", async () => {
    const invite = await facilitator.post(`/api/v1/alliances/${allianceId}/invitations`, { email: "Priya@Agri.example", role: "delegate", seatId: seatA });
    expect(invite.status).toBe(201);
    const mail = await server.smtp.waitFor((m) => m.to.includes("priya@agri.example"));
    expect(mail.subject).toContain("Open Seeds Consortium");
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();

    const partner = new ApiClient(server.url);
    const preview = await partner.get<{ allianceName: string; seatName: string; role: string }>(`/api/v1/invitations/${token}`);
    expect(preview.body).toMatchObject({ allianceName: "Open Seeds Consortium", seatName: "Agri One", role: "delegate" });
    expect((await partner.post(`/api/v1/invitations/${token}/accept`)).status).toBe(401);
    await partner.signUp("priya@agri.example", "Priya Raman");
    expect((await partner.post(`/api/v1/invitations/${token}/accept`)).status).toBe(200);
    expect((await partner.post(`/api/v1/invitations/${token}/accept`)).body).toMatchObject({ error: "invalid_token" });

    const home = await partner.get<Home>(`/api/v1/alliances/${allianceId}`);
    expect(home.status).toBe(200);
    expect(home.body.seats.find((s) => s.id === seatA)?.people).toEqual([expect.objectContaining({ displayName: "Priya Raman", roles: ["delegate"] })]);
    expect(home.body.can).toMatchObject({ update: false, invite: true });
    const events = await partner.get<{ items: { type: string }[] }>(`/api/v1/alliances/${allianceId}/events`);
    expect(events.body.items[0]).toMatchObject({ type: "person.joined" });
    // The invitation event is visible to that seat and facilitators only.
    expect(events.body.items.some((e) => e.type === "invitation.sent")).toBe(true);
  });

  it("enforces the policies: a delegate invites only into their own seat and cannot change the alliance", async () => {
    const partner = new ApiClient(server.url);
    await partner.signIn("priya@agri.example");
    expect((await partner.post(`/api/v1/alliances/${allianceId}/invitations`, { email: "x@seedbank.example", role: "delegate", seatId: seatB })).body).toMatchObject({ error: "forbidden" });
    const home = await partner.get<Home>(`/api/v1/alliances/${allianceId}`);
    expect((await partner.patch(`/api/v1/alliances/${allianceId}`, { version: home.body.version, purpose: "Mine now" })).status).toBe(403);
    const stranger = new ApiClient(server.url);
    await stranger.signUp("stranger@example.org", "Stranger");
    expect((await stranger.get(`/api/v1/alliances/${allianceId}`)).body).toMatchObject({ error: "not_found" });
    expect((await stranger.get(`/api/v1/alliances/${allianceId}/events`)).status).toBe(404);
  });

  it("gives 409 to a stale version and keeps the first write", async () => {
    const home = await facilitator.get<Home>(`/api/v1/alliances/${allianceId}`);
    const first = await facilitator.patch(`/api/v1/alliances/${allianceId}`, { version: home.body.version, purpose: "First" });
    expect(first.status).toBe(200);
    const second = await facilitator.patch(`/api/v1/alliances/${allianceId}`, { version: home.body.version, purpose: "Second" });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: "stale_version" });
    expect((await facilitator.get<{ purpose: string }>(`/api/v1/alliances/${allianceId}`)).body.purpose).toBe("First");
  });

  it("refuses changes without the CSRF token", async () => {
    const res = await facilitator.request("POST", "/api/v1/alliances", { name: "No token" }, { "x-csrf-token": "wrong" });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: "csrf_failed" });
  });

  it("rate-limits repeated failed sign-ins", async () => {
    const client = new ApiClient(server.url);
    await client.signUp("target@example.org", "Target");
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await client.post("/api/v1/session", { email: "target@example.org", password: "wrong password" })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Even the right password waits now; other accounts from the same address are not locked out.
    expect((await client.post("/api/v1/session", { email: "target@example.org", password: "correct horse battery" })).status).toBe(429);
    await new ApiClient(server.url).signIn("mara@example.org");
  });

  it("resets a password through the emailed token, once", async () => {
    const client = new ApiClient(server.url);
    expect((await client.post("/api/v1/password-resets", { email: "nobody@example.org" })).status).toBe(202);
    expect((await client.post("/api/v1/password-resets", { email: "priya@agri.example" })).status).toBe(202);
    const mail = await server.smtp.waitFor((m) => m.to.includes("priya@agri.example") && m.subject.includes("Reset"));
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect((await client.post("/api/v1/password-resets/confirm", { token, password: "a brand new password" })).status).toBe(204);
    expect((await client.post("/api/v1/password-resets/confirm", { token, password: "another new password" })).body).toMatchObject({ error: "invalid_token" });
    await client.signIn("priya@agri.example", "a brand new password");
  });

  it("sets secure headers and session cookies", async () => {
    const res = await fetch(`${server.url}/api/v1/session`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    const client = new ApiClient(server.url);
    await client.request("GET", "/api/v1/session");
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `trellis_csrf=${client.csrf}`, "x-csrf-token": client.csrf ?? "" },
      body: JSON.stringify({ email: "mara@example.org", password: "correct horse battery" }),
    });
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith("trellis_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("shows clean-team records to the team's members only, not even to facilitators outside it", async () => {
    const partner = new ApiClient(server.url);
    const priya = await partner.signIn("priya@agri.example", "a brand new password").catch(() => partner.signIn("priya@agri.example"));
    const team = await facilitator.post<{ id: string }>(`/api/v1/alliances/${allianceId}/clean-teams`, { name: "Pricing data clean team" });
    expect(team.status).toBe(201);
    expect((await partner.post(`/api/v1/alliances/${allianceId}/clean-teams`, { name: "Mine" })).status).toBe(403);
    expect((await facilitator.post(`/api/v1/alliances/${allianceId}/clean-teams/${team.body.id}/members`, { personId: priya.id })).status).toBe(204);
    const seenByPartner = await partner.get<{ items: { type: string }[] }>(`/api/v1/alliances/${allianceId}/events?type=clean_team.`);
    expect(seenByPartner.body.items.map((e) => e.type)).toEqual(["clean_team.member_added"]);
    const seenByFacilitator = await facilitator.get<{ items: { type: string }[] }>(`/api/v1/alliances/${allianceId}/events?type=clean_team.`);
    expect(seenByFacilitator.body.items.map((e) => e.type)).toEqual(["clean_team.created"]);
    const teams = await partner.get<{ items: { name: string; members: { id: string }[] }[] }>(`/api/v1/alliances/${allianceId}/clean-teams`);
    expect(teams.body.items).toEqual([expect.objectContaining({ name: "Pricing data clean team", members: [expect.objectContaining({ id: priya.id })] })]);
  });

  it("under invitation-only sign-up, accepts only invited addresses", async () => {
    const admin = new ApiClient(server.url);
    server.ctx.settings.signupMode = "invitation";
    try {
      const refused = await admin.post("/api/v1/accounts", { email: "walkin@example.org", displayName: "Walk In", password: "correct horse battery" });
      expect(refused.body).toMatchObject({ error: "forbidden" });
      await facilitator.post(`/api/v1/alliances/${allianceId}/invitations`, { email: "invited@seedbank.example", role: "member", seatId: seatB });
      await new ApiClient(server.url).signUp("invited@seedbank.example", "Invited Person");
    } finally {
      server.ctx.settings.signupMode = "open";
    }
  });

  it("describes every route in OpenAPI 3.1", async () => {
    const doc = await facilitator.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>("/api/openapi.json");
    expect(doc.body.openapi).toBe("3.1.0");
    const { routeRegistry } = await import("../http/route");
    for (const route of routeRegistry) {
      const path = route.url.replace(/:([A-Za-z]+)/g, "{$1}");
      expect(doc.body.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
  });

  it("exports the chain; a partner's export hides what they may not see yet verifies", async () => {
    const partner = new ApiClient(server.url);
    await partner.signIn("priya@agri.example", "a brand new password");
    // An invitation into seat B is visible to seat B and facilitators only.
    await facilitator.post(`/api/v1/alliances/${allianceId}/invitations`, { email: "kim@seedbank.example", role: "member", seatId: seatB });
    const archive = await partner.get<string>(`/api/v1/alliances/${allianceId}/export`);
    expect(archive.status).toBe(200);
    expect(archive.body).not.toContain("kim@seedbank.example");
    expect(archive.body).toContain('"kind":"redacted"');
    const { verifyArchive } = await import("@trellis/db");
    const { Readable } = await import("node:stream");
    expect(await verifyArchive(Readable.from([archive.body]))).toMatchObject({ ok: true });
  });
});
