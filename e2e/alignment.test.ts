import type { ApiClient } from "@trellis/server/testing/test-server";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectNoSeriousViolations } from "./support/axe";
import { describeWithBrowser, isSameWindow, markWindow, scrollWidth, useHouse, type House } from "./support/house";

// The alignment map in the browser: a facilitator opens a map and moderates statements, a
// delegate adds a statement and votes one statement at a time, partners from three seats vote
// (seeded through the API), and the results show groups, consensus and per-seat divergence,
// updating live when one more partner votes.

const password = "correct horse battery";
const question = "What should the alliance do about packaging by 2030?";
const seeds = [
  "Shared recyclability standards help every member",
  "We should publish what we learn from the pilots",
  "Members should keep their own packaging formats",
  "Brand data must stay confidential",
  "Every brand should report packaging volumes publicly",
  "A levy on non-recyclable packaging is fair",
];
const anaStatement = "The alliance should lobby for national rules";
const offTopic = "Northwind's spokesperson never listens";
const metaStatement = "This map is a useful exercise";

type Vote = "agree" | "disagree" | "pass";
type Camp = "A" | "B";
/** How each camp votes: both share the first two statements, then part ways. */
const camps: Record<Camp, Record<string, Vote>> = {
  A: { [seeds[0]!]: "agree", [seeds[1]!]: "agree", [seeds[2]!]: "agree", [seeds[3]!]: "agree", [seeds[4]!]: "disagree", [seeds[5]!]: "disagree", [anaStatement]: "pass" },
  B: { [seeds[0]!]: "agree", [seeds[1]!]: "agree", [seeds[2]!]: "disagree", [seeds[3]!]: "disagree", [seeds[4]!]: "agree", [seeds[5]!]: "agree", [anaStatement]: "agree" },
};
const voteOf = (camp: Camp, body: string): Vote => camps[camp][body] ?? "pass";

interface Next {
  statement: { id: string; body: string } | null;
  progress: { voted: number; total: number };
}

interface Alliance {
  allianceId: string;
  facilitator: ApiClient;
  /** People by short name, each with the camp they vote with. */
  people: Record<string, { client: ApiClient; email: string; camp: Camp }>;
}

/**
 * An alliance with three seats: Northwind Energy (a1-a3), Blue Coast Trust (b1-b3) and Greenfield
 * Labs, whose delegates split: c1 votes with Blue Coast, ana (who votes in the browser) with
 * Northwind, and c2 (who votes last) with Blue Coast.
 */
async function seedAlliance(house: House, tag: string): Promise<Alliance> {
  const facilitator = house.api();
  await facilitator.signUp(`mara.${tag}@convergence.example`, "Mara Okafor", password);
  const alliance = await facilitator.post<{ id: string }>("/api/v1/alliances", { name: `Packaging Alliance ${tag}`, purpose: "Recyclable packaging by 2030." });
  const allianceId = alliance.body.id;
  const seats: Record<string, string> = {};
  for (const name of ["Northwind Energy", "Blue Coast Trust", "Greenfield Labs"]) {
    const organization = await facilitator.post<{ id: string }>("/api/v1/organizations", { name: `${name} ${tag}`, kind: "company" });
    seats[name] = (await facilitator.post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, { organizationId: organization.body.id })).body.id;
  }
  const roster: [string, string, string, Camp][] = [
    ["a1", "Ade Northwind", "Northwind Energy", "A"],
    ["a2", "Ama Northwind", "Northwind Energy", "A"],
    ["a3", "Ari Northwind", "Northwind Energy", "A"],
    ["b1", "Bea Coast", "Blue Coast Trust", "B"],
    ["b2", "Ben Coast", "Blue Coast Trust", "B"],
    ["b3", "Bo Coast", "Blue Coast Trust", "B"],
    ["c1", "Cy Greenfield", "Greenfield Labs", "B"],
    ["ana", "Ana Ruiz", "Greenfield Labs", "A"],
    ["c2", "Cleo Greenfield", "Greenfield Labs", "B"],
  ];
  const people: Alliance["people"] = {};
  for (const [key, name, seat, camp] of roster) {
    const client = house.api();
    const email = `${key}.${tag}@partners.example`;
    const person = await client.signUp(email, name, password);
    await facilitator.post(`/api/v1/alliances/${allianceId}/members`, { personId: person.id, role: key.endsWith("1") || key === "ana" ? "delegate" : "member", seatId: seats[seat] });
    people[key] = { client, email, camp };
  }
  return { allianceId, facilitator, people };
}

/** Votes through the person's queue, one statement at a time, as their camp would. */
async function voteThroughQueue(client: ApiClient, allianceId: string, mapId: string, camp: Camp): Promise<void> {
  const url = `/api/v1/alliances/${allianceId}/alignment-maps/${mapId}`;
  let next = (await client.get<Next>(`${url}/next`)).body;
  while (next.statement) {
    const answer = await client.post<Next>(`${url}/votes`, { statementId: next.statement.id, vote: voteOf(camp, next.statement.body) });
    expect(answer.status).toBe(200);
    next = answer.body;
  }
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();
}

/** Ten people sign up and vote before the browser gets going: on two busy cores that takes a while. */
const slow = 300_000;

describeWithBrowser("the alignment map", () => {
  const house = useHouse();

  it("a facilitator opens a map and moderates, a delegate adds a statement and votes one at a time, and the results show groups, consensus and per-seat divergence, live", async () => {
    const { allianceId, facilitator, people } = await seedAlliance(house, "journey");
    const person = (key: string) => people[key]!;
    // The decision the map informs: check alignment before deciding.
    const proposal = await facilitator.post<{ id: string }>(`/api/v1/alliances/${allianceId}/proposals`, { title: "Introduce a packaging levy", method: { kind: "consent" } });
    expect(proposal.status).toBe(201);

    // The facilitator opens a map from the alliance home, with six first statements.
    const mara = await house.newPage("facilitator");
    await signIn(mara, "mara.journey@convergence.example");
    await mara.getByRole("link", { name: "Packaging Alliance journey" }).click();
    await mara.getByRole("navigation", { name: "In this alliance" }).getByRole("link", { name: "Alignment maps" }).click();
    await mara.getByRole("heading", { name: "Alignment maps", level: 1 }).waitFor();
    await mara.getByText("No alignment maps yet").waitFor();
    await mara.getByRole("button", { name: "Open a map" }).click();
    const form = mara.getByRole("form", { name: "Open an alignment map" });
    await form.getByLabel("Question").fill(question);
    await form.getByLabel("Check alignment before deciding on").selectOption("proposal");
    await form.getByLabel("Proposal", { exact: true }).selectOption({ label: "Introduce a packaging levy" });
    await form.getByLabel("First statements (optional)").fill(seeds.join("\n"));
    await form.getByRole("button", { name: "Open the map" }).click();
    await mara.getByRole("heading", { name: question, level: 1 }).waitFor();
    expect(await mara.getByRole("link", { name: "Proposal “Introduce a packaging levy”" }).getAttribute("href")).toBe(`/alliances/${allianceId}/proposals/${proposal.body.id}`);
    const mapId = new URL(mara.url()).pathname.split("/").at(-1)!;
    const statements = mara.getByRole("list", { name: "Statements", exact: true });
    for (const seed of seeds) await statements.getByText(seed).waitFor();

    // A delegate adds a statement; it waits for moderation.
    const ana = await house.newPage("delegate");
    await signIn(ana, person("ana").email);
    await ana.goto(`/alliances/${allianceId}/alignment/${mapId}`);
    await ana.getByRole("heading", { name: question, level: 1 }).waitFor();
    await ana.getByLabel("Your statement").fill(anaStatement);
    await ana.getByRole("button", { name: "Add statement" }).click();
    await ana.getByRole("list", { name: "Statements", exact: true }).getByRole("listitem").filter({ hasText: anaStatement }).getByText("Waiting for moderation").waitFor();

    // Two more arrive from other partners (seeded).
    const url = `/api/v1/alliances/${allianceId}/alignment-maps/${mapId}`;
    expect((await person("a1").client.post(`${url}/statements`, { body: offTopic })).status).toBe(201);
    expect((await person("b1").client.post(`${url}/statements`, { body: metaStatement })).status).toBe(201);

    // The facilitator sees the three waiting (live) and moderates them: accept, reject, meta.
    await mara.getByText("Waiting (3)").click();
    const waiting = mara.getByRole("list", { name: "Statements waiting for moderation" });
    await waiting.getByRole("listitem").filter({ hasText: anaStatement }).getByRole("button", { name: /^Accept/ }).click();
    await waiting.getByText(anaStatement).waitFor({ state: "detached" });
    await waiting.getByRole("listitem").filter({ hasText: offTopic }).getByRole("button", { name: /^Reject/ }).click();
    await waiting.getByText(offTopic).waitFor({ state: "detached" });
    await waiting.getByRole("listitem").filter({ hasText: metaStatement }).getByRole("button", { name: /^Meta/ }).click();
    await mara.getByText("Nothing waits for moderation").waitFor();

    // Seven partners vote (seeded); the delegate's queue now holds eight statements.
    for (const key of ["a1", "a2", "a3", "b1", "b2", "b3", "c1"]) await voteThroughQueue(person(key).client, allianceId, mapId, person(key).camp);
    await ana.getByText("0 of 8", { exact: true }).waitFor();

    // The delegate votes one statement at a time, by mouse and by keyboard in turn.
    const card = ana.getByRole("group", { name: "Vote on this statement" });
    const keys: Record<Vote, string> = { agree: "a", disagree: "d", pass: "p" };
    const buttons: Record<Vote, string> = { agree: "Agree", disagree: "Disagree", pass: "Pass / unsure" };
    for (let voted = 0; voted < 8; voted++) {
      const body = (await card.getByRole("blockquote").textContent())?.trim() ?? "";
      const vote = voteOf("A", body);
      // The card takes the next vote once the last one is saved.
      await expect.poll(() => card.getByRole("button", { name: "Agree", exact: true }).isEnabled(), { timeout: 15_000 }).toBe(true);
      if (voted % 2 === 0) await card.getByRole("button", { name: buttons[vote], exact: true }).click();
      else {
        // The focus moved to the statement after the last vote: a key votes.
        expect(await ana.evaluate("document.activeElement?.tagName")).toBe("BLOCKQUOTE");
        await ana.keyboard.press(keys[vote]);
      }
      await ana.getByText(`${voted + 1} of 8`, { exact: true }).waitFor();
      if (voted < 7) await card.getByRole("blockquote").filter({ hasNotText: body }).waitFor();
    }
    await ana.getByText("You have voted on every statement open for voting.").waitFor();

    // The results: groups, consensus and per-seat divergence.
    await mara.getByRole("link", { name: "See the results" }).click();
    await mara.getByRole("heading", { name: `Results: ${question}`, level: 1 }).waitFor();
    await mara.getByText(/votes from 8 people, in 2 groups/).waitFor();
    await mara.getByRole("img", { name: /Participant map: 8 people in 2 groups \(group A with 4 people, group B with 4 people\)/ }).waitFor();
    const groupTable = mara.getByRole("table", { name: "Opinion groups (the map as a table)" });
    expect(await groupTable.getByRole("rowheader").allTextContents()).toEqual(["Group A", "Group B"]);
    const agreed = mara.getByRole("list", { name: "Most agree" });
    await agreed.getByText(seeds[0]!).waitFor();
    await agreed.getByText(seeds[1]!).waitFor();
    const seatTable = mara.getByRole("table", { name: "Seats by opinion group" });
    await seatTable.getByRole("row").filter({ hasText: "Greenfield Labs journey" }).getByText("Split across groups").waitFor();
    expect(await seatTable.getByRole("row").filter({ hasText: "Northwind Energy journey" }).getByRole("cell").last().textContent()).toBe("No");
    const pair = mara.getByRole("region", { name: /Northwind Energy journey and Blue Coast Trust journey|Blue Coast Trust journey and Northwind Energy journey/ });
    await pair.getByText("Their people fall in different groups.", { exact: false }).waitFor();
    await mara.getByRole("region", { name: "Divisive statements" }).getByText(seeds[3]!).waitFor();

    // One more partner votes: the results update without a reload.
    await markWindow(mara);
    await voteThroughQueue(person("c2").client, allianceId, mapId, "B");
    await mara.getByText(/votes from 9 people/).waitFor();
    expect(await isSameWindow(mara)).toBe(true);

    // The alliance's timeline tells the map's story without one line per vote.
    await mara.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: /Packaging Alliance journey/ }).click();
    const timeline = mara.getByRole("list", { name: "Activity, newest first" });
    await timeline.getByText(`Mara Okafor opened an alignment map on '${question}'`).waitFor();
    await timeline.getByText(/Mara Okafor rejected statement 8 of the alignment map/).waitFor();
    expect(await timeline.getByRole("listitem").filter({ hasText: /vote/i }).count()).toBe(0);
  }, slow);

  it("the alignment pages have no serious or critical axe violations, and the results fit a phone", async () => {
    const { allianceId, facilitator, people } = await seedAlliance(house, "axe");
    const opened = await facilitator.post<{ id: string }>(`/api/v1/alliances/${allianceId}/alignment-maps`, {
      question,
      description: "Check alignment before deciding on the levy.",
      statements: [...seeds, anaStatement],
    });
    const mapId = opened.body.id;
    const url = `/api/v1/alliances/${allianceId}/alignment-maps/${mapId}`;
    await people.b1!.client.post(`${url}/statements`, { body: metaStatement });
    for (const key of ["a1", "a2", "a3", "b1", "b2", "b3", "c1"]) await voteThroughQueue(people[key]!.client, allianceId, mapId, people[key]!.camp);

    const mara = await house.newPage("axe facilitator", { bypassCSP: true });
    await signIn(mara, "mara.axe@convergence.example");
    await mara.goto(`/alliances/${allianceId}/alignment`);
    await mara.getByRole("list", { name: "Alignment maps, newest first" }).getByRole("link", { name: question }).waitFor();
    await expectNoSeriousViolations(mara, "alignment maps");
    await mara.getByRole("button", { name: "Open a map" }).click();
    await mara.getByRole("form", { name: "Open an alignment map" }).getByLabel("Check alignment before deciding on").selectOption("proposal");
    await mara.getByText("There is no open proposal to link to.").waitFor();
    await expectNoSeriousViolations(mara, "open a map");

    await mara.goto(`/alliances/${allianceId}/alignment/${mapId}`);
    await mara.getByRole("list", { name: "Statements waiting for moderation" }).getByText(metaStatement).waitFor();
    await expectNoSeriousViolations(mara, "map, as facilitator");

    await mara.goto(`/alliances/${allianceId}/alignment/${mapId}/results`);
    await mara.getByRole("table", { name: "Seats by opinion group" }).waitFor();
    await expectNoSeriousViolations(mara, "results");

    const ana = await house.newPage("axe voter", { bypassCSP: true, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await signIn(ana, people.ana!.email);
    await ana.goto(`/alliances/${allianceId}/alignment/${mapId}`);
    await ana.getByRole("group", { name: "Vote on this statement" }).waitFor();
    await expectNoSeriousViolations(ana, "map, as voter at 375 px");
    expect(await scrollWidth(ana)).toBeLessThanOrEqual(375);
    await ana.goto(`/alliances/${allianceId}/alignment/${mapId}/results`);
    await ana.getByRole("table", { name: "Seats by opinion group" }).waitFor();
    expect(await scrollWidth(ana)).toBeLessThanOrEqual(375);
    await expectNoSeriousViolations(ana, "results at 375 px");
  }, slow);

  it("lists an alliance's maps a page at a time", async () => {
    const facilitator = house.api();
    await facilitator.signUp("mara.pages@convergence.example", "Mara Okafor", password);
    const allianceId = (await facilitator.post<{ id: string }>("/api/v1/alliances", { name: "Packaging Alliance pages" })).body.id;
    for (let n = 1; n <= 21; n++) {
      expect((await facilitator.post(`/api/v1/alliances/${allianceId}/alignment-maps`, { question: `Question number ${n}?` })).status).toBe(201);
    }
    const mara = await house.newPage("pages");
    await signIn(mara, "mara.pages@convergence.example");
    await mara.goto(`/alliances/${allianceId}/alignment`);
    const list = mara.getByRole("list", { name: "Alignment maps, newest first" });
    await list.getByRole("link", { name: "Question number 21?" }).waitFor();
    expect(await list.getByRole("listitem").count()).toBe(20);
    await mara.getByRole("button", { name: "Load more maps" }).click();
    await list.getByRole("link", { name: "Question number 1?" }).waitFor();
    expect(await list.getByRole("listitem").count()).toBe(21);
    await mara.getByRole("button", { name: "Load more maps" }).waitFor({ state: "detached" });
  }, slow);
});
