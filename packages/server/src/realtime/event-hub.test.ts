import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchPostgres, postgresUnavailableReason } from "@trellis/db/testing";
import { readConfig } from "../config";
import { listen, openContext, type RunningServer } from "../start-server";
import { ApiClient, readServerSentEvents } from "../testing/test-server";


const unavailable = await postgresUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI requires PostgreSQL: ${unavailable}`);
if (unavailable) console.warn(`Skipping the two-instance realtime test: ${unavailable}`);

describe.skipIf(unavailable !== null)("realtime across two server instances on one Postgres", () => {
  let one: RunningServer;
  let two: RunningServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const scratch = await createScratchPostgres();
    drop = scratch.drop;
    const config = readConfig({ databaseUrl: scratch.url, port: 0, demo: false }, {});
    one = await listen(await openContext(config, () => {}), config);
    two = await listen(await openContext(config, () => {}), config);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await drop?.();
  });

  it("delivers a write made on one instance to a subscriber of the other, filtered by visibility", async () => {
    const facilitator = new ApiClient(one.url);
    await facilitator.signUp("f@example.org", "Facilitator");
    const alliance = await facilitator.post<{ id: string }>("/api/v1/alliances", { name: "Two Instance Alliance" });
    const org = await facilitator.post<{ id: string }>("/api/v1/organizations", { name: "Org One", kind: "company" });
    const org2 = await facilitator.post<{ id: string }>("/api/v1/organizations", { name: "Org Two", kind: "company" });
    const seat = await facilitator.post<{ id: string }>(`/api/v1/alliances/${alliance.body.id}/seats`, { organizationId: org.body.id });
    const seat2 = await facilitator.post<{ id: string }>(`/api/v1/alliances/${alliance.body.id}/seats`, { organizationId: org2.body.id });

    const member = new ApiClient(two.url);
    const person = await member.signUp("m@example.org", "Member");
    await facilitator.post(`/api/v1/alliances/${alliance.body.id}/members`, { personId: person.id, role: "member", seatId: seat.body.id });

    // The member listens on instance two; the facilitator writes on instance one:
    // first an invitation into the other seat (hidden from the member), then a purpose change.
    const listening = readServerSentEvents(`${two.url}/api/v1/alliances/${alliance.body.id}/stream`, member.cookieHeader(), (e) => e.type === "alliance.updated", 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await facilitator.post(`/api/v1/alliances/${alliance.body.id}/invitations`, { email: "secret@example.org", role: "member", seatId: seat2.body.id });
    const home = await facilitator.get<{ version: number }>(`/api/v1/alliances/${alliance.body.id}`);
    await facilitator.patch(`/api/v1/alliances/${alliance.body.id}`, { version: home.body.version, purpose: "Live across instances" });
    const seen = await listening;
    expect(seen.map((e) => e.type)).toEqual(["alliance.updated"]);
    expect(seen[0]?.payload).toMatchObject({ changes: { purpose: "Live across instances" } });
  });
});
