import { openDueRenewalsJob } from "@trellis/server/jobs/decision-jobs";
import { runJobOnce } from "@trellis/server/jobs/job-runner";
import type { ApiClient } from "@trellis/server/testing/test-server";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectNoSeriousViolations } from "./support/axe";
import { describeWithBrowser, isSameWindow, markWindow, scrollWidth, useHouse } from "./support/house";

// The living charter, in the browser: three organizations amend it (one proposes, two ratify,
// the third objects with a reason, the proposer revises, all ratify) and version 2 shows the
// diff and the authorship; the renewal asks every seat when it comes due; the pages pass axe.

const password = "correct horse battery";
const day = 24 * 3600_000;

// The server's clock runs with real time, shifted forward when a test needs a period to pass.
let shift = 0;
const clock = () => new Date(Date.now() + shift);

interface Seeded {
  allianceId: string;
  facilitator: ApiClient;
  people: Record<"alice" | "bob" | "cara", { email: string; id: string; client: ApiClient; seatId: string }>;
  purposeClauseId: string;
  scopeClauseId: string;
}

describeWithBrowser("the charter", () => {
  const house = useHouse({ clock });

  /** An alliance of three seats with one delegate each and a first draft of the charter, all through the API. */
  async function seedAlliance(tag: string, renewalMonths = 12): Promise<Seeded> {
    const facilitator = house.api();
    await facilitator.signUp(`mara.${tag}@facilitation.example`, "Mara Okafor", password);
    const allianceId = (await facilitator.post<{ id: string }>("/api/v1/alliances", { name: `River Data Alliance ${tag}`, purpose: "Measure rivers together." })).body.id;
    // Organization names are unique: each test's organizations carry its tag after the name.
    const seatOf = async (name: string, kind: string) => {
      const organization = await facilitator.post<{ id: string }>("/api/v1/organizations", { name: tag === "journey" ? name : `${name} ${tag}`, kind });
      expect(organization.status).toBe(201);
      return (await facilitator.post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, { organizationId: organization.body.id, weight: 1 })).body.id;
    };
    const seats = { alice: await seatOf("Acme Water", "company"), bob: await seatOf("Blue Basin Trust", "ngo"), cara: await seatOf("Coastal Institute", "research") };
    const people = {} as Seeded["people"];
    for (const [key, name] of [
      ["alice", "Alice Acme"],
      ["bob", "Bob Blue"],
      ["cara", "Cara Coast"],
    ] as const) {
      const client = house.api();
      const email = `${key}.${tag}@example.org`;
      const person = await client.signUp(email, name, password);
      const joined = await facilitator.post(`/api/v1/alliances/${allianceId}/members`, { personId: person.id, role: "delegate", seatId: seats[key] });
      expect(joined.status).toBe(204);
      people[key] = { email, id: person.id, client, seatId: seats[key] };
    }
    const by = (key: keyof Seeded["people"]) => ({ personId: people[key].id, seatId: people[key].seatId });
    const created = await facilitator.post<{ sections: { section: string; clauses: { id: string }[] }[] }>(`/api/v1/alliances/${allianceId}/charter`, {
      clauses: [
        { section: "purpose", text: "Together we make river basins measurable.", writtenBy: by("alice") },
        { section: "scope", scopeSide: "in", text: "Shared sensor standards are pre-competitive.", writtenBy: by("bob") },
        { section: "principles", text: "We publish what we measure.", writtenBy: by("cara") },
        { section: "governance", text: "Amendments need the consent of every partner.", setting: { key: "amendment_rule", rule: { kind: "unanimous" } } },
        { section: "governance", text: `We renew our purpose every ${renewalMonths} months.`, setting: { key: "renewal_period", months: renewalMonths } },
        { section: "contributions", seatId: seats.cara, text: "Coastal lends two field engineers.", writtenBy: by("cara") },
      ],
    });
    expect(created.status).toBe(201);
    const clauseOf = (section: string) => created.body.sections.find((s) => s.section === section)?.clauses[0]?.id ?? "";
    return { allianceId, facilitator, people, purposeClauseId: clauseOf("purpose"), scopeClauseId: clauseOf("scope") };
  }

  async function signIn(name: string, email: string, options: { bypassCSP?: boolean } = {}): Promise<Page> {
    const page = await house.newPage(name, options);
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();
    return page;
  }

  async function openCharter(page: Page, allianceId: string) {
    await page.goto(`/alliances/${allianceId}/charter`);
    await page.getByRole("heading", { name: "Charter", level: 1 }).waitFor();
    await page.getByText("Live", { exact: true }).waitFor();
  }

  const seatRow = (page: Page, seat: string) => page.getByRole("table", { name: "Answers by seat" }).getByRole("row").filter({ hasText: seat });

  it(
    "three organizations: one proposes an amendment, another sees it live, two ratify, the third objects with a reason, the proposer revises, all ratify, and version 2 shows the diff and the authorship",
    { timeout: 300_000 },
    async () => {
      const { allianceId, people } = await seedAlliance("journey");
      const alice = await signIn("alice", people.alice.email);
      const bob = await signIn("bob", people.bob.email);

      // Bob finds the charter from the alliance home.
      await bob.goto(`/alliances/${allianceId}`);
      await bob.getByRole("link", { name: "Charter", exact: true }).click();
      await bob.getByRole("heading", { name: "Charter", level: 1 }).waitFor();
      await bob.getByText("Version 1", { exact: true }).waitFor();
      const purpose = bob.getByRole("list", { name: "Purpose" }).getByRole("listitem").filter({ hasText: "Together we make river basins measurable." });
      await purpose.getByText("Written by Acme Water").waitFor();

      // Alice watches the charter; what Bob proposes must reach her without a reload.
      await openCharter(alice, allianceId);
      await alice.getByText("No amendment in progress").waitFor();
      await markWindow(alice);

      // Bob proposes a change to the purpose, with a rationale.
      await purpose.getByRole("button", { name: "Propose a change" }).click();
      const dialog = bob.getByRole("dialog", { name: "Propose a change to a clause" });
      await dialog.getByLabel("New clause text").fill("Together we make river basins measurable and share the data openly.");
      await dialog.getByLabel("Preview of the change").locator("ins").filter({ hasText: "and share the data openly" }).waitFor();
      await dialog.getByLabel("Title (optional)").fill("Open data in the purpose");
      await dialog.getByLabel("Rationale").fill("Our members fund open data only.");
      await dialog.getByRole("button", { name: "Propose amendment" }).click();
      await bob.getByRole("heading", { name: "Open data in the purpose", level: 1 }).waitFor();
      await bob.getByLabel("Proposed change, word by word").locator("ins").filter({ hasText: "and share the data openly" }).waitFor();
      await bob.getByText("Our members fund open data only.").waitFor();
      await bob.getByText("Live", { exact: true }).waitFor();

      // Alice sees it arrive live, opens it and consents for Acme Water.
      const aliceLink = alice.getByRole("list", { name: "Amendments" }).getByRole("link", { name: "Open data in the purpose" });
      await aliceLink.waitFor();
      expect(await isSameWindow(alice)).toBe(true);
      await aliceLink.click();
      await alice.getByRole("heading", { name: "Open data in the purpose", level: 1 }).waitFor();
      await alice.getByText("Live", { exact: true }).waitFor();
      await alice.getByRole("button", { name: "Consent", exact: true }).click();
      await seatRow(alice, "Acme Water").getByText("Consents", { exact: true }).waitFor();

      // Bob sees Acme's consent live and consents for Blue Basin Trust.
      await seatRow(bob, "Acme Water").getByText("Consents", { exact: true }).waitFor();
      await bob.getByRole("button", { name: "Consent", exact: true }).click();
      await seatRow(bob, "Blue Basin Trust").getByText("Consents", { exact: true }).waitFor();

      // Cara objects for Coastal Institute; an objection needs a reason.
      const cara = await signIn("cara", people.cara.email);
      await openCharter(cara, allianceId);
      await cara.getByRole("list", { name: "Amendments" }).getByRole("link", { name: "Open data in the purpose" }).click();
      await cara.getByRole("heading", { name: "Open data in the purpose", level: 1 }).waitFor();
      await cara.getByText("Live", { exact: true }).waitFor();
      await seatRow(cara, "Blue Basin Trust").getByText("Consents", { exact: true }).waitFor();
      await cara.getByRole("button", { name: "Object", exact: true }).click();
      const objection = cara.getByRole("form", { name: "Object to the amendment" });
      await objection.getByRole("button", { name: "Send objection" }).click();
      await objection.getByText("An objection needs a reason.").waitFor();
      await objection.getByLabel("Why does your seat object?").fill("Open raw data exposes the locations of protected species.");
      await objection.getByRole("button", { name: "Send objection" }).click();
      await seatRow(cara, "Coastal Institute").getByText("Objects", { exact: true }).waitFor();
      await cara.getByText("Cannot be ratified as it stands").waitFor();

      // The discussion: Cara suggests a way out, Bob reads it live.
      await cara.getByLabel("Your message").fill("Could we aggregate sensitive sites to 10 km?");
      await cara.getByRole("button", { name: "Post message" }).click();
      await bob.getByRole("list", { name: "Messages, oldest first" }).getByText("Could we aggregate sensitive sites to 10 km?").waitFor();
      await seatRow(bob, "Coastal Institute").getByText("protected species").waitFor();

      // Bob revises: a new draft every seat answers again.
      await bob.getByRole("button", { name: "Revise the amendment" }).click();
      const revise = bob.getByRole("dialog", { name: "Revise the amendment" });
      await revise.getByLabel("Proposed clause text").fill("Together we make river basins measurable and share the data openly, aggregating sensitive sites.");
      await revise.getByLabel("Rationale").fill("Open data, with sensitive sites aggregated to 10 km.");
      await revise.getByRole("button", { name: "Save new draft" }).click();
      await revise.waitFor({ state: "hidden" });
      await bob.getByRole("heading", { name: "Your seat's answer to draft 2" }).waitFor();
      for (const seat of ["Acme Water", "Blue Basin Trust", "Coastal Institute"]) await seatRow(bob, seat).getByText("Not yet answered").waitFor();

      // Cara and Alice see draft 2 live and consent.
      await cara.getByRole("heading", { name: "Your seat's answer to draft 2" }).waitFor();
      await cara.getByLabel("Proposed change, word by word").locator("ins").filter({ hasText: "aggregating sensitive sites" }).waitFor();
      await cara.getByRole("button", { name: "Consent", exact: true }).click();
      await seatRow(cara, "Coastal Institute").getByText("Consents", { exact: true }).waitFor();
      await alice.getByRole("heading", { name: "Your seat's answer to draft 2" }).waitFor();
      await alice.getByRole("button", { name: "Consent", exact: true }).click();
      await seatRow(alice, "Acme Water").getByText("Consents", { exact: true }).waitFor();

      // Alice goes back to the charter and watches; Bob's consent completes the rule.
      await alice.getByRole("link", { name: /The charter of/ }).click();
      await alice.getByText("Version 1", { exact: true }).waitFor();
      await alice.getByText("Live", { exact: true }).waitFor();
      await markWindow(alice);
      await seatRow(bob, "Coastal Institute").getByText("Consents", { exact: true }).waitFor();
      await bob.getByRole("button", { name: "Consent", exact: true }).click();
      await bob.getByText("Ratified: the charter is now at version 2").waitFor();

      // Version 2 reaches Alice live, with the new words and the authorship.
      await alice.getByText("Version 2", { exact: true }).waitFor();
      const amendedPurpose = alice.getByRole("list", { name: "Purpose" }).getByRole("listitem");
      await amendedPurpose.getByText("Together we make river basins measurable and share the data openly, aggregating sensitive sites.").waitFor();
      await amendedPurpose.getByText("Written by Acme Water · amended by Blue Basin Trust").waitFor();
      await alice.getByRole("list", { name: "Authorship by seat" }).getByRole("listitem").filter({ hasText: "Blue Basin Trust" }).getByText("Wrote 1, amended 1").waitFor();
      expect(await isSameWindow(alice)).toBe(true);

      // The alliance's activity tells the story in sentences.
      await alice.getByRole("link", { name: /^← River Data Alliance journey$/ }).click();
      const timeline = alice.getByRole("list", { name: "Activity, newest first" });
      await timeline.getByText("Coastal Institute objected to the amendment 'Open data in the purpose'").waitFor();
      await timeline.getByText("Bob Blue revised the amendment 'Open data in the purpose' (draft 2)").waitFor();

      // Bob reads the diff from version 1 to 2.
      await bob.getByRole("link", { name: "See what changed from version 1 to 2" }).click();
      await bob.getByRole("heading", { name: "Charter versions", level: 1 }).waitFor();
      await bob.getByText("From version 1 to version 2: 1 changed, 0 added, 0 removed.").waitFor();
      const changed = bob.getByRole("list", { name: "Differences in Purpose" }).getByRole("listitem");
      await changed.getByText("Changed", { exact: true }).waitFor();
      expect(await changed.locator("ins").allTextContents()).toEqual([expect.stringContaining("and share the data openly, aggregating sensitive sites")]);
      const versions = bob.getByRole("table", { name: "Charter versions, newest first" });
      await versions.getByRole("row").filter({ hasText: "Version 2" }).getByText("from Blue Basin Trust").waitFor();
      // Any two versions: back from 2 to 1 reads the other way round.
      await bob.getByLabel("From", { exact: true }).selectOption("2");
      await bob.getByLabel("To", { exact: true }).selectOption("1");
      await bob.getByText("From version 2 to version 1: 1 changed, 0 added, 0 removed.").waitFor();
      expect(await changed.locator("del").allTextContents()).toEqual([expect.stringContaining("and share the data openly, aggregating sensitive sites")]);
    },
  );

  it(
    "when the renewal period comes due every seat is asked: the charter shows the renewal overdue, seats reaffirm or raise a concern, and then it shows renewed on",
    { timeout: 240_000 },
    async () => {
      const { allianceId, people } = await seedAlliance("renewal", 1);
      // Forty days pass: the one-month period is overdue. (Sessions made before have expired.)
      shift += 40 * day;
      const alice = await signIn("alice", people.alice.email);
      await openCharter(alice, allianceId);
      const renewal = alice.getByRole("region", { name: "Renewal" });
      await renewal.getByText(/^Renewal overdue by \d+ days?$/).waitFor();
      await markWindow(alice);

      // The renewal job asks every seat (mail included); the page shows the round live.
      expect(await runJobOnce(house.server.ctx, openDueRenewalsJob, "charter-e2e")).toBe(true);
      await house.server.smtp.waitFor((m) => m.to.includes(people.cara.email) && m.subject.includes("renew"));
      await renewal.getByText(/Renewal round opened on/).waitFor();
      const answers = renewal.getByRole("table", { name: "Renewal answers by seat" });
      await answers.getByRole("row").filter({ hasText: "Coastal Institute" }).getByText("Not yet answered").waitFor();

      await renewal.getByRole("button", { name: "Reaffirm the purpose" }).click();
      await answers.getByRole("row").filter({ hasText: "Acme Water" }).getByText("Reaffirms").waitFor();

      // Blue Basin raises a concern (with a reason), then reaffirms once it is settled.
      const bob = await signIn("bob", people.bob.email);
      await openCharter(bob, allianceId);
      const bobRenewal = bob.getByRole("region", { name: "Renewal" });
      await bobRenewal.getByRole("button", { name: "Raise a concern" }).click();
      await bobRenewal.getByLabel("Your concern").fill("Our board wants a funding clause first.");
      await bobRenewal.getByRole("button", { name: "Send concern" }).click();
      await answers.getByRole("row").filter({ hasText: "Blue Basin Trust" }).getByText("Our board wants a funding clause first.", { exact: false }).waitFor();
      await answers.getByRole("row").filter({ hasText: "Blue Basin Trust" }).getByText("Raised a concern").waitFor();
      await bobRenewal.getByRole("button", { name: "Reaffirm the purpose" }).click();
      await answers.getByRole("row").filter({ hasText: "Blue Basin Trust" }).getByText("Reaffirms").waitFor();

      // Coastal reaffirms last: the charter is renewed, and Alice sees it live.
      const cara = await signIn("cara", people.cara.email);
      await openCharter(cara, allianceId);
      await cara.getByRole("region", { name: "Renewal" }).getByRole("button", { name: "Reaffirm the purpose" }).click();
      await renewal.getByText(/^Renewed on \d{1,2} \w+ \d{4}$/).waitFor();
      await renewal.getByText(/Next renewal due on/).waitFor();
      expect(await renewal.getByRole("button", { name: "Reaffirm the purpose" }).count()).toBe(0);
      expect(await isSameWindow(alice)).toBe(true);
    },
  );

  it("an amendment whose clause changed meanwhile is stale: its proposer rebases it onto the clause as it reads now, and every seat ratifies the new draft", { timeout: 240_000 }, async () => {
    const { allianceId, people, scopeClauseId } = await seedAlliance("stale");
    const url = (path: string) => `/api/v1/alliances/${allianceId}${path}`;
    // Two amendments to one clause; the first is ratified, so the second no longer fits it.
    const first = await people.alice.client.post<{ id: string }>(url("/amendments"), {
      kind: "change",
      clauseId: scopeClauseId,
      title: "Calibration too",
      proposedText: "Shared sensor standards and calibration methods are pre-competitive.",
      rationale: "Calibration is shared work.",
    });
    const second = await people.cara.client.post<{ id: string }>(url("/amendments"), {
      kind: "change",
      clauseId: scopeClauseId,
      title: "A ten-year horizon",
      proposedText: "Shared sensor standards are pre-competitive, for ten years.",
      rationale: "A horizon for our boards.",
    });
    for (const key of ["alice", "bob", "cara"] as const) expect((await people[key].client.post(url(`/amendments/${first.body.id}/answers`), { draft: 1, answer: "consent" })).status).toBe(200);

    const cara = await signIn("cara", people.cara.email);
    await openCharter(cara, allianceId);
    await cara.getByText("Version 2", { exact: true }).waitFor();
    const item = cara.getByRole("list", { name: "Amendments" }).getByRole("listitem").filter({ hasText: "A ten-year horizon" });
    await item.getByText("Stale", { exact: true }).waitFor();
    await item.getByRole("link", { name: "A ten-year horizon" }).click();
    await cara.getByRole("heading", { name: "A ten-year horizon", level: 1 }).waitFor();
    await cara.getByText("Live", { exact: true }).waitFor();
    await cara.getByText("The clause changed since this amendment was written").waitFor();
    await cara.getByLabel("How the clause changed meanwhile").locator("ins").filter({ hasText: "and calibration methods" }).waitFor();
    expect(await cara.getByRole("button", { name: "Consent", exact: true }).count()).toBe(0);

    // Trellis suggests the merge; Cara checks it and rebases: draft 2, open again.
    await cara.getByRole("button", { name: "Rebase onto the current clause" }).click();
    const rebase = cara.getByRole("dialog", { name: "Rebase the amendment" });
    expect(await rebase.getByLabel("Proposed clause text").inputValue()).toBe("Shared sensor standards and calibration methods are pre-competitive, for ten years.");
    await rebase.getByRole("button", { name: "Rebase amendment" }).click();
    await rebase.waitFor({ state: "hidden" });
    await cara.getByText("Open", { exact: true }).waitFor();
    await cara.getByRole("heading", { name: "Your seat's answer to draft 2" }).waitFor();
    await cara.getByLabel("Proposed change, word by word").locator("ins").filter({ hasText: "for ten years" }).waitFor();

    // Every seat consents to the new draft: the charter gets version 3, and Cara sees it happen.
    await cara.getByRole("button", { name: "Consent", exact: true }).click();
    await seatRow(cara, "Coastal Institute").getByText("Consents", { exact: true }).waitFor();
    for (const key of ["alice", "bob"] as const) expect((await people[key].client.post(url(`/amendments/${second.body.id}/answers`), { draft: 2, answer: "consent" })).status).toBe(200);
    await cara.getByText("Ratified: the charter is now at version 3").waitFor();
  });

  it("withdrawing or closing an amendment asks first: cancelling leaves it open, confirming withdraws it", { timeout: 240_000 }, async () => {
    const { allianceId, people } = await seedAlliance("withdraw");
    const url = (path: string) => `/api/v1/alliances/${allianceId}${path}`;
    const stateOf = async (amendmentId: string) => (await people.cara.client.get<{ state: string }>(url(`/amendments/${amendmentId}`))).body.state;
    const proposed = await people.cara.client.post<{ id: string }>(url("/amendments"), {
      kind: "add",
      title: "Estuaries by 2028",
      placement: { section: "objectives", seatId: people.cara.seatId },
      proposedText: "Coastal maps every estuary by 2028.",
      rationale: "Our own objective.",
    });
    expect(proposed.status).toBe(201);

    const cara = await signIn("cara", people.cara.email, { bypassCSP: true });
    await cara.goto(`/alliances/${allianceId}/charter/amendments/${proposed.body.id}`);
    await cara.getByRole("heading", { name: "Estuaries by 2028", level: 1 }).waitFor();
    await cara.getByText("Live", { exact: true }).waitFor();

    // The dialog says what withdrawing does; keeping it open changes nothing.
    await cara.getByRole("button", { name: "Withdraw", exact: true }).click();
    const dialog = cara.getByRole("dialog", { name: "Withdraw the amendment?" });
    await dialog.getByText("“Estuaries by 2028” will be withdrawn: no seat can ratify it any more and the charter stays as it is.", { exact: false }).waitFor();
    await expectNoSeriousViolations(cara, "withdraw dialog");
    await cara.setViewportSize({ width: 375, height: 800 });
    expect(await scrollWidth(cara)).toBeLessThanOrEqual(375);
    await cara.setViewportSize({ width: 1280, height: 900 });
    await dialog.getByRole("button", { name: "Keep it open" }).click();
    await dialog.waitFor({ state: "hidden" });
    // Escape, too, leaves it open.
    await cara.getByRole("button", { name: "Withdraw", exact: true }).click();
    await dialog.waitFor();
    await cara.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await cara.getByText("Open", { exact: true }).waitFor();
    expect(await stateOf(proposed.body.id)).toBe("open");

    // Confirming withdraws it.
    await cara.getByRole("button", { name: "Withdraw", exact: true }).click();
    await dialog.getByRole("button", { name: "Withdraw amendment" }).click();
    await dialog.waitFor({ state: "hidden" });
    await cara.getByText("Withdrawn", { exact: true }).first().waitFor();
    expect(await cara.getByRole("button", { name: "Withdraw", exact: true }).count()).toBe(0);
    expect(await stateOf(proposed.body.id)).toBe("withdrawn");

    // An amendment an objection rules out: closing it as rejected asks first, too.
    const objected = await people.cara.client.post<{ id: string }>(url("/amendments"), {
      kind: "add",
      title: "Rivers by 2027",
      placement: { section: "objectives", seatId: people.cara.seatId },
      proposedText: "Coastal maps every river by 2027.",
      rationale: "Our own objective.",
    });
    expect((await people.alice.client.post(url(`/amendments/${objected.body.id}/answers`), { draft: 1, answer: "object", reason: "Too soon." })).status).toBe(200);
    await cara.goto(`/alliances/${allianceId}/charter/amendments/${objected.body.id}`);
    await cara.getByRole("heading", { name: "Rivers by 2027", level: 1 }).waitFor();
    await cara.getByRole("button", { name: "Close as rejected" }).click();
    const reject = cara.getByRole("dialog", { name: "Close the amendment as rejected?" });
    await reject.getByText("Closing it records it as rejected", { exact: false }).waitFor();
    await reject.getByRole("button", { name: "Keep it open" }).click();
    await reject.waitFor({ state: "hidden" });
    expect(await stateOf(objected.body.id)).toBe("open");
    await cara.getByRole("button", { name: "Close as rejected" }).click();
    await reject.getByRole("button", { name: "Close as rejected" }).click();
    await cara.getByText("Rejected", { exact: true }).first().waitFor();
    expect(await stateOf(objected.body.id)).toBe("rejected");
  });

  it("an alliance without a charter says so; its facilitator starts an empty one whose clauses then arrive by amendment", { timeout: 120_000 }, async () => {
    const facilitator = house.api();
    await facilitator.signUp("lena@facilitation.example", "Lena Facilitator", password);
    const allianceId = (await facilitator.post<{ id: string }>("/api/v1/alliances", { name: "Harbour Compact" })).body.id;
    const page = await signIn("facilitator", "lena@facilitation.example", { bypassCSP: true });
    await page.goto(`/alliances/${allianceId}/charter`);
    await page.getByText("No charter yet").waitFor();
    await expectNoSeriousViolations(page, "charter page without a charter");
    await page.getByRole("button", { name: "Start the charter" }).click();
    await page.getByText("Version 0", { exact: true }).waitFor();
    await page.getByText("The charter is empty: its clauses arrive by amendment.", { exact: false }).waitFor();
    expect(await page.getByText("No clause yet.").count()).toBe(6);
    // A facilitator holds no seat: seats' delegates propose the clauses.
    expect(await page.getByRole("button", { name: /Propose/ }).count()).toBe(0);
  });

  it("the charter, amendment and versions pages and the proposal dialog have no serious or critical axe violations, and the charter fits a phone", { timeout: 240_000 }, async () => {
    const { allianceId, people, purposeClauseId } = await seedAlliance("axe");
    const url = (path: string) => `/api/v1/alliances/${allianceId}${path}`;
    // One ratified amendment (version 2) and one open with an objection and a message.
    const ratified = await people.bob.client.post<{ id: string }>(url("/amendments"), { kind: "change", clauseId: purposeClauseId, proposedText: "Together we make river basins measurable, openly.", rationale: "Open data." });
    for (const key of ["alice", "bob", "cara"] as const) await people[key].client.post(url(`/amendments/${ratified.body.id}/answers`), { draft: 1, answer: "consent" });
    const open = await people.cara.client.post<{ id: string }>(url("/amendments"), { kind: "add", placement: { section: "objectives", seatId: people.cara.seatId }, proposedText: "Coastal maps every estuary by 2028.", rationale: "Our own objective." });
    await people.alice.client.post(url(`/amendments/${open.body.id}/answers`), { draft: 1, answer: "object", reason: "Too soon for every estuary." });
    await people.bob.client.post(url(`/amendments/${open.body.id}/comments`), { body: "Could it be the larger estuaries first?" });

    const page = await signIn("axe", people.cara.email, { bypassCSP: true });
    await openCharter(page, allianceId);
    await page.getByText("Version 2", { exact: true }).waitFor();
    await page.getByRole("list", { name: "Amendments" }).getByRole("link").first().waitFor();
    await page.getByRole("region", { name: "Renewal" }).waitFor();
    await expectNoSeriousViolations(page, "charter page");

    await page.getByRole("list", { name: "Purpose" }).getByRole("button", { name: "Propose a change" }).click();
    await page.getByRole("dialog", { name: "Propose a change to a clause" }).waitFor();
    await expectNoSeriousViolations(page, "propose amendment dialog");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });

    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByText("Version 2", { exact: true }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`/alliances/${allianceId}/charter/amendments/${open.body.id}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByRole("list", { name: "Messages, oldest first" }).getByText("Could it be the larger estuaries first?").waitFor();
    await page.getByText("Live", { exact: true }).waitFor();
    await expectNoSeriousViolations(page, "amendment page");
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole("button", { name: "Revise the amendment" }).click();
    await page.getByRole("dialog", { name: "Revise the amendment" }).waitFor();
    await expectNoSeriousViolations(page, "revise amendment dialog");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });

    await page.goto(`/alliances/${allianceId}/charter/versions`);
    await page.getByText("From version 1 to version 2: 1 changed, 0 added, 0 removed.").waitFor();
    await expectNoSeriousViolations(page, "versions page");
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  });
});
