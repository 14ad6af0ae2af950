import { buildLanguageAlliance, type LanguageAlliance, type TestMember } from "@trellis/server/routes/language.test-support";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeWithBrowser, useHouse } from "./support/house";

// A pulse's results appear only with at least k respondents (k = 5 by default): the facilitator
// schedules two pulses in the browser; six people answer the first (one of them in the browser)
// and three the second; after closing, the first shows results and the second withholds them,
// showing no numbers at all.

interface Question {
  itemId: string;
  targetSeatId: string | null;
  min: number;
  max: number;
}

describeWithBrowser("pulse results and the anonymity threshold", () => {
  const house = useHouse();

  async function signIn(page: Page, member: TestMember) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();
  }

  /** Answers every question of an open pulse through the API (a different value per person). */
  async function answerByApi(a: LanguageAlliance, member: TestMember, pulseId: string, value: number) {
    const url = `/api/v1/alliances/${a.allianceId}/pulses/${pulseId}`;
    const detail = await member.client.get<{ questions: Question[] }>(url);
    expect(detail.body.questions.length).toBeGreaterThan(0);
    const answers = detail.body.questions.map((q) => ({ itemId: q.itemId, targetSeatId: q.targetSeatId, value: Math.min(q.max, Math.max(q.min, value)) }));
    const answered = await member.client.post(`${url}/responses`, { answers });
    expect(answered.status).toBe(201);
  }

  /** Schedules the next pulse from the pulses page (opening now, closing in a week) and opens its page. */
  async function schedulePulse(page: Page, a: LanguageAlliance, title: string): Promise<string> {
    await page.goto(`/alliances/${a.allianceId}/pulses`);
    const form = page.getByRole("form", { name: "Schedule a pulse" });
    await form.getByText(`${title} will ask these`).waitFor();
    await form.getByRole("button", { name: "Schedule pulse" }).click();
    await form.getByText(`${title} is scheduled.`).waitFor();
    const item = page.getByRole("listitem", { name: title });
    await item.getByText("Open", { exact: true }).waitFor();
    await item.getByRole("link", { name: title }).click();
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    return new URL(page.url()).pathname.split("/").at(-1)!;
  }

  async function closePulse(page: Page, title: string) {
    await page.reload();
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await page.getByRole("button", { name: `Close ${title} now` }).click();
    await page.getByText("Closed", { exact: true }).first().waitFor();
  }

  it("shows the results of a pulse answered by 6 and withholds those of a pulse answered by 3", async () => {
    const a = await buildLanguageAlliance(house.server, "pz");
    const facilitator = await house.newPage("facilitator");
    await signIn(facilitator, a.facilitator);

    // Pulse 1: scheduled in the browser, answered by six — Ana in the browser, five through the API.
    const first = await schedulePulse(facilitator, a, "Pulse 1");
    const ana = await house.newPage("ana");
    await signIn(ana, a.anaDelegateA);
    await ana.goto(`/alliances/${a.allianceId}/pulses`);
    await ana.getByRole("link", { name: "Answer Pulse 1" }).click();
    const form = ana.getByRole("form", { name: "Answer Pulse 1" });
    const questions = form.getByRole("radiogroup");
    await questions.first().waitFor();
    const count = await questions.count();
    expect(count).toBeGreaterThan(7);
    for (let i = 0; i < count; i++) await questions.nth(i).getByRole("radio").nth(3).check();
    await form.getByRole("button", { name: "Send my answers" }).click();
    await ana.getByText("Your answers are in.").waitFor();
    const people = [a.benMemberA, a.caiMemberA, a.dovDelegateB, a.eliMemberB, a.fayDelegateC];
    for (const [index, person] of people.entries()) await answerByApi(a, person, first, 2 + index);
    await facilitator.getByText("6 of 6 answered").waitFor();
    await closePulse(facilitator, "Pulse 1");

    const results = facilitator.getByRole("region", { name: "Results" });
    const byDynamic = results.getByRole("table", { name: "Results by dynamic" });
    await byDynamic.waitFor();
    expect(await byDynamic.getByText("6 respondents").count()).toBeGreaterThan(0);
    expect(await results.getByText("Results withheld").count()).toBe(0);
    // A partner sees the results too.
    await ana.goto(`/alliances/${a.allianceId}/pulses/${first}`);
    await ana.getByRole("table", { name: "Results by dynamic" }).getByText("6 respondents").first().waitFor();

    // Pulse 2: answered by three only.
    const second = await schedulePulse(facilitator, a, "Pulse 2");
    for (const [index, person] of [a.anaDelegateA, a.dovDelegateB, a.fayDelegateC].entries()) await answerByApi(a, person, second, 3 + index);
    await closePulse(facilitator, "Pulse 2");
    for (const page of [facilitator, ana]) {
      await page.goto(`/alliances/${a.allianceId}/pulses/${second}`);
      const withheld = page.getByRole("region", { name: "Results" });
      await withheld.getByText("Results are withheld until at least 5 people have answered").waitFor();
      const text = await withheld.innerText();
      // No number but k itself: no mean, score, count or distribution.
      expect(text.replace("at least 5 people", "")).not.toMatch(/\d|respondents|Mean|score/);
      expect(await withheld.getByRole("table").count()).toBe(0);
    }
    // And Pulse 1 still shows its results beside it in the trend, Pulse 2 is withheld there too.
    await facilitator.goto(`/alliances/${a.allianceId}/pulses`);
    const trend = facilitator.getByRole("table", { name: "Trend, oldest pulse first" });
    await trend.getByRole("row", { name: /Pulse 2/ }).getByText("Withheld until 5 respondents").waitFor();
    expect(await trend.getByRole("row", { name: /Pulse 1/ }).getByText(/respondents/).innerText()).toContain("6 respondents");
  }, 240_000);
});
