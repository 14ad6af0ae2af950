import { buildLanguageAlliance, type LanguageAlliance, type TestMember } from "@trellis/server/routes/language.test-support";
import type { BrowserContextOptions, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { expectNoSeriousViolations } from "./support/axe";
import { describeWithBrowser, scrollWidth, useHouse } from "./support/house";

// The registers, pulses and story pages: no serious or critical axe violations, and no sideways
// scrolling on a 375 px phone. Everything shown is seeded through the API.

interface Question {
  itemId: string;
  targetSeatId: string | null;
  max: number;
}

describeWithBrowser("accessibility of the registers, pulses and story", () => {
  const house = useHouse();
  let a: LanguageAlliance;
  const ids: Record<string, string> = {};

  /** A browser signed in as the member, able to run axe. */
  const pageAs = (name: string, member: TestMember, options: BrowserContextOptions = {}): Promise<Page> => house.signedInPage(name, member.client, { bypassCSP: true, ...options });


  async function answerAll(member: TestMember, pulseId: string, value: number) {
    const url = `/api/v1/alliances/${a.allianceId}/pulses/${pulseId}`;
    const detail = await member.client.get<{ questions: Question[] }>(url);
    const answers = detail.body.questions.map((q) => ({ itemId: q.itemId, targetSeatId: q.targetSeatId, value: Math.min(q.max, value) }));
    expect((await member.client.post(`${url}/responses`, { answers })).status).toBe(201);
  }

  beforeAll(async () => {
    a = await buildLanguageAlliance(house.server, "ax");
    const url = `/api/v1/alliances/${a.allianceId}`;
    const post = async (member: TestMember, path: string, body: unknown) => {
      const response = await member.client.post<{ id: string; tension?: { id: string } }>(`${url}${path}`, body);
      expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
      return response.body;
    };
    ids.breakdown = (
      await post(a.dovDelegateB, "/breakdowns", {
        whatHappened: "The shared sorting data arrived two weeks late.",
        whatWasExpected: "Delivery by the end of June.",
        impact: "The joint analysis slipped a sprint.",
        seatIds: [a.seats.a, a.seats.b],
      })
    ).id;
    await post(a.fayDelegateC, `/register-records/${ids.breakdown}/comments`, { body: "Was a date ever agreed?" });
    ids.tension = (await post(a.dovDelegateB, "/tensions", { summary: "Meetings run over and smaller partners leave before decisions.", target: { kind: "alliance" }, anonymous: false })).tension!.id;
    ids.assumption = (
      await post(a.anaDelegateA, "/assumptions", {
        statement: "Municipalities will share sorting data without a new agreement.",
        holder: { kind: "seat", seatId: a.seats.a },
        confidence: "medium",
        testPlan: "Ask two municipalities before the September meeting.",
        reviewOn: "2030-09-01",
      })
    ).id;
    ids.learning = (
      await post(a.anaDelegateA, "/learnings", {
        source: { kind: "experiment", title: "Pilot of the shared intake form" },
        whatHappened: "Two of five partners used the form.",
        whatWasLearned: "It duplicated their CRM fields.",
        whatChanges: "Import from CRMs instead.",
        seatIds: [a.seats.a],
      })
    ).id;
    const day = 86_400_000;
    ids.closedPulse = (await post(a.facilitator, "/pulses", { opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 7 * day).toISOString() })).id;
    for (const [index, member] of [a.anaDelegateA, a.benMemberA, a.caiMemberA, a.dovDelegateB, a.eliMemberB, a.fayDelegateC].entries()) await answerAll(member, ids.closedPulse, 2 + index);
    await post(a.facilitator, `/pulses/${ids.closedPulse}/closure`, {});
    ids.openPulse = (await post(a.facilitator, "/pulses", { opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 7 * day).toISOString() })).id;
  });

  it("the registers' lists, pages and forms have no serious or critical axe violations", async () => {
    const page = await pageAs("axe-registers", a.anaDelegateA);
    const base = `/alliances/${a.allianceId}`;

    await page.goto(`${base}/registers`);
    await page.getByRole("heading", { name: "Registers", level: 1 }).waitFor();
    await expectNoSeriousViolations(page, "registers");

    const registers: [string, string, string, string][] = [
      ["breakdowns", "Breakdowns", "Name a breakdown", "The shared sorting data arrived two weeks late."],
      ["tensions", "Tensions", "Raise a tension", "Meetings run over and smaller partners leave before decisions."],
      ["assumptions", "Assumptions", "Record an assumption", "Municipalities will share sorting data without a new agreement."],
      ["learnings", "Learnings", "Record a learning", "It duplicated their CRM fields."],
    ];
    for (const [path, heading, action, title] of registers) {
      await page.goto(`${base}/${path}`);
      await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
      await page.getByRole("link", { name: title }).waitFor();
      await page.getByText("Live", { exact: true }).waitFor();
      await expectNoSeriousViolations(page, `${path} list`);
      if (path === "tensions") {
        // The list's search and status filter narrow it; nothing found says what to try.
        await page.getByLabel("Status").selectOption({ label: "Resolved" });
        await page.getByText("No tensions match").waitFor();
        await page.getByLabel("Status").selectOption({ label: "Raised" });
        await page.getByRole("textbox", { name: "Search", exact: true }).fill("smaller partners");
        await page.getByRole("link", { name: title }).waitFor();
        await page.getByRole("textbox", { name: "Search", exact: true }).fill("nothing of the sort");
        await page.getByText("No tensions match").waitFor();
        await page.getByRole("textbox", { name: "Search", exact: true }).fill("");
        await page.getByRole("link", { name: title }).waitFor();
      }

      await page.getByRole("button", { name: action }).click();
      await page.getByRole("dialog", { name: action }).waitFor();
      await expectNoSeriousViolations(page, `${path}: ${action}`);
      await page.keyboard.press("Escape");
      await page.getByRole("dialog").waitFor({ state: "hidden" });

      await page.getByRole("link", { name: title }).click();
      await page.getByRole("heading", { name: "Discussion", level: 2 }).waitFor();
      await expectNoSeriousViolations(page, `a record of ${path}`);
    }
  });

  it("the pulses, a pulse to answer, a pulse's results and the story have no serious or critical axe violations", async () => {
    const base = `/alliances/${a.allianceId}`;
    const facilitator = await pageAs("axe-facilitator", a.facilitator);
    await facilitator.goto(`${base}/pulses`);
    await facilitator.getByRole("heading", { name: "Pulses", level: 1 }).waitFor();
    await facilitator.getByRole("form", { name: "Schedule a pulse" }).waitFor();
    await facilitator.getByRole("form", { name: "Pulse cadence" }).waitFor();
    await facilitator.getByRole("table", { name: "Trend, oldest pulse first" }).waitFor();
    await expectNoSeriousViolations(facilitator, "pulses (facilitator)");

    await facilitator.goto(`${base}/pulses/${ids.closedPulse}`);
    await facilitator.getByRole("table", { name: "Results by dynamic" }).waitFor();
    await expectNoSeriousViolations(facilitator, "a pulse's results");

    const ana = await pageAs("axe-respondent", a.anaDelegateA);
    await ana.goto(`${base}/pulses/${ids.openPulse}`);
    await ana.getByRole("form", { name: "Answer Pulse 2" }).getByRole("radiogroup").first().waitFor();
    await expectNoSeriousViolations(ana, "a pulse to answer");

    await ana.goto(`${base}/story`);
    await ana.getByRole("heading", { name: "The story", level: 1 }).waitFor();
    await ana.getByText("Municipalities will share sorting data", { exact: false }).first().waitFor();
    await expectNoSeriousViolations(ana, "the story");
    // The exports are the API's, with the filters shown.
    await ana.getByRole("checkbox", { name: "Language" }).check();
    expect(await ana.getByRole("link", { name: "Export as Markdown" }).getAttribute("href")).toBe(`/api/v1/alliances/${a.allianceId}/story/markdown?dynamics=language`);
    expect(await ana.getByRole("link", { name: "Export as PDF" }).getAttribute("href")).toBe(`/api/v1/alliances/${a.allianceId}/story/pdf?dynamics=language`);
  });

  it("fits a 375 px phone without sideways scrolling", async () => {
    const base = `/alliances/${a.allianceId}`;
    const page = await pageAs("phone", a.anaDelegateA, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const pages: [string, string][] = [
      [`${base}/tensions`, "Tensions"],
      [`${base}/breakdowns/${ids.breakdown}`, "Breakdown"],
      [`${base}/assumptions/${ids.assumption}`, "Assumption"],
      [`${base}/pulses`, "Pulses"],
      [`${base}/pulses/${ids.closedPulse}`, "Pulse 1"],
      [`${base}/pulses/${ids.openPulse}`, "Pulse 2"],
      [`${base}/story`, "The story"],
    ];
    for (const [path, heading] of pages) {
      await page.goto(path);
      await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
      await page.getByText("Live", { exact: true }).waitFor();
      expect(await scrollWidth(page), path).toBeLessThanOrEqual(375);
    }
    await page.goto(`${base}/pulses/${ids.closedPulse}`);
    await page.getByRole("table", { name: "Results by dynamic" }).waitFor();
    expect(await scrollWidth(page), "a pulse's results").toBeLessThanOrEqual(375);
    await expectNoSeriousViolations(page, "a pulse's results at 375 px");
  });
});
