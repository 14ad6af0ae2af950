import { buildLanguageAlliance, type LanguageAlliance, type TestMember } from "@trellis/server/routes/language.test-support";
import { publishAnonymousTensions } from "@trellis/server/use-cases/registers/publish-anonymous-tensions";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeWithBrowser, useHouse } from "./support/house";

// An anonymous tension raised in the browser: after it is published, nobody else — the
// facilitator, delegates and members of every seat, an observer, counsel — can find its author,
// not on its pages, not through the API, the events, the story or an export.

/** The server's clock runs with the real one, plus however far the test has moved it. */
let offsetMs = 0;

describeWithBrowser("an anonymous tension", () => {
  const house = useHouse({ clock: () => new Date(Date.now() + offsetMs) });

  async function signIn(page: Page, member: TestMember) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();
  }

  /** A browser already signed in as the member: signing in is not what this test is about. */
  const signedInPage = (name: string, member: TestMember): Promise<Page> => house.signedInPage(name, member.client);

  it("raised through the page, shows no author to any other role, and no author is found through the API, the story or an export", async () => {
    const a: LanguageAlliance = await buildLanguageAlliance(house.server, "tx");
    const author = a.benMemberA;
    const summary = "Budgets arrive already decided before partners can shape them.";
    const marks = [author.id, author.name, author.email, ...author.name.split(" ").filter((part) => part.length > 3), a.seats.a, a.seatNames.a];
    const expectNoAuthor = (label: string, value: unknown) => {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      for (const mark of marks) expect(text, `${label} shows ${mark}`).not.toContain(mark);
    };

    // A member of Acme Foods raises it anonymously toward Blue Bottles, in the browser.
    const ben = await house.newPage("author");
    await signIn(ben, author);
    await ben.goto(`/alliances/${a.allianceId}/tensions`);
    await ben.getByRole("heading", { name: "Tensions", level: 1 }).waitFor();
    await ben.getByRole("button", { name: "Raise a tension" }).click();
    const dialog = ben.getByRole("dialog", { name: "Raise a tension" });
    await dialog.getByLabel("The tension in a sentence").fill(summary);
    await dialog.getByLabel("More detail (optional)").fill("We approve budgets rather than shape them.");
    await dialog.getByLabel("Seat", { exact: true }).selectOption({ label: a.seatNames.b });
    await dialog.getByLabel("Raise it anonymously").check();
    await dialog.getByLabel("Tell the facilitators it was me").waitFor();
    await dialog.getByRole("button", { name: "Raise tension" }).click();
    await dialog.waitFor({ state: "hidden" });
    await ben.getByText("until its day has ended").waitFor();

    // Until its day has ended nobody sees it, its author included.
    for (const member of [author, a.facilitator, a.dovDelegateB]) {
      const list = await member.client.get<{ items: { summary: string }[] }>(`/api/v1/alliances/${a.allianceId}/tensions`);
      expect(list.body.items.map((t) => t.summary)).not.toContain(summary);
    }

    // The day ends; the publishing job runs.
    const now = Date.now();
    const nextDay = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate() + 1);
    offsetMs = nextDay + 7 * 60_000 - now;
    expect(await publishAnonymousTensions(house.server.ctx)).toBe(1);
    const listed = await a.facilitator.client.get<{ items: { id: string; summary: string }[] }>(`/api/v1/alliances/${a.allianceId}/tensions`);
    const tension = listed.body.items.find((t) => t.summary === summary);
    expect(tension).toBeDefined();
    const tensionId = tension!.id;

    const viewers: [string, TestMember][] = [
      ["the facilitator", a.facilitator],
      ["the delegate of the target seat", a.dovDelegateB],
      ["a member of the target seat", a.eliMemberB],
      ["the delegate of a third seat", a.fayDelegateC],
      ["the delegate of the author's own seat", a.anaDelegateA],
      ["a member of the author's own seat", a.caiMemberA],
      ["an observer", a.observer],
      ["counsel", a.counsel],
    ];
    for (const [label, member] of viewers) {
      // In the browser: the list and the tension's page say it is anonymous and name nobody.
      const page = await signedInPage(label, member);
      await page.goto(`/alliances/${a.allianceId}/tensions`);
      const item = page.getByRole("list", { name: "Tensions" }).getByRole("listitem").filter({ hasText: summary });
      await item.getByText("Raised anonymously").waitFor();
      expectNoAuthor(`${label}: the list`, await page.getByRole("main").innerText());
      await item.getByRole("link", { name: summary }).click();
      const article = page.getByRole("article", { name: "The tension" });
      await article.getByText(`Toward ${a.seatNames.b}`).waitFor();
      await article.getByText("Anonymous", { exact: true }).waitFor();
      expect(await page.getByText("For facilitators only").count()).toBe(0);
      expectNoAuthor(`${label}: the tension's page`, await page.getByRole("main").innerText());

      // Through the API: the record, the list, the events, the story and its Markdown, the export.
      const url = `/api/v1/alliances/${a.allianceId}`;
      const detail = await member.client.get<Record<string, unknown>>(`${url}/tensions/${tensionId}`);
      expect(detail.status, label).toBe(200);
      expect(detail.body).toMatchObject({ anonymous: true });
      expect(Object.keys(detail.body)).not.toContain("raisedBy");
      expect(Object.keys(detail.body)).not.toContain("disclosedAuthor");
      expectNoAuthor(`${label}: the API's tension`, detail.body);
      expectNoAuthor(`${label}: the API's list`, (await member.client.get<{ items: { id: string }[] }>(`${url}/tensions`)).body.items.find((t) => t.id === tensionId));
      const events = await member.client.get<{ items: unknown[] }>(`${url}/events?limit=200`);
      const aboutIt = events.body.items.filter((e) => JSON.stringify(e).includes(tensionId));
      expect(aboutIt.length, label).toBeGreaterThan(0);
      expectNoAuthor(`${label}: the events`, aboutIt);
      const story = await member.client.get<{ entries: { record: { id: string } | null }[] }>(`${url}/story`);
      const told = story.body.entries.filter((entry) => entry.record?.id === tensionId);
      expect(told.length, label).toBe(1);
      expectNoAuthor(`${label}: the story`, told);
      const markdown = await member.client.get<string>(`${url}/story/markdown`);
      const line = markdown.body.split("\n").find((text) => text.includes("A tension was raised"));
      expect(line, label).toBeDefined();
      expectNoAuthor(`${label}: the story's Markdown`, line);
      const archive = await member.client.get<string>(`${url}/export`);
      if (archive.status === 200) {
        const lines = archive.body.split("\n").filter((text) => text.includes(tensionId));
        expect(lines.length, label).toBeGreaterThan(0);
        expectNoAuthor(`${label}: the export`, lines);
      } else {
        expect(archive.status, label).toBe(403);
      }
    }
  }, 240_000);
});
