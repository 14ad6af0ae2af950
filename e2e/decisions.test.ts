import fs from "node:fs";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectNoSeriousViolations } from "./support/axe";
import { describeWithBrowser, isSameWindow, markWindow, scrollWidth, useHouse, type House } from "./support/house";

// Decisions as partners make them: a consent proposal where one seat objects with a reason, the
// proposer integrates the objection, both seats consent and it passes into the decision log with
// the seat that did not take part; a ranked-choice poll whose per-seat tally and instant-runoff
// rounds are read from the page; and axe on every decisions page.

const password = "correct horse battery";

interface Seeded {
  allianceId: string;
  seats: { acme: string; blue: string; cycle: string };
  people: Record<"alice" | "bob" | "cara" | "dan", { id: string; email: string; client: ReturnType<House["api"]> }>;
}

const organizations = new Map<string, string>();

/** An alliance with three seats: Acme Foods (Alice, delegate; Dan, member), Blue Bottles (Bob) and Cycle Labs (Cara). */
async function seedAlliance(house: House, tag: string): Promise<Seeded> {
  const facilitator = house.api();
  await facilitator.signUp(`mara-${tag}@facilitation.example`, "Mara Facilitator", password);
  const alliance = await facilitator.post<{ id: string }>("/api/v1/alliances", { name: `Packaging Pact ${tag}`, purpose: "Less packaging waste, measured the same way." });
  const allianceId = alliance.body.id;
  const seatOf = async (name: string) => {
    // Organizations are registered once in Trellis; each test's alliance seats the same three.
    let organizationId = organizations.get(name);
    if (!organizationId) {
      const organization = await facilitator.post<{ id: string }>("/api/v1/organizations", { name, kind: "company" });
      expect(organization.status).toBe(201);
      organizationId = organization.body.id;
      organizations.set(name, organizationId);
    }
    const seat = await facilitator.post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, { organizationId, weight: 1 });
    expect(seat.status).toBe(201);
    return seat.body.id;
  };
  const seats = { acme: await seatOf("Acme Foods"), blue: await seatOf("Blue Bottles"), cycle: await seatOf("Cycle Labs") };
  const join = async (key: string, name: string, seatId: string, role: "delegate" | "member") => {
    const client = house.api();
    const email = `${key}-${tag}@example.org`;
    const person = await client.signUp(email, name, password);
    expect((await facilitator.post(`/api/v1/alliances/${allianceId}/members`, { personId: person.id, role, seatId })).status).toBe(204);
    return { id: person.id, email, client };
  };
  const people = {
    alice: await join("alice", "Alice Acme", seats.acme, "delegate"),
    bob: await join("bob", "Bob Blue", seats.blue, "delegate"),
    cara: await join("cara", "Cara Cycle", seats.cycle, "delegate"),
    dan: await join("dan", "Dan Acme", seats.acme, "member"),
  };
  return { allianceId, seats, people };
}

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();
}

/** The cells of a table row whose header cell reads `rowName`. */
async function rowText(page: Page, table: string, rowName: string): Promise<string> {
  const row = page.getByRole("table", { name: table }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: rowName }) });
  const cells = await row.locator("th, td").allInnerTexts();
  return cells.join(" ").replace(/\s+/g, " ").trim();
}

describeWithBrowser("decisions", () => {
  const house = useHouse();

  it("a consent proposal: one seat objects with a reason, the proposer integrates it, both seats consent, it passes and enters the decision log with the seat that did not take part", async () => {
    const { allianceId, people } = await seedAlliance(house, "consent");

    // Alice proposes from the alliance home.
    const alice = await house.newPage("alice");
    await signIn(alice, people.alice.email);
    await alice.goto(`/alliances/${allianceId}`);
    await alice.getByRole("navigation", { name: "In this alliance" }).getByRole("link", { name: "Decisions", exact: true }).click();
    await alice.getByRole("heading", { name: "Decisions", level: 1 }).waitFor();
    await alice.getByText("No open proposals").waitFor();
    await alice.getByRole("button", { name: "Make a proposal" }).click();
    const form = alice.getByRole("form", { name: "Make a proposal" });
    await form.getByLabel("Title").fill("Adopt a shared data licence");
    await form.getByLabel("Proposal text").fill("All pilot data under CC BY 4.0.");
    await form.getByRole("radio", { name: "Consent" }).check();
    await form.getByText("the proposer must address or integrate every objection first").waitFor();
    await form.getByRole("button", { name: "Make proposal" }).click();
    await alice.getByRole("heading", { name: "Adopt a shared data licence", level: 1 }).waitFor();
    await alice.getByText("Live", { exact: true }).waitFor();
    await alice.getByText("No objections so far.").waitFor();
    // From here on Alice's page must not reload: what Bob does arrives live.
    await markWindow(alice);

    // Bob objects for Blue Bottles; an objection needs a reason.
    const bob = await house.newPage("bob");
    await signIn(bob, people.bob.email);
    await bob.goto(`/alliances/${allianceId}/proposals`);
    await bob.getByRole("list", { name: "Open proposals" }).getByRole("link", { name: "Adopt a shared data licence" }).click();
    const bobPosition = bob.getByRole("form", { name: "Your position" });
    await bobPosition.getByRole("radio", { name: "Object" }).check();
    await bobPosition.getByRole("button", { name: "Take my position" }).click();
    await bobPosition.getByText("This position needs a reason.").waitFor();
    await bobPosition.getByLabel("Reason").fill("CC BY exposes our partners' supplier names.");
    await bobPosition.getByRole("button", { name: "Take my position" }).click();
    await bob.getByText("You said:").waitFor();

    // Alice sees the objection live, and integrates it with a revised text.
    const objection = alice.getByRole("listitem", { name: "Objection of Bob Blue for Blue Bottles" });
    await objection.getByText("CC BY exposes our partners' supplier names.").waitFor();
    await objection.getByText("Open", { exact: true }).waitFor();
    await alice.getByText("So far: does not pass: an objection is not yet addressed or integrated.").waitFor();
    const answer = objection.getByRole("form", { name: "Answer the objection of Bob Blue for Blue Bottles" });
    await answer.getByRole("radio", { name: "Integrate it" }).check();
    await answer.getByLabel("How you integrated it").fill("Supplier names are removed before release.");
    await answer.getByLabel("Revised proposal text").fill("All pilot data under CC BY 4.0, with supplier names removed before release.");
    await answer.getByRole("button", { name: "Integrate objection" }).click();
    await objection.getByText("Integrated", { exact: true }).waitFor();
    await objection.getByText("Supplier names are removed before release.").waitFor();
    await alice.getByText("All pilot data under CC BY 4.0, with supplier names removed before release.").waitFor();
    await alice.getByText("So far: passes.").waitFor();
    expect(await isSameWindow(alice)).toBe(true);

    // Bob reads the revised text live and consents; Alice consents for Acme Foods.
    await bob.getByText("All pilot data under CC BY 4.0, with supplier names removed before release.").waitFor();
    await bobPosition.getByRole("radio", { name: "Consent" }).check();
    await bobPosition.getByRole("button", { name: "Change my position" }).click();
    await bob.getByText("You said:").locator("strong", { hasText: "Consent" }).waitFor();
    const alicePosition = alice.getByRole("form", { name: "Your position" });
    await alicePosition.getByRole("radio", { name: "Consent" }).check();
    await alicePosition.getByRole("button", { name: "Take my position" }).click();
    await alice.getByText("You said:").waitFor();

    // The per-seat tally: both seats consent, Cycle Labs did not take part.
    await alice.getByText("Quorum: 2 of 3 seats took part, 1 needed — met.").waitFor();
    expect(await rowText(alice, "Seat by seat", "Acme Foods")).toBe("Acme Foods 1 Consent");
    await expect.poll(() => rowText(alice, "Seat by seat", "Blue Bottles")).toBe("Blue Bottles 1 Consent");
    expect(await rowText(alice, "Seat by seat", "Cycle Labs")).toBe("Cycle Labs none Did not take part");
    expect(await rowText(alice, "Tally per person and per seat", "Consent")).toBe("Consent 2 2");
    await alice.getByText("Did not take part: Cycle Labs.").waitFor();

    // Alice closes it and records the outcome with a review date.
    await alice.getByRole("button", { name: "Close proposal" }).click();
    await alice.getByRole("dialog", { name: "Close the proposal" }).getByRole("button", { name: "Close now" }).click();
    await alice.getByRole("heading", { name: "Outcome", exact: true, level: 2 }).waitFor();
    await alice.getByText("Passes.", { exact: true }).waitFor();
    await alice.getByRole("button", { name: "Record the outcome" }).click();
    const statement = alice.getByRole("dialog", { name: "Outcome statement" });
    await statement.getByLabel("Outcome statement").fill("Pilot data is released under CC BY 4.0 without supplier names.");
    await statement.getByLabel("Review on").fill("2031-01-15");
    await statement.getByRole("button", { name: "Record outcome" }).click();
    await statement.waitFor({ state: "hidden" });
    await alice.getByText("Review on 15 Jan 2031").waitFor();

    // The decision log finds it, lists the seat that did not take part, and exports it.
    await alice.getByRole("link", { name: "All proposals" }).click();
    await alice.getByRole("link", { name: "Decision log" }).click();
    await alice.getByRole("heading", { name: "Decision log", level: 1 }).waitFor();
    await alice.getByLabel("Search", { exact: true }).fill("supplier names");
    const entry = alice.getByRole("listitem", { name: "Adopt a shared data licence" });
    await entry.getByText("Did not take part: Cycle Labs.").waitFor();
    await entry.getByText("Passed", { exact: true }).waitFor();
    await entry.getByText("Pilot data is released under CC BY 4.0 without supplier names.").waitFor();
    await entry.getByText("Seat by seat: Acme Foods (consent), Blue Bottles (consent), Cycle Labs (did not take part).").waitFor();
    const [download] = await Promise.all([alice.waitForEvent("download"), alice.getByRole("link", { name: "Export CSV" }).click()]);
    const csv = fs.readFileSync((await download.path()) ?? "", "utf8");
    expect(download.suggestedFilename()).toMatch(/decision-log\.csv$/);
    expect(csv).toContain("Adopt a shared data licence");
    expect(csv.split("\r\n").find((line) => line.includes("Adopt a shared data licence"))).toContain("Cycle Labs");
  });

  it("a ranked-choice poll: a split seat shares its vote, the per-seat tally and the instant-runoff rounds show who wins", async () => {
    const { allianceId, people } = await seedAlliance(house, "ranked");

    const alice = await house.newPage("alice");
    await signIn(alice, people.alice.email);
    await alice.goto(`/alliances/${allianceId}/proposals`);
    await alice.getByRole("button", { name: "Make a proposal" }).click();
    const form = alice.getByRole("form", { name: "Make a proposal" });
    await form.getByLabel("Title").fill("Which pilot city first?");
    await form.getByRole("radio", { name: "Ranked choice" }).check();
    await form.getByLabel("Option 1", { exact: true }).fill("Xanten");
    await form.getByLabel("Option 2", { exact: true }).fill("Ypres");
    await form.getByRole("button", { name: "Add an option" }).click();
    await form.getByLabel("Option 3", { exact: true }).fill("Zwolle");
    await form.getByRole("button", { name: "Make proposal" }).click();
    await alice.getByRole("heading", { name: "Which pilot city first?", level: 1 }).waitFor();
    await alice.getByText("Ranked choice, instant runoff.").waitFor();
    const proposalId = alice.url().split("/").at(-1) ?? "";

    // Alice ranks through the page: Xanten first, then Ypres.
    const position = alice.getByRole("form", { name: "Your position" });
    await position.getByRole("button", { name: "Rank Ypres" }).click();
    await position.getByRole("button", { name: "Rank Xanten" }).click();
    await position.getByRole("button", { name: "Move Xanten up" }).click();
    await position.getByRole("button", { name: "Take my position" }).click();
    await alice.getByText("You said:").locator("strong", { hasText: "1. Xanten, 2. Ypres" }).waitFor();

    // The others rank through the API: Dan (Acme) differs from Alice, so Acme Foods is split.
    const take = (client: ReturnType<House["api"]>, ranking: string[]) => client.post(`/api/v1/alliances/${allianceId}/proposals/${proposalId}/positions`, { value: { kind: "ranking", ranking } });
    expect((await take(people.dan.client, ["o2", "o1"])).status).toBe(200);
    expect((await take(people.bob.client, ["o2", "o3"])).status).toBe(200);
    expect((await take(people.cara.client, ["o3", "o1"])).status).toBe(200);

    // The page follows live. First preferences by person X 1, Y 2, Z 1; by seat Acme's vote is shared.
    await alice.getByText("So far: Ypres leads.").waitFor();
    expect(await rowText(alice, "Tally per person and per seat", "Xanten")).toBe("Xanten 1 0.5");
    expect(await rowText(alice, "Tally per person and per seat", "Ypres Leads")).toBe("Ypres LEADS 2 1.5");
    expect(await rowText(alice, "Tally per person and per seat", "Zwolle")).toBe("Zwolle 1 1");
    expect(await rowText(alice, "Seat by seat", "Acme Foods")).toBe("Acme Foods 2 Xanten 0.5 · Ypres 0.5 SPLIT");
    expect(await rowText(alice, "Seat by seat", "Blue Bottles")).toBe("Blue Bottles 1 Ypres 1");
    expect(await rowText(alice, "Seat by seat", "Cycle Labs")).toBe("Cycle Labs 1 Zwolle 1");
    await alice.getByText("Split seats (their delegates differ): Acme Foods.").waitFor();
    await alice.getByText("Every seat took part.").waitFor();
    // Round 1: nobody above half of 3 seats; Xanten drops out, Alice's half-vote moves to Ypres.
    expect(await rowText(alice, "Instant-runoff rounds", "Round 1")).toBe("Round 1 0.5 1.5 1 0 Xanten");
    expect(await rowText(alice, "Instant-runoff rounds", "Round 2")).toBe("Round 2 — 2 1 0 —");

    await alice.getByRole("button", { name: "Close proposal" }).click();
    await alice.getByRole("dialog", { name: "Close the proposal" }).getByRole("button", { name: "Close now" }).click();
    await alice.getByText("Ypres is chosen.").waitFor();
    await alice.getByRole("link", { name: "All proposals" }).click();
    await alice.getByRole("tab", { name: "Closed" }).click();
    await alice.getByRole("list", { name: "Closed proposals" }).getByRole("link", { name: "Which pilot city first?" }).waitFor();
  });

  it("a quorum as a share of the seats: the form says how many seats 60% is, and the proposal asks for 2 of its 3 seats", async () => {
    const { allianceId, people } = await seedAlliance(house, "share");
    const alice = await house.newPage("alice", { bypassCSP: true });
    await signIn(alice, people.alice.email);
    await alice.goto(`/alliances/${allianceId}/proposals`);
    await alice.getByRole("button", { name: "Make a proposal" }).click();
    const form = alice.getByRole("form", { name: "Make a proposal" });
    await form.getByLabel("Title").fill("Share the pallet pool");
    await form.getByRole("radio", { name: "Majority of seats" }).check();
    await form.getByLabel("Quorum").selectOption("fraction");
    const share = form.getByLabel("Share of the seats (%)");
    await share.fill("60");
    await form.getByText("Right now that is 2 of the alliance's 3 seats (rounded up).").waitFor();
    await share.fill("100");
    await form.getByText("Right now that is 3 of the alliance's 3 seats (rounded up).").waitFor();
    await expectNoSeriousViolations(alice, "proposal form with a share of the seats");
    await alice.setViewportSize({ width: 375, height: 800 });
    const widths = await form.evaluate((element: { scrollWidth: number; clientWidth: number }) => [element.scrollWidth, element.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1] ?? 0);
    expect(await scrollWidth(alice)).toBeLessThanOrEqual(375);
    await alice.setViewportSize({ width: 1280, height: 900 });

    // An empty share is refused before anything is sent.
    await share.fill("");
    await form.getByRole("button", { name: "Make proposal" }).click();
    await form.getByText("Give a whole percentage from 1 to 100.").waitFor();
    await share.fill("60");
    await form.getByRole("button", { name: "Make proposal" }).click();
    await alice.getByRole("heading", { name: "Share the pallet pool", level: 1 }).waitFor();
    await alice.getByText("Quorum of 60% of the seats: 2 of 3 seats must take part.").waitFor();
    const proposalId = alice.url().split("/").at(-1) ?? "";
    const proposal = await people.bob.client.get<{ quorum: unknown }>(`/api/v1/alliances/${allianceId}/proposals/${proposalId}`);
    expect(proposal.body.quorum).toEqual({ kind: "fraction", fraction: { numerator: 3, denominator: 5 } });

    // One seat is not enough, two are.
    await people.bob.client.post(`/api/v1/alliances/${allianceId}/proposals/${proposalId}/positions`, { value: { kind: "stance", stance: "agree" } });
    await alice.getByText("Quorum: 1 of 3 seats took part, 2 needed — not met.").waitFor();
    await people.cara.client.post(`/api/v1/alliances/${allianceId}/proposals/${proposalId}/positions`, { value: { kind: "stance", stance: "agree" } });
    await alice.getByText("Quorum: 2 of 3 seats took part, 2 needed — met.").waitFor();
  });

  it("hides results until close, and a stale edit offers the other person's version", async () => {
    const { allianceId, people } = await seedAlliance(house, "hidden");
    const created = await people.bob.client.post<{ id: string; version: number }>(`/api/v1/alliances/${allianceId}/proposals`, {
      title: "Fund a shared sorting line",
      body: "Each seat pays a third.",
      method: { kind: "majority" },
      hiddenUntilClose: true,
    });
    expect(created.status).toBe(201);
    await people.alice.client.post(`/api/v1/alliances/${allianceId}/proposals/${created.body.id}/positions`, { value: { kind: "stance", stance: "agree" } });

    const bob = await house.newPage("bob");
    await signIn(bob, people.bob.email);
    await bob.goto(`/alliances/${allianceId}/proposals/${created.body.id}`);
    await bob.getByRole("heading", { name: "Fund a shared sorting line", level: 1 }).waitFor();
    await bob.getByText("Results are hidden until the proposal closes").waitFor();
    await bob.getByText("Taking part: Acme Foods.").waitFor();
    expect(await bob.getByRole("table", { name: "Tally per person and per seat" }).count()).toBe(0);

    // Someone else's edit lands while Bob edits: his save is refused and he loads their version.
    await bob.getByRole("button", { name: "Edit proposal" }).click();
    const edit = bob.getByRole("form", { name: "Edit the proposal" });
    await edit.getByLabel("Title").fill("Fund a shared sorting line in 2027");
    expect((await people.bob.client.patch(`/api/v1/alliances/${allianceId}/proposals/${created.body.id}`, { version: created.body.version, body: "Each seat pays by weight." })).status).toBe(200);
    await edit.getByRole("button", { name: "Save changes" }).click();
    await edit.getByText("Someone else changed the proposal").waitFor();
    await edit.getByRole("button", { name: "Load their version, keep my changes" }).click();
    expect(await edit.getByLabel("Proposal text").inputValue()).toBe("Each seat pays by weight.");
    expect(await edit.getByLabel("Title").inputValue()).toBe("Fund a shared sorting line in 2027");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await bob.getByRole("heading", { name: "Fund a shared sorting line in 2027", level: 1 }).waitFor();

    // Once closed, the results show.
    await bob.getByRole("button", { name: "Close proposal" }).click();
    await bob.getByRole("dialog", { name: "Close the proposal" }).getByRole("button", { name: "Close now" }).click();
    await bob.getByText("Passes.", { exact: true }).waitFor();
    expect(await rowText(bob, "Seat by seat", "Acme Foods")).toBe("Acme Foods 1 Agree");
    await bob.getByText("Did not take part: Blue Bottles, Cycle Labs.").waitFor();
    expect(await rowText(bob, "Seat by seat", "Cycle Labs")).toBe("Cycle Labs none Did not take part");
  });

  it("meeting time, dot vote, score and advice each take a position in their own form, slots in the person's time zone", async () => {
    const { allianceId, people } = await seedAlliance(house, "methods");
    const url = `/api/v1/alliances/${allianceId}`;
    // Alice lives in Berlin: the slots she types are Berlin times.
    const me = await people.alice.client.get<{ person: { version: number } }>("/api/v1/session");
    expect((await people.alice.client.patch("/api/v1/me", { version: me.body.person.version, timeZone: "Europe/Berlin" })).status).toBe(200);

    const alice = await house.newPage("alice");
    await signIn(alice, people.alice.email);
    await alice.goto(`/alliances/${allianceId}/proposals`);
    await alice.getByRole("button", { name: "Make a proposal" }).click();
    const form = alice.getByRole("form", { name: "Make a proposal" });
    await form.getByLabel("Title").fill("Kick-off meeting");
    await form.getByRole("radio", { name: "Meeting time" }).check();
    await form.getByText("Each slot needs a start, in your time zone (Europe/Berlin).").waitFor();
    await form.getByLabel("Slot 1 name").fill("Tue morning");
    await form.getByLabel("Slot 1 starts").fill("2031-03-04T10:00");
    await form.getByLabel("Slot 2 name").fill("Wed afternoon");
    await form.getByLabel("Slot 2 starts").fill("2031-03-05T14:00");
    await form.getByRole("button", { name: "Make proposal" }).click();
    await alice.getByRole("heading", { name: "Kick-off meeting", level: 1 }).waitFor();
    const meetingId = alice.url().split("/").at(-1) ?? "";
    const meeting = await people.bob.client.get<{ options: { label: string; startsAt: string }[] }>(`${url}/proposals/${meetingId}`);
    expect(meeting.body.options.map((o) => [o.label, o.startsAt])).toEqual([
      ["Tue morning", "2031-03-04T09:00:00.000Z"],
      ["Wed afternoon", "2031-03-05T13:00:00.000Z"],
    ]);
    await people.bob.client.post(`${url}/proposals/${meetingId}/positions`, { value: { kind: "availability", slotIds: ["o1", "o2"] } });
    const slots = alice.getByRole("form", { name: "Your position" });
    await slots.getByRole("checkbox", { name: "Wed afternoon (5 Mar 2031, 14:00)" }).check();
    await slots.getByRole("button", { name: "Take my position" }).click();
    await alice.getByText("So far: Wed afternoon leads.").waitFor();
    expect(await rowText(alice, "Tally per person and per seat", "Wed afternoon")).toBe("Wed afternoon LEADS 2 2");
    expect(await rowText(alice, "Tally per person and per seat", "Tue morning")).toBe("Tue morning 1 1");

    // A dot vote: the form counts the dots placed.
    const dots = await people.bob.client.post<{ id: string }>(`${url}/proposals`, { title: "Where to spend the pilot budget", method: { kind: "dot_vote", dotsPerPerson: 3 }, options: [{ label: "Sorting" }, { label: "Labels" }] });
    await alice.goto(`/alliances/${allianceId}/proposals/${dots.body.id}`);
    const dotForm = alice.getByRole("form", { name: "Your position" });
    await dotForm.getByLabel("Dots on Sorting").fill("2");
    await dotForm.getByLabel("Dots on Labels").fill("1");
    await dotForm.getByText("3 of 3 dots placed.").waitFor();
    await dotForm.getByRole("button", { name: "Take my position" }).click();
    await alice.getByText("You said:").locator("strong", { hasText: "Sorting 2 · Labels 1" }).waitFor();
    expect(await rowText(alice, "Seat by seat", "Acme Foods")).toBe("Acme Foods 1 Sorting 2 · Labels 1");

    // A score from 0 to 5.
    const score = await people.bob.client.post<{ id: string }>(`${url}/proposals`, { title: "Rate the label designs", method: { kind: "score", min: 0, max: 5 }, options: [{ label: "Leaf" }, { label: "Wave" }] });
    await alice.goto(`/alliances/${allianceId}/proposals/${score.body.id}`);
    const scoreForm = alice.getByRole("form", { name: "Your position" });
    await scoreForm.getByLabel("Score for Leaf").fill("5");
    await scoreForm.getByLabel("Score for Wave").fill("2");
    await scoreForm.getByRole("button", { name: "Take my position" }).click();
    await alice.getByText("You said:").locator("strong", { hasText: "Leaf 5 · Wave 2" }).waitFor();
    await alice.getByText("So far: Leaf leads.").waitFor();

    // Advice: Bob advises, Alice (the decider) records the advice she took and adopts.
    const advice = await people.alice.client.post<{ id: string }>(`${url}/proposals`, { title: "Hire a data steward", method: { kind: "advice" } });
    await people.bob.client.post(`${url}/proposals/${advice.body.id}/positions`, { value: { kind: "stance", stance: "agree" }, reason: "Yes, part-time first." });
    await alice.goto(`/alliances/${allianceId}/proposals/${advice.body.id}`);
    await alice.getByText("Awaiting the decider's decision.").waitFor();
    const decide = alice.getByRole("form", { name: "Your decision" });
    await decide.getByRole("checkbox", { name: "Blue Bottles: Yes, part-time first." }).check();
    await decide.getByLabel("Why, and what changes").fill("A part-time steward, reviewed in six months.");
    await decide.getByRole("button", { name: "Record decision" }).click();
    await alice.getByText("Passes.", { exact: true }).waitFor();
    await alice.getByText("decided to adopt: A part-time steward, reviewed in six months.").waitFor();
    await alice.getByText("Taken", { exact: true }).waitFor();
  });

  it("the proposals list, the proposal form, a proposal and the decision log have no serious or critical axe violations and fit a phone", async () => {
    const { allianceId, people } = await seedAlliance(house, "axe");
    const url = `/api/v1/alliances/${allianceId}`;
    const consent = await people.alice.client.post<{ id: string }>(`${url}/proposals`, { title: "Share the delivery truck", body: "Two days a week each.", method: { kind: "consent" } });
    await people.bob.client.post(`${url}/proposals/${consent.body.id}/positions`, { value: { kind: "stance", stance: "object" }, reason: "Our routes do not overlap." });
    const ranked = await people.alice.client.post<{ id: string }>(`${url}/proposals`, { title: "Name the newsletter", method: { kind: "ranked_choice" }, options: [{ label: "Loop" }, { label: "Full Circle" }] });
    await people.alice.client.post(`${url}/proposals/${ranked.body.id}/positions`, { value: { kind: "ranking", ranking: ["o1", "o2"] } });
    await people.bob.client.post(`${url}/proposals/${ranked.body.id}/positions`, { value: { kind: "ranking", ranking: ["o2"] } });
    await people.dan.client.post(`${url}/proposals/${ranked.body.id}/positions`, { value: { kind: "ranking", ranking: ["o2"] } });
    await people.alice.client.post(`${url}/proposals/${ranked.body.id}/close`, {});
    await people.alice.client.request("PUT", `${url}/proposals/${ranked.body.id}/outcome`, { statement: "The newsletter is called Loop.", reviewOn: "2031-06-01" });

    const page = await house.newPage("axe", { bypassCSP: true });
    await signIn(page, people.alice.email);

    await page.goto(`/alliances/${allianceId}/proposals`);
    await page.getByRole("list", { name: "Open proposals" }).getByRole("link", { name: "Share the delivery truck" }).waitFor();
    await page.getByText("Live", { exact: true }).waitFor();
    await expectNoSeriousViolations(page, "proposals list");

    await page.getByRole("button", { name: "Make a proposal" }).click();
    await page.getByRole("dialog", { name: "Make a proposal" }).waitFor();
    await page.getByRole("radio", { name: "Meeting time" }).check();
    await page.getByLabel("Slot 1 starts").waitFor();
    await expectNoSeriousViolations(page, "proposal form");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });

    await page.goto(`/alliances/${allianceId}/proposals/${consent.body.id}`);
    await page.getByRole("listitem", { name: "Objection of Bob Blue for Blue Bottles" }).waitFor();
    await page.getByRole("table", { name: "Seat by seat" }).waitFor();
    await expectNoSeriousViolations(page, "consent proposal with an objection");

    await page.goto(`/alliances/${allianceId}/proposals/${ranked.body.id}`);
    await page.getByRole("table", { name: "Instant-runoff rounds" }).waitFor();
    await page.getByRole("table", { name: "Seat by seat" }).getByText("Split").waitFor();
    await page.getByText("The newsletter is called Loop.").waitFor();
    await expectNoSeriousViolations(page, "closed ranked-choice proposal");

    await page.goto(`/alliances/${allianceId}/decision-log`);
    await page.getByRole("listitem", { name: "Name the newsletter" }).waitFor();
    await expectNoSeriousViolations(page, "decision log");

    // A phone: no page scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of [`/alliances/${allianceId}/proposals`, `/alliances/${allianceId}/proposals/${consent.body.id}`, `/alliances/${allianceId}/proposals/${ranked.body.id}`, `/alliances/${allianceId}/decision-log`]) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await scrollWidth(page), path).toBeLessThanOrEqual(375);
    }
    // The proposal form takes the whole phone screen; its slot rows wrap instead of widening it.
    await page.goto(`/alliances/${allianceId}/proposals`);
    await page.getByRole("button", { name: "Make a proposal" }).click();
    const dialog = page.getByRole("dialog", { name: "Make a proposal" });
    await dialog.getByRole("radio", { name: "Meeting time" }).check();
    await dialog.getByLabel("Slot 2 starts").waitFor();
    const widths = await dialog.locator("form").evaluate((form: { scrollWidth: number; clientWidth: number }) => [form.scrollWidth, form.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1] ?? 0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  });
});
