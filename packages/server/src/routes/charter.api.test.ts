import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@trellis/db/testing";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server";
import { runJobOnce } from "../jobs/job-runner";
import { openDueRenewalsJob } from "../jobs/decision-jobs";

const kinds = await testDatabaseKinds();

interface Clause {
  id: string;
  section: string;
  text: string;
  revision: number;
  authors: { wroteBy: { seatId: string; name: string } | null; amendedBy: { seatId: string; name: string }[]; facilitatorWritten: boolean };
  authorship: { kind: string; seatId: string | null; person: { displayName: string }; charterVersion: number }[];
}
interface CharterView {
  version: number;
  currentVersion: number;
  sections: { section: string; clauses: Clause[] }[];
  authorship: { seats: { seatId: string; name: string; wrote: number; amended: number; share: number }[]; equity: number | null };
  rules: { amendmentRule: { kind: string }; renewalPeriodMonths: number };
  renewal: { renewedOn: string | null; nextDueOn: string; isOverdue: boolean; overdueByDays: number } | null;
}
interface AmendmentView {
  id: string;
  state: string;
  draft: number;
  version: number;
  stale: boolean;
  suggestedRebase: string | null;
  ratifiedAsVersion: number | null;
  diff: { op: string; text: string }[];
  ratification: { verdict: string | null; met: boolean; consentingSeats: string[]; objectingSeats: string[]; pendingSeats: string[]; seats: { seatId: string; answer: string | null; objections: { reason: string }[] }[] };
  can: Record<string, boolean>;
}
interface ErrorBody {
  error: string;
  details?: Record<string, unknown>;
}

const clauseIn = (charter: CharterView, section: string, index = 0) => charter.sections.find((s) => s.section === section)!.clauses[index]!;

describe.each(kinds)("the charter over HTTP on %s", (kind) => {
  let server: TestServer;
  let now = new Date("2026-06-10T09:00:00Z");
  const facilitator = { client: null as unknown as ApiClient };
  const partners: Record<"alice" | "bob" | "cara" | "dan", { client: ApiClient; id: string; seatId: string }> = {} as never;
  let allianceId: string;
  let seats: { a: string; b: string; c: string };

  beforeAll(async () => {
    server = await startTestServer({ kind, clock: () => now });
    facilitator.client = new ApiClient(server.url);
    await facilitator.client.signUp("mara@facilitation.example", "Mara Okafor");
    allianceId = (await facilitator.client.post<{ id: string }>("/api/v1/alliances", { name: "River Data Alliance", purpose: "Measure rivers together." })).body.id;
    const seatOf = async (name: string, kind: string, weight: number) => {
      const org = await facilitator.client.post<{ id: string }>("/api/v1/organizations", { name, kind });
      return (await facilitator.client.post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, { organizationId: org.body.id, weight })).body.id;
    };
    seats = { a: await seatOf("Acme Water", "company", 2), b: await seatOf("Blue Basin Trust", "ngo", 1), c: await seatOf("Coastal Institute", "research", 1) };
    const join = async (key: "alice" | "bob" | "cara" | "dan", name: string, seatId: string, role: "delegate" | "member") => {
      const client = new ApiClient(server.url);
      const person = await client.signUp(`${key}@example.org`, name);
      expect((await facilitator.client.post(`/api/v1/alliances/${allianceId}/members`, { personId: person.id, role, seatId })).status).toBe(204);
      partners[key] = { client, id: person.id, seatId };
    };
    await join("alice", "Alice Acme", seats.a, "delegate");
    await join("bob", "Bob Blue", seats.b, "delegate");
    await join("cara", "Cara Coast", seats.c, "delegate");
    await join("dan", "Dan Acme", seats.a, "member");
  });
  afterAll(async () => server?.close());

  const url = (path: string) => `/api/v1/alliances/${allianceId}${path}`;
  const charter = async (client = facilitator.client, query = "") => (await client.get<CharterView>(url(`/charter${query}`))).body;
  const amendment = async (id: string, client = facilitator.client) => (await client.get<AmendmentView>(url(`/amendments/${id}`))).body;
  const answer = (who: keyof typeof partners, id: string, draft: number, value: "consent" | "object", reason?: string) =>
    partners[who].client.post<AmendmentView & ErrorBody>(url(`/amendments/${id}/answers`), { draft, answer: value, ...(reason !== undefined ? { reason } : {}) });

  it("starts with a first draft whose clauses name the seats that wrote them", async () => {
    expect((await facilitator.client.get<ErrorBody>(url("/charter"))).body).toMatchObject({ error: "not_found", details: { reason: "no_charter" } });
    const created = await facilitator.client.post<CharterView>(url("/charter"), {
      clauses: [
        { section: "purpose", text: "Together we make river basins measurable.", writtenBy: { personId: partners.alice.id, seatId: seats.a } },
        { section: "scope", scopeSide: "in", text: "Shared sensor standards are pre-competitive.", writtenBy: { personId: partners.bob.id, seatId: seats.b } },
        { section: "scope", scopeSide: "out", text: "Pricing and customers are out of scope." },
        { section: "principles", text: "We publish what we measure.", writtenBy: { personId: partners.cara.id, seatId: seats.c } },
        { section: "governance", text: "Amendments need the consent of every partner.", setting: { key: "amendment_rule", rule: { kind: "unanimous" } } },
        { section: "governance", text: "We renew our purpose every twelve months.", setting: { key: "renewal_period", months: 12 } },
        { section: "contributions", seatId: seats.c, text: "Coastal lends two field engineers.", writtenBy: { personId: partners.cara.id, seatId: seats.c } },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(1);
    expect(created.body.sections.map((s) => s.section)).toEqual(["purpose", "scope", "principles", "governance", "objectives", "contributions"]);
    expect(clauseIn(created.body, "purpose").authors.wroteBy).toEqual({ seatId: seats.a, name: "Acme Water" });
    expect(clauseIn(created.body, "scope", 1).authors.facilitatorWritten).toBe(true);
    expect(created.body.rules).toMatchObject({ amendmentRule: { kind: "unanimous" }, renewalPeriodMonths: 12 });
    expect(created.body.renewal).toMatchObject({ renewedOn: null, nextDueOn: "2027-06-10", isOverdue: false });
    // A second charter is refused: the charter changes by amendment only.
    expect((await facilitator.client.post<ErrorBody>(url("/charter"), { clauses: [] })).body.error).toBe("already_exists");
    // Partners read it too.
    expect((await charter(partners.dan.client)).version).toBe(1);
  });

  it("runs a three-organization amendment: one proposes, two ratify, the third objects with a reason, the proposer revises, all ratify -> version 2 with diff and authorship", async () => {
    now = new Date("2026-06-15T09:00:00Z");
    const purpose = clauseIn(await charter(), "purpose");
    const proposed = await partners.bob.client.post<AmendmentView>(url("/amendments"), {
      kind: "change",
      clauseId: purpose.id,
      proposedText: "Together we make river basins measurable and share the data openly.",
      rationale: "Our members fund open data only.",
    });
    expect(proposed.status).toBe(201);
    const id = proposed.body.id;
    expect(proposed.body).toMatchObject({ state: "open", draft: 1, stale: false });
    expect(proposed.body.diff).toContainEqual({ op: "insert", text: expect.stringContaining("share the data openly") });

    now = new Date("2026-06-16T09:00:00Z");
    expect((await answer("bob", id, 1, "consent")).body.ratification.consentingSeats).toEqual([seats.b]);
    expect((await answer("alice", id, 1, "consent")).body.state).toBe("open");
    // An objection needs a reason.
    const bare = await answer("cara", id, 1, "object");
    expect(bare.status).toBe(400);
    expect(bare.body).toMatchObject({ error: "validation_failed", details: { field: "reason" } });
    const objected = await answer("cara", id, 1, "object", "Open raw data exposes the locations of protected species.");
    expect(objected.body.ratification).toMatchObject({ verdict: "unreachable", met: false, objectingSeats: [seats.c] });
    expect(objected.body.ratification.seats.find((s) => s.seatId === seats.c)?.objections[0]?.reason).toContain("protected species");

    // The discussion thread.
    expect((await partners.cara.client.post(url(`/amendments/${id}/comments`), { body: "Could we aggregate sensitive sites?" })).status).toBe(201);
    now = new Date("2026-06-16T10:00:00Z");
    expect((await partners.bob.client.post(url(`/amendments/${id}/comments`), { body: "Yes: aggregated to 10 km for sensitive sites." })).status).toBe(201);
    const thread = await partners.alice.client.get<{ items: { author: { displayName: string }; body: string }[] }>(url(`/amendments/${id}/comments`));
    expect(thread.body.items.map((c) => c.author.displayName)).toEqual(["Cara Coast", "Bob Blue"]);

    // Only the proposer revises; the revision is a new draft and earlier answers no longer count.
    const current = await amendment(id);
    expect((await partners.alice.client.post<ErrorBody>(url(`/amendments/${id}/rebase`), { version: current.version, proposedText: "x" })).body.error).toBe("forbidden");
    const revised = await partners.bob.client.post<AmendmentView>(url(`/amendments/${id}/rebase`), {
      version: current.version,
      proposedText: "Together we make river basins measurable and share the data openly, aggregating sensitive sites.",
      rationale: "Open data, with sensitive sites aggregated to 10 km.",
    });
    expect(revised.body).toMatchObject({ draft: 2, state: "open" });
    expect(revised.body.ratification.pendingSeats.sort()).toEqual([seats.a, seats.b, seats.c].sort());
    // An answer to the old draft is stale.
    expect((await answer("alice", id, 1, "consent")).body).toMatchObject({ error: "stale_version" });
    // A stale version of the amendment itself is refused.
    expect((await partners.bob.client.post<ErrorBody>(url(`/amendments/${id}/rebase`), { version: current.version, proposedText: "again" })).body.error).toBe("stale_version");

    now = new Date("2026-06-20T09:00:00Z");
    await answer("cara", id, 2, "consent");
    await answer("alice", id, 2, "consent");
    const ratified = await answer("bob", id, 2, "consent");
    expect(ratified.body).toMatchObject({ state: "ratified", ratifiedAsVersion: 2 });
    expect(ratified.body.ratification).toMatchObject({ met: true });

    const v2 = await charter();
    expect(v2.version).toBe(2);
    const amended = clauseIn(v2, "purpose");
    expect(amended.text).toContain("aggregating sensitive sites");
    expect(amended.revision).toBe(2);
    expect(amended.authors).toMatchObject({ wroteBy: { seatId: seats.a }, amendedBy: [{ seatId: seats.b, name: "Blue Basin Trust" }] });
    expect(amended.authorship.map((e) => [e.kind, e.person.displayName, e.charterVersion])).toEqual([
      ["wrote", "Alice Acme", 1],
      ["amended", "Bob Blue", 2],
    ]);
    const bySeat = new Map(v2.authorship.seats.map((s) => [s.seatId, s]));
    expect(bySeat.get(seats.b)).toMatchObject({ wrote: 1, amended: 1 });
    expect(v2.authorship.equity).toBeGreaterThan(0);

    const versions = await facilitator.client.get<{ currentVersion: number; items: { version: number; amendment: { id: string; proposerSeatName: string } | null }[] }>(url("/charter/versions"));
    expect(versions.body.items.map((v) => v.version)).toEqual([2, 1]);
    expect(versions.body.items[0]?.amendment).toMatchObject({ id, proposerSeatName: "Blue Basin Trust" });

    const diff = await facilitator.client.get<{ changed: number; added: number; clauses: { clauseId: string; change: string; parts: { op: string; text: string }[] }[] }>(url("/charter/diff?from=1&to=2"));
    expect(diff.body).toMatchObject({ changed: 1, added: 0 });
    const changed = diff.body.clauses.find((c) => c.change === "changed")!;
    expect(changed.clauseId).toBe(purpose.id);
    expect(changed.parts.filter((p) => p.op === "insert").map((p) => p.text).join("")).toContain("share the data openly, aggregating sensitive sites");
    expect(changed.parts.filter((p) => p.op === "equal").map((p) => p.text).join("")).toContain("Together we make river basins measurable");
    // Either direction, and the old version stays readable.
    expect((await facilitator.client.get<{ fromVersion: number; toVersion: number }>(url("/charter/diff?from=2&to=1"))).body).toMatchObject({ fromVersion: 2, toVersion: 1 });
    expect(clauseIn(await charter(facilitator.client, "?version=1"), "purpose").text).toBe("Together we make river basins measurable.");

    const events = await partners.dan.client.get<{ items: { type: string; payload: Record<string, unknown> }[] }>(url("/events?type=charter.amended"));
    expect(events.body.items[0]).toMatchObject({ type: "charter.amended", payload: { amendmentId: id, version: 2, allSeats: true } });
    const answered = await partners.dan.client.get<{ items: { type: string; payload: Record<string, unknown> }[] }>(url("/events?type=amendment."));
    expect(new Set(answered.body.items.map((e) => e.type))).toEqual(new Set(["amendment.proposed", "amendment.answered", "amendment.commented", "amendment.rebased"]));
  });

  it("makes the other open amendments to a changed clause stale; the proposer rebases (with a suggested merge) and it is ratified", async () => {
    now = new Date("2026-07-01T09:00:00Z");
    const v2 = await charter();
    const scopeIn = clauseIn(v2, "scope");
    const principles = clauseIn(v2, "principles");
    const first = (await partners.alice.client.post<AmendmentView>(url("/amendments"), { kind: "change", clauseId: scopeIn.id, proposedText: "Shared sensor standards and calibration methods are pre-competitive.", rationale: "Calibration too." })).body;
    const second = (await partners.cara.client.post<AmendmentView>(url("/amendments"), { kind: "change", clauseId: scopeIn.id, proposedText: "Shared sensor standards are pre-competitive, for ten years.", rationale: "A horizon." })).body;
    const other = (await partners.bob.client.post<AmendmentView>(url("/amendments"), { kind: "change", clauseId: principles.id, proposedText: "We publish what we measure, within a month.", rationale: "Timeliness." })).body;

    for (const who of ["alice", "bob", "cara"] as const) await answer(who, first.id, 1, "consent");
    expect((await amendment(first.id)).state).toBe("ratified");

    const staled = await amendment(second.id);
    expect(staled).toMatchObject({ state: "stale", stale: true });
    expect(staled.can).toMatchObject({ answer: false });
    // The two edits touch different words, so a merge is suggested.
    expect(staled.suggestedRebase).toBe("Shared sensor standards and calibration methods are pre-competitive, for ten years.");
    expect((await amendment(other.id)).state).toBe("open");
    expect((await answer("bob", second.id, 1, "consent")).body).toMatchObject({ error: "stale_version", details: { reason: "amendment_stale" } });
    const staleEvents = await facilitator.client.get<{ items: { payload: Record<string, unknown> }[] }>(url("/events?type=amendment.became_stale"));
    expect(staleEvents.body.items[0]?.payload).toMatchObject({ amendmentId: second.id, byAmendmentId: first.id });

    const rebased = await partners.cara.client.post<AmendmentView>(url(`/amendments/${second.id}/rebase`), { version: staled.version, proposedText: staled.suggestedRebase });
    expect(rebased.body).toMatchObject({ state: "open", draft: 2, stale: false });
    for (const who of ["alice", "bob", "cara"] as const) await answer(who, second.id, 2, "consent");
    const v4 = await charter();
    expect(v4.version).toBe(4);
    expect(clauseIn(v4, "scope").text).toBe("Shared sensor standards and calibration methods are pre-competitive, for ten years.");
    expect(clauseIn(v4, "scope").authors.amendedBy.map((s) => s.seatId)).toEqual([seats.a, seats.c]);

    // The untouched clause's amendment stays open; its proposer withdraws it.
    const open = await amendment(other.id);
    expect((await partners.bob.client.post<AmendmentView>(url(`/amendments/${other.id}/withdraw`), { version: open.version })).body.state).toBe("withdrawn");
    const list = await facilitator.client.get<{ items: { id: string; state: string }[] }>(url("/amendments?state=stale,open"));
    expect(list.body.items).toEqual([]);
  });

  it("asks every seat to renew when the period comes due; shows renewal overdue by N days, then renewed on", async () => {
    now = new Date("2027-06-25T08:00:00Z");
    // A year on, sessions have expired: everyone signs in again.
    await facilitator.client.signIn("mara@facilitation.example");
    for (const key of ["alice", "bob", "cara", "dan"] as const) await partners[key].client.signIn(`${key}@example.org`);
    const overdue = await partners.alice.client.get<{ status: { isOverdue: boolean; overdueByDays: number; nextDueOn: string }; openRound: unknown }>(url("/charter/renewal"));
    expect(overdue.body.status).toMatchObject({ isOverdue: true, overdueByDays: 15, nextDueOn: "2027-06-10" });
    expect(overdue.body.openRound).toBeNull();

    expect(await runJobOnce(server.ctx, openDueRenewalsJob, "test-instance")).toBe(true);
    const mail = await server.smtp.waitFor((m) => m.to.includes("cara@example.org") && m.subject.includes("renew"));
    expect(mail.text).toContain("river basins");
    // The job opens one round only.
    await runJobOnce(server.ctx, openDueRenewalsJob, "test-instance");
    expect((await facilitator.client.post<ErrorBody>(url("/charter/renewal/rounds"))).body.error).toBe("already_exists");

    const answerRenewal = (who: keyof typeof partners, body: Record<string, unknown>) => partners[who].client.post<{ status: { renewedOn: string | null }; openRound: { pendingSeats: string[]; concernedSeats: string[] } | null } & ErrorBody>(url("/charter/renewal/answers"), body);
    expect((await answerRenewal("alice", { answer: "reaffirm" })).body.openRound?.pendingSeats.sort()).toEqual([seats.b, seats.c].sort());
    expect((await answerRenewal("bob", { answer: "concern" })).body.error).toBe("validation_failed");
    expect((await answerRenewal("bob", { answer: "concern", reason: "Our board wants a funding clause first." })).body.openRound?.concernedSeats).toEqual([seats.b]);
    expect((await answerRenewal("dan", { answer: "reaffirm" })).body.error).toBe("forbidden");
    expect((await answerRenewal("cara", { answer: "reaffirm" })).body.status.renewedOn).toBeNull();
    now = new Date("2027-06-28T10:00:00Z");
    const renewed = await answerRenewal("bob", { answer: "reaffirm" });
    expect(renewed.body.openRound).toBeNull();
    expect(renewed.body.status).toMatchObject({ renewedOn: "2027-06-28", nextDueOn: "2028-06-28", isOverdue: false, overdueByDays: 0 });
    const events = await facilitator.client.get<{ items: { type: string; payload: Record<string, unknown> }[] }>(url("/events?type=charter.renewed"));
    expect(events.body.items[0]?.payload).toMatchObject({ renewedOn: "2027-06-28", until: "2028-06-28" });
    expect((await charter()).renewal).toMatchObject({ renewedOn: "2027-06-28" });
  });

  it("refuses bad input with stable codes and changes nothing", async () => {
    const v = await charter();
    const purpose = clauseIn(v, "purpose");
    const rule = clauseIn(v, "governance");
    const propose = (client: ApiClient, body: Record<string, unknown>) => client.post<ErrorBody>(url("/amendments"), body);
    expect((await propose(partners.alice.client, { kind: "change", clauseId: "no-such-clause", proposedText: "x", rationale: "y" })).body.error).toBe("not_found");
    expect((await propose(partners.alice.client, { kind: "remove", clauseId: rule.id, rationale: "y" })).body).toMatchObject({ error: "validation_failed", details: { reason: "states_rule" } });
    expect((await propose(partners.alice.client, { kind: "change", clauseId: purpose.id, proposedText: purpose.text, rationale: "same" })).body).toMatchObject({ error: "validation_failed", details: { reason: "unchanged" } });
    expect((await propose(partners.alice.client, { kind: "change", clauseId: purpose.id, proposedText: "x", rationale: "   " })).body.error).toBe("validation_failed");
    expect((await propose(partners.alice.client, { kind: "add", placement: { section: "contributions", seatId: seats.c }, proposedText: "Coastal gives more.", rationale: "y" })).body).toMatchObject({ error: "forbidden", details: { reason: "other_seat_clause" } });
    expect((await propose(partners.alice.client, { kind: "add", placement: { section: "purpose", scopeSide: "in" }, proposedText: "x", rationale: "y" })).body).toMatchObject({ error: "validation_failed", details: { reason: "not_scope" } });
    expect((await propose(partners.alice.client, { kind: "sideways", clauseId: purpose.id, rationale: "y" })).body.error).toBe("validation_failed");
    expect((await propose(partners.alice.client, { kind: "change", clauseId: rule.id, proposedText: "Two thirds decide.", proposedSetting: { key: "amendment_rule", rule: { kind: "qualified_majority", threshold: { numerator: 1, denominator: 3 } } }, rationale: "y" })).body).toMatchObject({ error: "validation_failed", details: { reason: "invalid_rule" } });
    // Facilitators and members do not propose or ratify: seats do, through their delegates.
    expect((await propose(facilitator.client, { kind: "change", clauseId: purpose.id, proposedText: "x", rationale: "y" })).body.error).toBe("forbidden");
    expect((await propose(partners.dan.client, { kind: "change", clauseId: purpose.id, proposedText: "x", rationale: "y" })).body.error).toBe("forbidden");
    expect((await propose(partners.alice.client, { seatId: seats.b, kind: "change", clauseId: purpose.id, proposedText: "x", rationale: "y" })).body.error).toBe("forbidden");

    const ok = (await propose(partners.alice.client, { kind: "add", placement: { section: "objectives", seatId: seats.a }, proposedText: "Acme certifies two sensors a year.", rationale: "Our own objective." })).body as unknown as AmendmentView;
    expect((await answer("dan", ok.id, 1, "consent")).body.error).toBe("forbidden");
    expect((await facilitator.client.post<ErrorBody>(url(`/amendments/${ok.id}/answers`), { draft: 1, answer: "consent" })).body.error).toBe("forbidden");
    expect((await answer("bob", ok.id, 7, "consent")).body.error).toBe("stale_version");
    expect((await partners.bob.client.post<ErrorBody>(url(`/amendments/${ok.id}/answers`), { draft: 1, answer: "maybe" })).body.error).toBe("validation_failed");
    expect((await partners.bob.client.post<ErrorBody>(url(`/amendments/${ok.id}/withdraw`), { version: ok.version })).body.error).toBe("forbidden");
    // Rejecting needs an unreachable rule.
    expect((await facilitator.client.post<ErrorBody>(url(`/amendments/${ok.id}/reject`), { version: ok.version })).body.error).toBe("illegal_move");
    await answer("bob", ok.id, 1, "object", "Certification belongs to the standards clause.");
    const rejected = await facilitator.client.post<AmendmentView>(url(`/amendments/${ok.id}/reject`), { version: ok.version });
    expect(rejected.body.state).toBe("rejected");
    expect((await answer("cara", ok.id, 1, "consent")).body.error).toBe("illegal_move");

    // Other alliances' ids and strangers get 404.
    const stranger = new ApiClient(server.url);
    await stranger.signUp("stranger@example.org", "Stranger");
    expect((await stranger.get(url("/charter"))).status).toBe(404);
    expect((await stranger.get(url(`/amendments/${ok.id}`))).status).toBe(404);
    const otherAlliance = (await stranger.post<{ id: string }>("/api/v1/alliances", { name: "Other Alliance" })).body.id;
    expect((await facilitator.client.get(`/api/v1/alliances/${otherAlliance}/charter`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/alliances/${otherAlliance}/amendments/${ok.id}`)).status).toBe(404);
    expect((await facilitator.client.get<ErrorBody>(url("/amendments?cursor=bm90LWEtY3Vyc29y"))).body.error).toBe("validation_failed");
    expect((await facilitator.client.get<ErrorBody>(url("/charter/diff?from=99"))).body.error).toBe("not_found");
    expect((await facilitator.client.get<ErrorBody>(url("/charter?version=-1"))).body.error).toBe("validation_failed");
  });

  it("changes its own amendment rule by amendment; a weighted rule then ratifies without every seat, and of two racing ratifications of one clause exactly one wins", async () => {
    now = new Date("2027-07-05T09:00:00Z");
    const before = await charter();
    const rule = clauseIn(before, "governance");
    const changeRule = (
      await partners.alice.client.post<AmendmentView>(url("/amendments"), {
        kind: "change",
        clauseId: rule.id,
        proposedText: "Amendments need the consent of seats holding three quarters of the weight.",
        proposedSetting: { key: "amendment_rule", rule: { kind: "weighted", threshold: { numerator: 3, denominator: 4 } } },
        rationale: "Unanimity lets one partner stall everyone.",
      })
    ).body;
    // The new rule is ratified under the rule in force: unanimity.
    await answer("alice", changeRule.id, 1, "consent");
    await answer("bob", changeRule.id, 1, "consent");
    expect((await amendment(changeRule.id)).state).toBe("open");
    await answer("cara", changeRule.id, 1, "consent");
    const after = await charter();
    expect(after.version).toBe(before.version + 1);
    expect(after.rules.amendmentRule).toEqual({ kind: "weighted", threshold: { numerator: 3, denominator: 4 } });

    // Acme (weight 2) and Blue Basin (1) hold 3 of 4: enough without Coastal.
    const principles = clauseIn(after, "principles");
    const quick = (await partners.bob.client.post<AmendmentView>(url("/amendments"), { kind: "change", clauseId: principles.id, proposedText: "We publish what we measure, openly.", rationale: "Plain words." })).body;
    expect((await answer("bob", quick.id, 1, "consent")).body.ratification).toMatchObject({ verdict: "pending", met: false });
    const done = await answer("alice", quick.id, 1, "consent");
    expect(done.body).toMatchObject({ state: "ratified" });
    expect(done.body.ratification.pendingSeats).toEqual([seats.c]);

    // Two amendments to the same clause, both one answer short; the answers race.
    const current = clauseIn(await charter(), "principles");
    const x = (await partners.alice.client.post<AmendmentView>(url("/amendments"), { kind: "change", clauseId: current.id, proposedText: "We publish what we measure, openly and quickly.", rationale: "x" })).body;
    const y = (await partners.bob.client.post<AmendmentView>(url("/amendments"), { kind: "change", clauseId: current.id, proposedText: "We publish everything we measure, openly.", rationale: "y" })).body;
    await answer("alice", x.id, 1, "consent");
    await answer("alice", y.id, 1, "consent");
    const raced = await Promise.all([answer("bob", x.id, 1, "consent"), answer("bob", y.id, 1, "consent")]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
    const states = [(await amendment(x.id)).state, (await amendment(y.id)).state].sort();
    expect(states).toEqual(["ratified", "stale"]);
    const final = await charter();
    expect(final.version).toBe(before.version + 3);
  });

  it("describes its routes in the OpenAPI document", async () => {
    const doc = await facilitator.client.get<{ paths: Record<string, Record<string, unknown>> }>("/api/openapi.json");
    expect(doc.status).toBe(200);
    for (const path of ["/api/v1/alliances/{id}/charter", "/api/v1/alliances/{id}/charter/diff", "/api/v1/alliances/{id}/amendments/{amendmentId}/answers", "/api/v1/alliances/{id}/charter/renewal/answers"]) {
      expect(doc.body.paths[path], path).toBeDefined();
    }
  });

  it("verifies the chain and exports the charter tables in the archive", async () => {
    expect((await facilitator.client.get<{ ok: boolean }>(url("/verify"))).body.ok).toBe(true);
    const { exportAlliance } = await import("@trellis/db");
    const { PassThrough } = await import("node:stream");
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    await exportAlliance(server.ctx.db, allianceId, out);
    const text = Buffer.concat(chunks).toString("utf8");
    for (const table of ["charters", "charter_versions", "charter_amendments", "charter_ratifications", "charter_comments", "charter_renewal_rounds", "charter_renewal_answers"]) {
      expect(text, table).toContain(`"table":"${table}"`);
    }
  });
});
