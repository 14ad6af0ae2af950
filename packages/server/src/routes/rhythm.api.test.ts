import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@trellis/db/testing";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";

const kinds = await testDatabaseKinds();

interface Occurrence {
  occurrenceKey: string;
  start: string;
  cancelled: boolean;
  agendaCutoffAt: string;
  view: { localStart: string; label: string; timeZone: string };
  meeting: { id: string; status: string } | null;
}
interface Cadence {
  id: string;
  version: number;
  ruleDescription: string;
  rrule: string;
  dtstart: string;
  expectedSeats: { id: string; name: string }[];
  nextOccurrence: Occurrence | null;
  cancelledOccurrences?: { occurrenceKey: string; reason: string }[];
}
interface Item {
  id: string;
  title: string;
  seat: { id: string; name: string } | null;
  author: { displayName: string };
  durationMinutes: number | null;
  plannedStart: string | null;
  isLate: boolean;
  startedAt: string | null;
  notes: string;
  version: number;
  canChange: boolean;
}
interface Meeting {
  id: string;
  status: string;
  version: number;
  agendaOpen: boolean;
  agenda: Item[];
  roster: { personId: string; displayName: string; attendance: string | null; acknowledgedAt: string | null }[];
  seatAttendance: { seatId: string; name: string; expected: boolean; present: boolean }[];
  pendingAcknowledgements: { id: string; displayName: string }[];
  objections: { person: { displayName: string }; seat: { name: string } | null; itemTitle: string | null; reason: string }[];
  outcomes: { id: string; kind: string; text: string; linkedRecordId: string | null; version: number }[];
  ratings: { count: number; average: number | null; mine: number | null; distribution: number[] };
  minutesVersions: { version: number; reason: string }[];
  antitrustNotice: { required: boolean; text: string };
  view: { label: string };
  can: Record<string, boolean>;
  me: { attendance: string | null; acknowledged: boolean; rating: number | null };
  createdId?: string;
}
interface Minutes {
  version: number;
  latestVersion: number;
  markdown: string;
  reason: string;
  content: { summary: string; agenda: { title: string; notes: string }[] };
}

// The commitments capability is another engineer's; its test runs when its routes are in the tree.
const hasCommitmentsApi = fs.existsSync(new URL("./commitments.routes.ts", import.meta.url));

describe.each(kinds)("rhythm over HTTP on %s: cadences, a meeting from agenda to versioned minutes", (kind) => {
  let now = new Date("2026-11-20T09:00:00Z");
  let server: TestServer;
  const mara = { client: null as unknown as ApiClient, id: "" };
  const priya = { client: null as unknown as ApiClient, id: "" };
  const kim = { client: null as unknown as ApiClient, id: "" };
  const lea = { client: null as unknown as ApiClient, id: "" };
  let allianceId = "";
  let seatA = "";
  let seatB = "";
  let cadence: Cadence;
  let meetingId = "";
  let itemA = "";
  let itemB = "";
  let lateItem = "";
  const base = () => `/api/v1/alliances/${allianceId}`;

  beforeAll(async () => {
    server = await startTestServer({ kind, clock: () => now });
    for (const [who, email, name] of [
      [mara, "mara@example.org", "Mara Okafor"],
      [priya, "priya@agri.example", "Priya Raman"],
      [kim, "kim@seedbank.example", "Kim Novak"],
      [lea, "lea@agri.example", "Lea Fischer"],
    ] as const) {
      who.client = new ApiClient(server.url);
      who.id = (await who.client.signUp(email, name)).id;
    }
    const alliance = await mara.client.post<{ id: string }>("/api/v1/alliances", { name: "Open Seeds Consortium", hasCompetitors: true });
    allianceId = alliance.body.id;
    const orgA = await mara.client.post<{ id: string }>("/api/v1/organizations", { name: "Agri One", kind: "company" });
    const orgB = await mara.client.post<{ id: string }>("/api/v1/organizations", { name: "Seed Bank Trust", kind: "ngo" });
    seatA = (await mara.client.post<{ id: string }>(`${base()}/seats`, { organizationId: orgA.body.id })).body.id;
    seatB = (await mara.client.post<{ id: string }>(`${base()}/seats`, { organizationId: orgB.body.id })).body.id;
    await mara.client.post(`${base()}/members`, { personId: priya.id, role: "delegate", seatId: seatA });
    await mara.client.post(`${base()}/members`, { personId: kim.id, role: "delegate", seatId: seatB });
    await mara.client.post(`${base()}/members`, { personId: lea.id, role: "member", seatId: seatA });
    const me = await kim.client.get<{ version: number }>("/api/v1/me");
    expect((await kim.client.patch("/api/v1/me", { version: me.body.version, timeZone: "America/New_York" })).status).toBe(200);
  });
  afterAll(async () => server?.close());

  it("defines a monthly cadence from the simple form and lists its occurrences in the viewer's time zone", async () => {
    const preview = await mara.client.post<{ description: string; occurrences: { start: string }[] }>(`${base()}/cadences/preview`, {
      schedule: { kind: "form", repeat: { pattern: "monthly_weekday", everyMonths: 1, nth: 1, weekday: "TU" }, time: "15:00", timeZone: "Europe/Berlin", startOn: "2026-11-04" },
      count: 3,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.description).toBe("Every month on the first Tuesday at 15:00 (Europe/Berlin)");
    expect(preview.body.occurrences.map((o) => o.start)).toEqual(["2026-12-01T14:00:00.000Z", "2027-01-05T14:00:00.000Z", "2027-02-02T14:00:00.000Z"]);

    const created = await mara.client.post<Cadence>(`${base()}/cadences`, {
      kind: "tactical_check_in",
      title: "Monthly check-in",
      durationMinutes: 60,
      agendaCutoffMinutes: 48 * 60,
      schedule: { kind: "form", repeat: { pattern: "monthly_weekday", everyMonths: 1, nth: 1, weekday: "TU" }, time: "15:00", timeZone: "Europe/Berlin", startOn: "2026-11-04" },
    });
    expect(created.status).toBe(201);
    cadence = created.body;
    expect(cadence).toMatchObject({ rrule: "FREQ=MONTHLY;BYDAY=1TU", dtstart: "2026-12-01T15:00:00", ruleDescription: "Every month on the first Tuesday at 15:00 (Europe/Berlin)" });
    expect(cadence.expectedSeats.map((s) => s.name)).toEqual(["Agri One", "Seed Bank Trust"]);
    expect(cadence.nextOccurrence).toMatchObject({ occurrenceKey: "20261201T150000", start: "2026-12-01T14:00:00.000Z", agendaCutoffAt: "2026-11-29T14:00:00.000Z" });

    const forKim = await kim.client.get<{ items: Occurrence[] }>(`${base()}/cadences/${cadence.id}/occurrences?from=2026-11-01T00:00:00Z&to=2027-03-01T00:00:00Z`);
    expect(forKim.body.items.map((o) => [o.occurrenceKey, o.view.localStart, o.view.timeZone])).toEqual([
      ["20261201T150000", "2026-12-01T09:00:00", "America/New_York"],
      ["20270105T150000", "2027-01-05T09:00:00", "America/New_York"],
      ["20270202T150000", "2027-02-02T09:00:00", "America/New_York"],
    ]);
    const tokyo = await kim.client.get<{ items: Occurrence[]; nextCursor: string | null }>(`${base()}/occurrences?from=2026-11-01T00:00:00Z&to=2027-03-01T00:00:00Z&timeZone=Asia/Tokyo&limit=2`);
    expect(tokyo.body.items[0]?.view.label).toBe("Tue 1 Dec 2026, 23:00–00:00 (+1d) (Asia/Tokyo)");
    expect(tokyo.body.nextCursor).not.toBeNull();
    const rest = await kim.client.get<{ items: Occurrence[]; nextCursor: string | null }>(`${base()}/occurrences?from=2026-11-01T00:00:00Z&to=2027-03-01T00:00:00Z&limit=2&cursor=${tokyo.body.nextCursor}`);
    expect(rest.body.items.map((o) => o.occurrenceKey)).toEqual(["20270202T150000"]);
    expect(rest.body.nextCursor).toBeNull();

    const raw = await mara.client.post<Cadence>(`${base()}/cadences`, {
      kind: "governance_meeting",
      title: "Governance",
      durationMinutes: 120,
      expectedSeatIds: [seatA],
      schedule: { kind: "rrule", rrule: "RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH", dtstart: "2027-01-07T14:00", timeZone: "Europe/Berlin" },
    });
    expect(raw.status).toBe(201);
    expect(raw.body).toMatchObject({ rrule: "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH", ruleDescription: "Every 3 months on the first Thursday at 14:00 (Europe/Berlin)" });
    const list = await lea.client.get<{ items: Cadence[] }>(`${base()}/cadences`);
    expect(list.body.items.map((c) => c.ruleDescription)).toEqual(["Every 3 months on the first Thursday at 14:00 (Europe/Berlin)", "Every month on the first Tuesday at 15:00 (Europe/Berlin)"]);
  });

  it("refuses bad input and people without the right", async () => {
    const form = { kind: "form", repeat: { pattern: "weekly", everyWeeks: 1, weekdays: ["TU"] }, time: "15:00", timeZone: "Europe/Berlin", startOn: "2026-12-01" };
    const body = { kind: "tactical_check_in", title: "Weekly", durationMinutes: 30, schedule: form };
    expect((await priya.client.post(`${base()}/cadences`, body)).body).toMatchObject({ error: "forbidden" });
    expect((await mara.client.post(`${base()}/cadences`, { ...body, schedule: { ...form, timeZone: "Mars/Olympus" } })).body).toMatchObject({ error: "validation_failed" });
    expect((await mara.client.post(`${base()}/cadences`, { ...body, durationMinutes: 0 })).status).toBe(400);
    expect((await mara.client.post(`${base()}/cadences`, { ...body, expectedSeatIds: ["00000000-0000-4000-8000-000000000000"] })).body).toMatchObject({ error: "validation_failed" });
    const unsynchronized = await mara.client.post(`${base()}/cadences`, { ...body, schedule: { kind: "rrule", rrule: "FREQ=WEEKLY;BYDAY=MO", dtstart: "2026-12-01T15:00", timeZone: "Europe/Berlin" } });
    expect(unsynchronized.body).toMatchObject({ error: "validation_failed", details: { field: "dtstart", reason: "not_synchronized" } });
    expect((await mara.client.post(`${base()}/cadences`, { ...body, schedule: { kind: "rrule", rrule: "FREQ=SOMETIMES", dtstart: "2026-12-01T15:00", timeZone: "Europe/Berlin" } })).status).toBe(400);
    expect((await mara.client.get(`${base()}/cadences/${cadence.id}/occurrences?from=2026-01-01T00:00:00Z&to=2028-01-01T00:00:00Z`)).body).toMatchObject({ error: "validation_failed" });
    const stranger = new ApiClient(server.url);
    await stranger.signUp("stranger@example.org", "Stranger");
    expect((await stranger.get(`${base()}/cadences/${cadence.id}`)).status).toBe(404);
    expect((await stranger.get(`${base()}/occurrences`)).status).toBe(404);
    // Optimistic updates: the second write with the same version is refused and the first stands.
    expect((await mara.client.patch(`${base()}/cadences/${cadence.id}`, { version: cadence.version, title: "Monthly check-in" })).status).toBe(200);
    const first = await mara.client.patch<Cadence>(`${base()}/cadences/${cadence.id}`, { version: cadence.version, description: "Progress and blockers." });
    expect(first.status).toBe(200);
    const second = await mara.client.patch(`${base()}/cadences/${cadence.id}`, { version: cadence.version, description: "Something else" });
    expect(second.body).toMatchObject({ error: "stale_version" });
    cadence = first.body;
  });

  it("lets two organizations add agenda items, the facilitator order and time-box them, and circulates the agenda by email", async () => {
    const opened = await priya.client.post<Meeting>(`${base()}/meetings`, { cadenceId: cadence.id, occurrenceKey: "20261201T150000" });
    expect(opened.status).toBe(201);
    meetingId = opened.body.id;
    expect(opened.body).toMatchObject({ status: "scheduled", agendaOpen: true, antitrustNotice: { required: true } });
    const again = await kim.client.post<Meeting>(`${base()}/meetings`, { cadenceId: cadence.id, occurrenceKey: "20261201T150000" });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(meetingId);
    expect((await priya.client.post(`${base()}/meetings`, { cadenceId: cadence.id, occurrenceKey: "20261202T150000" })).status).toBe(404);

    const a = await priya.client.post<Meeting>(`${base()}/meetings/${meetingId}/items`, { title: "Shared germplasm data format", description: "A draft schema." });
    expect(a.status).toBe(201);
    itemA = a.body.createdId!;
    now = new Date("2026-11-21T10:00:00Z");
    const b = await kim.client.post<Meeting>(`${base()}/meetings/${meetingId}/items`, { title: "Seed bank access rules" });
    itemB = b.body.createdId!;
    expect(b.body.agenda.map((i) => [i.title, i.seat?.name, i.author.displayName])).toEqual([
      ["Shared germplasm data format", "Agri One", "Priya Raman"],
      ["Seed bank access rules", "Seed Bank Trust", "Kim Novak"],
    ]);
    expect((await priya.client.post(`${base()}/meetings/${meetingId}/items`, { title: "For them", seatId: seatB })).body).toMatchObject({ error: "forbidden" });
    expect((await lea.client.post(`${base()}/meetings/${meetingId}/items`, { title: "A member's item" })).body).toMatchObject({ error: "forbidden" });
    expect((await priya.client.post(`${base()}/meetings/${meetingId}/items`, { title: "" })).status).toBe(400);
    expect((await kim.client.patch(`${base()}/meetings/${meetingId}/items/${itemA}`, { version: 1, title: "Not mine" })).body).toMatchObject({ error: "forbidden" });

    const before = await mara.client.get<Meeting>(`${base()}/meetings/${meetingId}`);
    const ordered = await mara.client.request<Meeting>("PUT", `${base()}/meetings/${meetingId}/agenda`, {
      version: before.body.version,
      items: [
        { id: itemB, durationMinutes: 20 },
        { id: itemA, durationMinutes: 25 },
      ],
    });
    expect(ordered.status).toBe(200);
    expect(ordered.body.agenda.map((i) => [i.title, i.durationMinutes, i.plannedStart])).toEqual([
      ["Seed bank access rules", 20, "2026-12-01T14:00:00.000Z"],
      ["Shared germplasm data format", 25, "2026-12-01T14:20:00.000Z"],
    ]);
    const stale = await mara.client.request("PUT", `${base()}/meetings/${meetingId}/agenda`, { version: before.body.version, items: [{ id: itemA }, { id: itemB }] });
    expect(stale.body).toMatchObject({ error: "stale_version" });
    const partial = await mara.client.request("PUT", `${base()}/meetings/${meetingId}/agenda`, { version: ordered.body.version, items: [{ id: itemA }] });
    expect(partial.body).toMatchObject({ error: "stale_version" });
    expect((await priya.client.request("PUT", `${base()}/meetings/${meetingId}/agenda`, { version: ordered.body.version, items: [{ id: itemA }, { id: itemB }] })).body).toMatchObject({ error: "forbidden" });

    expect((await mara.client.post(`${base()}/meetings/${meetingId}/circulate`)).status).toBe(200);
    const toKim = await server.smtp.waitFor((m) => m.to.includes("kim@seedbank.example") && m.subject.startsWith("Agenda:"));
    expect(toKim.subject).toContain("Tue 1 Dec 2026, 09:00–10:00 (America/New_York)");
    expect(toKim.text).toMatch(/1\. Seed bank access rules — Seed Bank Trust \(Kim Novak\), 20 min from 15:00[\s\S]*2\. Shared germplasm data format — Agri One \(Priya Raman\), 25 min from 15:20/);
    expect(toKim.text).toContain("Antitrust notice");
    for (const email of ["mara@example.org", "priya@agri.example", "lea@agri.example"]) await server.smtp.waitFor((m) => m.to.includes(email) && m.subject.startsWith("Agenda:"));
  });

  it("enforces the agenda cutoff: after it only a facilitator adds (late) items", async () => {
    now = new Date("2026-11-29T14:00:00Z");
    const late = await priya.client.post(`${base()}/meetings/${meetingId}/items`, { title: "Too late" });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: "agenda_closed", details: { agendaCutoffAt: "2026-11-29T14:00:00.000Z" } });
    expect((await priya.client.patch(`${base()}/meetings/${meetingId}/items/${itemA}`, { version: 2, title: "Renamed" })).body).toMatchObject({ error: "agenda_closed" });
    expect((await priya.client.delete(`${base()}/meetings/${meetingId}/items/${itemA}`)).body).toMatchObject({ error: "agenda_closed" });
    const byFacilitator = await mara.client.post<Meeting>(`${base()}/meetings/${meetingId}/items`, { title: "Any other business", seatId: null });
    expect(byFacilitator.status).toBe(201);
    lateItem = byFacilitator.body.createdId!;
    expect(byFacilitator.body.agenda.at(-1)).toMatchObject({ title: "Any other business", isLate: true, seat: null });
    expect(byFacilitator.body.agendaOpen).toBe(false);
  });

  it("runs the meeting: the antitrust notice gates the agenda, attendance per seat, an objection and a departure, outcomes, ratings", async () => {
    now = new Date("2026-12-01T14:01:00Z");
    expect((await priya.client.post(`${base()}/meetings/${meetingId}/start`)).body).toMatchObject({ error: "forbidden" });
    expect((await priya.client.post(`${base()}/meetings/${meetingId}/acknowledgements`)).body).toMatchObject({ error: "conflict" });
    const started = await mara.client.post<Meeting>(`${base()}/meetings/${meetingId}/start`);
    expect(started.body).toMatchObject({ status: "in_progress" });
    expect((await priya.client.post<Meeting>(`${base()}/meetings/${meetingId}/acknowledgements`)).body.me).toEqual({ attendance: "present", acknowledged: true, rating: null });
    const kimPresent = await mara.client.request<Meeting>("PUT", `${base()}/meetings/${meetingId}/attendance/${kim.id}`, { status: "present" });
    expect(kimPresent.body.pendingAcknowledgements).toEqual([{ id: kim.id, displayName: "Kim Novak" }]);
    expect((await mara.client.request("PUT", `${base()}/meetings/${meetingId}/attendance/${lea.id}`, { status: "excused" })).status).toBe(200);
    expect((await priya.client.request("PUT", `${base()}/meetings/${meetingId}/attendance/${kim.id}`, { status: "absent" })).body).toMatchObject({ error: "forbidden" });

    const gated = await mara.client.post(`${base()}/meetings/${meetingId}/items/${itemB}/start`);
    expect(gated.status).toBe(409);
    expect(gated.body).toMatchObject({ error: "acknowledgement_required", details: { people: [{ id: kim.id, displayName: "Kim Novak" }] } });
    expect((await mara.client.patch(`${base()}/meetings/${meetingId}/items/${itemB}`, { version: 2, notes: "Too early" })).body).toMatchObject({ error: "conflict" });
    await kim.client.post(`${base()}/meetings/${meetingId}/acknowledgements`);
    await mara.client.post(`${base()}/meetings/${meetingId}/acknowledgements`);
    const running = await mara.client.post<Meeting>(`${base()}/meetings/${meetingId}/items/${itemB}/start`);
    expect(running.status).toBe(200);
    expect(running.body.seatAttendance).toEqual([
      { seatId: seatA, name: "Agri One", expected: true, present: true, peoplePresent: 1 },
      { seatId: seatB, name: "Seed Bank Trust", expected: true, present: true, peoplePresent: 1 },
    ]);
    const itemBVersion = running.body.agenda.find((i) => i.id === itemB)!.version;
    expect((await mara.client.patch(`${base()}/meetings/${meetingId}/items/${itemB}`, { version: itemBVersion, notes: "Access by request, answered within 30 days." })).status).toBe(200);
    const outcome = await mara.client.post<Meeting>(`${base()}/meetings/${meetingId}/outcomes`, { kind: "note", itemId: itemB, text: "Access rules adopted for a six-month trial." });
    expect(outcome.status).toBe(201);
    expect((await mara.client.post(`${base()}/meetings/${meetingId}/outcomes`, { kind: "note", itemId: itemA, text: "Not started yet" })).body).toMatchObject({ error: "conflict" });
    expect((await mara.client.post(`${base()}/meetings/${meetingId}/outcomes`, { kind: "note", text: "A note links nothing", linkedRecordId: itemA })).status).toBe(400);

    await mara.client.post(`${base()}/meetings/${meetingId}/items/${itemA}/start`);
    const objected = await kim.client.post<Meeting>(`${base()}/meetings/${meetingId}/items/${itemA}/objections`, { reason: "The data format discussion touches our licensing terms." });
    expect(objected.status).toBe(201);
    expect(objected.body.objections).toEqual([expect.objectContaining({ person: { id: kim.id, displayName: "Kim Novak" }, seat: { id: seatB, name: "Seed Bank Trust" }, itemTitle: "Shared germplasm data format" })]);
    expect(objected.body.roster.find((p) => p.personId === kim.id)).toMatchObject({ attendance: "left" });
    expect(objected.body.can.object).toBe(false);
    // Someone who left no longer holds up the agenda.
    expect(objected.body.pendingAcknowledgements).toEqual([]);

    expect((await priya.client.request<Meeting>("PUT", `${base()}/meetings/${meetingId}/rating`, { rating: 4 })).body.ratings).toMatchObject({ count: 1, average: 4, mine: 4 });
    expect((await kim.client.request<Meeting>("PUT", `${base()}/meetings/${meetingId}/rating`, { rating: 3 })).body.ratings).toMatchObject({ count: 2, average: 3.5, mine: 3 });
    expect((await lea.client.request("PUT", `${base()}/meetings/${meetingId}/rating`, { rating: 5 })).body).toMatchObject({ error: "forbidden" });
    expect((await priya.client.request("PUT", `${base()}/meetings/${meetingId}/rating`, { rating: 6 })).status).toBe(400);
    const forLea = await lea.client.get<Meeting>(`${base()}/meetings/${meetingId}`);
    expect(forLea.body.ratings).toMatchObject({ count: 2, average: 3.5, mine: null, distribution: [0, 0, 1, 1, 0] });
  });

  it.skipIf(!hasCommitmentsApi)("captures an outcome as a commitment made through the commitments API; it appears in the performer's loops", async () => {
    const request = await priya.client.post<{ id: string }>(`${base()}/commitments`, {
      opening: "request",
      title: "Publish the data format draft",
      conditions: "A draft schema shared with every seat.",
      dueAt: "2026-12-15T17:00:00+01:00",
      timeZone: "Europe/Berlin",
      counterpart: { personId: kim.id },
      links: { meetingId },
    });
    expect(request.status).toBe(201);
    const outcome = await mara.client.post<Meeting>(`${base()}/meetings/${meetingId}/outcomes`, { kind: "commitment", itemId: itemA, text: "Seed Bank Trust publishes the data format draft by 15 December.", linkedRecordId: request.body.id });
    expect(outcome.status).toBe(201);
    expect(outcome.body.outcomes.find((o) => o.kind === "commitment")).toMatchObject({ linkedRecordId: request.body.id });
    const loops = await kim.client.get<{ items: { id?: string; commitment?: { id: string }; commitmentId?: string }[] }>(`${base()}/commitments/loops?list=waits_on_me`);
    expect(JSON.stringify(loops.body.items)).toContain(request.body.id);
    expect((await mara.client.post(`${base()}/meetings/${meetingId}/outcomes`, { kind: "commitment", text: "Unknown", linkedRecordId: "00000000-0000-4000-8000-000000000000" })).body).toMatchObject({ error: "validation_failed" });
  });

  it("closes the meeting: the minutes show the notice, attendance per seat, the agenda with notes, the objection, outcomes and ratings", async () => {
    now = new Date("2026-12-01T15:00:00Z");
    expect((await priya.client.get(`${base()}/meetings/${meetingId}/minutes`)).status).toBe(404);
    expect((await priya.client.post(`${base()}/meetings/${meetingId}/close`, {})).body).toMatchObject({ error: "forbidden" });
    await mara.client.post(`${base()}/meetings/${meetingId}/outcomes`, { kind: "proposal", text: "Adopt the access rules permanently after the trial." });
    const closed = await mara.client.post<Meeting>(`${base()}/meetings/${meetingId}/close`, { summary: "Access rules on trial; the data format item was interrupted." });
    expect(closed.body).toMatchObject({ status: "closed", minutesVersions: [{ version: 1 }] });
    const minutes = await lea.client.get<Minutes>(`${base()}/meetings/${meetingId}/minutes`);
    expect(minutes.body).toMatchObject({ version: 1, latestVersion: 1 });
    const md = minutes.body.markdown;
    expect(md).toContain("# Monthly check-in — Open Seeds Consortium");
    expect(md).toContain("Tue 1 Dec 2026, 15:00–16:00 (Europe/Berlin)");
    expect(md).toContain("Access rules on trial; the data format item was interrupted.");
    expect(md).toMatch(/Acknowledged by (Priya Raman \(Agri One\)|Kim Novak \(Seed Bank Trust\)|Mara Okafor)(, (Priya Raman \(Agri One\)|Kim Novak \(Seed Bank Trust\)|Mara Okafor)){2}\./);
    expect(md).toContain("2 of 2 expected seats present.");
    expect(md).toContain("- Seed Bank Trust: present (Kim Novak, left)");
    expect(md).toContain("Recorded Lea Fischer as excused");
    expect(md).toMatch(/### 1\. Seed bank access rules[\s\S]*Added by Seed Bank Trust \(Kim Novak\) · 20 min[\s\S]*Access by request, answered within 30 days\.[\s\S]*- Note: Access rules adopted for a six-month trial\./);
    expect(md).toMatch(/### 2\. Shared germplasm data format[\s\S]*- Kim Novak \(Seed Bank Trust\) objected and left the meeting: “The data format discussion touches our licensing terms\.”/);
    expect(md).toMatch(/### 3\. Any other business[\s\S]*late item · not discussed/);
    expect(md).toContain("- Proposal: Adopt the access rules permanently after the trial. [proposal not linked yet]");
    expect(md).toContain("Average 3.5 of 5 from 2 ratings.");
    const events = await lea.client.get<{ items: { type: string; payload: Record<string, unknown> }[] }>(`${base()}/events?limit=200`);
    const types = events.body.items.map((e) => e.type);
    for (const type of ["cadence.created", "meeting.opened", "agenda_item.added", "agenda.ordered", "agenda.circulated", "meeting.started", "antitrust_notice.acknowledged", "attendance.recorded", "agenda_item.started", "objection.recorded", "outcome.recorded", "meeting.rated", "meeting.held", "minutes.published"]) {
      expect(types, type).toContain(type);
    }
    expect(events.body.items.find((e) => e.type === "meeting.held")?.payload).toMatchObject({ title: "Monthly check-in", seatsPresent: 2, seatsInvited: 2 });
    expect(events.body.items.filter((e) => e.type === "meeting.rated").every((e) => !("rating" in e.payload))).toBe(true);
    expect((await mara.client.request("PUT", `${base()}/meetings/${meetingId}/attendance/${lea.id}`, { status: "present" })).body).toMatchObject({ error: "conflict" });
    expect((await mara.client.post(`${base()}/meetings/${meetingId}/items`, { title: "After the fact" })).body).toMatchObject({ error: "conflict" });
    expect((await mara.client.delete(`${base()}/meetings/${meetingId}/items/${lateItem}`)).body).toMatchObject({ error: "conflict" });
  });

  it("versions every edit after closing and keeps every version", async () => {
    now = new Date("2026-12-02T09:00:00Z");
    const edited = await mara.client.patch<Minutes>(`${base()}/meetings/${meetingId}/minutes`, { version: 1, summary: "Access rules on trial for six months; the data format item was interrupted by an objection.", reason: "Clarified the trial length." });
    expect(edited.body).toMatchObject({ version: 2, latestVersion: 2, reason: "Clarified the trial length." });
    const stale = await mara.client.patch(`${base()}/meetings/${meetingId}/minutes`, { version: 1, summary: "Lost update" });
    expect(stale.body).toMatchObject({ error: "stale_version" });
    expect((await priya.client.patch(`${base()}/meetings/${meetingId}/minutes`, { version: 2, summary: "Mine" })).body).toMatchObject({ error: "forbidden" });
    const meeting = await mara.client.get<Meeting>(`${base()}/meetings/${meetingId}`);
    const b = meeting.body.agenda.find((i) => i.id === itemB)!;
    expect((await mara.client.patch(`${base()}/meetings/${meetingId}/items/${itemB}`, { version: b.version, notes: "Access by request, answered within 30 days; appeals to the facilitator." })).status).toBe(200);
    const note = meeting.body.outcomes.find((o) => o.kind === "note")!;
    expect((await mara.client.patch(`${base()}/meetings/${meetingId}/outcomes/${note.id}`, { version: note.version, text: "Access rules adopted for a six-month trial from January." })).status).toBe(200);
    const versions = await lea.client.get<{ items: { version: number; reason: string; editedBy: string }[] }>(`${base()}/meetings/${meetingId}/minutes/versions`);
    expect(versions.body.items.map((v) => [v.version, v.editedBy])).toEqual([
      [1, "Mara Okafor"],
      [2, "Mara Okafor"],
      [3, "Mara Okafor"],
      [4, "Mara Okafor"],
    ]);
    expect(versions.body.items[2]?.reason).toBe("Notes of “Seed bank access rules” edited by Mara Okafor.");
    const first = await lea.client.get<Minutes>(`${base()}/meetings/${meetingId}/minutes/versions/1`);
    expect(first.body).toMatchObject({ version: 1, latestVersion: 4 });
    expect(first.body.markdown).toContain("Access by request, answered within 30 days.");
    expect(first.body.markdown).not.toContain("appeals to the facilitator");
    const latest = await lea.client.get<Minutes>(`${base()}/meetings/${meetingId}/minutes`);
    expect(latest.body.markdown).toContain("appeals to the facilitator");
    expect(latest.body.markdown).toContain("six-month trial from January");
    expect(latest.body.content.summary).toBe("Access rules on trial for six months; the data format item was interrupted by an objection.");
    expect((await lea.client.get(`${base()}/meetings/${meetingId}/minutes/versions/9`)).status).toBe(404);
  });

  it("cancels and reinstates an occurrence, lists meetings, and reports the rhythm signals", async () => {
    const cancelled = await mara.client.post<Cadence>(`${base()}/cadences/${cadence.id}/occurrences/20270105T150000/cancel`, { reason: "New Year" });
    expect(cancelled.body.cancelledOccurrences).toEqual([expect.objectContaining({ occurrenceKey: "20270105T150000", reason: "New Year" })]);
    expect((await mara.client.post(`${base()}/cadences/${cadence.id}/occurrences/20270105T150000/cancel`, {})).body).toMatchObject({ error: "conflict" });
    expect((await mara.client.post(`${base()}/cadences/${cadence.id}/occurrences/20270106T150000/cancel`, {})).status).toBe(404);
    const listed = await priya.client.get<{ items: Occurrence[] }>(`${base()}/cadences/${cadence.id}/occurrences?from=2026-11-01T00:00:00Z&to=2027-03-01T00:00:00Z`);
    expect(listed.body.items.map((o) => [o.occurrenceKey, o.cancelled, o.meeting?.status ?? null])).toEqual([
      ["20261201T150000", false, "closed"],
      ["20270105T150000", true, null],
      ["20270202T150000", false, null],
    ]);
    expect((await priya.client.post(`${base()}/meetings`, { cadenceId: cadence.id, occurrenceKey: "20270105T150000" })).body).toMatchObject({ error: "conflict" });
    expect((await mara.client.delete<Cadence>(`${base()}/cadences/${cadence.id}/occurrences/20270105T150000/cancel`)).body.cancelledOccurrences).toEqual([]);

    const meetings = await priya.client.get<{ items: { id: string; status: string; minutesVersion: number | null }[] }>(`${base()}/meetings?status=closed`);
    expect(meetings.body.items).toEqual([expect.objectContaining({ id: meetingId, status: "closed", minutesVersion: 4 })]);

    const signals = await priya.client.get<{
      adherence: { due: number; onSchedule: number; adherence: number | null };
      renewal: { source: string; periodMonths: number; state: string };
      skippedMeetingStreaks: { seatName: string; streak: number }[];
      seatAttendance: { seatName: string; expected: number; attended: number }[];
      meetingRatings: { count: number; average: number | null };
    }>(`${base()}/rhythm/signals`);
    expect(signals.status).toBe(200);
    expect(signals.body.adherence).toMatchObject({ due: 1, onSchedule: 1, adherence: 1 });
    expect(signals.body.renewal).toMatchObject({ source: "alliance_created", periodMonths: 12, state: "on_track" });
    expect(signals.body.skippedMeetingStreaks.map((s) => [s.seatName, s.streak])).toEqual(
      expect.arrayContaining([
        ["Agri One", 0],
        ["Seed Bank Trust", 0],
      ]),
    );
    expect(signals.body.seatAttendance).toEqual(expect.arrayContaining([expect.objectContaining({ seatName: "Seed Bank Trust", expected: 1, attended: 1 })]));
    expect(signals.body.meetingRatings).toEqual({ count: 2, average: 3.5 });
  });

  it("opens one meeting when two seats open the same occurrence at once, and numbers items added at once without gaps or twins", async () => {
    now = new Date("2026-12-10T09:00:00Z");
    const opened = await Promise.all([priya, kim].map((who) => who.client.post<Meeting>(`${base()}/meetings`, { cadenceId: cadence.id, occurrenceKey: "20270202T150000" })));
    expect(opened.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(opened[0]!.body.id).toBe(opened[1]!.body.id);
    const id = opened[0]!.body.id;
    const added = await Promise.all(
      [priya, kim, priya, kim, priya, kim].map((who, n) => who.client.post<Meeting>(`${base()}/meetings/${id}/items`, { title: `Item ${n + 1}` })),
    );
    expect(added.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const meeting = await lea.client.get<Meeting>(`${base()}/meetings/${id}`);
    expect(meeting.body.agenda).toHaveLength(6);
    const positions = await server.ctx.db.selectFrom("agenda_items").select("position").where("meeting_id", "=", id).orderBy("position").execute();
    expect(positions.map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
