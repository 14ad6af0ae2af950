import { refreshStaleHealth } from "@trellis/server/jobs/health-refresh";
import { buildLanguageAlliance, type LanguageAlliance, type TestMember } from "@trellis/server/routes/language.test-support";
import type { BrowserContextOptions, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { expectNoSeriousViolations } from "./support/axe";
import { describeWithBrowser, scrollWidth, useHouse } from "./support/house";

// The facilitator's cockpit: an alliance whose partners only ever plan two weeks ahead, and whose
// requests all come from one seat, raises alerts; the facilitator walks from the cockpit to the
// alliance's health, opens an alert's evidence and follows it to the record behind it. A partner
// sees the same health without the evidence. Ten weeks of history are seeded through the API with
// the server's clock moved back and forward, as the server's own health tests do.

const DAY = 86_400_000;
const seededWeeks = 10;
/** The server's clock runs with the real one, shifted back while the history is seeded. */
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);

describeWithBrowser("the health cockpit", () => {
  const house = useHouse({ clock });
  let a: LanguageAlliance;
  let quietAllianceName: string;
  let quietAllianceId: string;
  const titles: string[] = [];

  /** A browser signed in as the member: signing in is not what this test is about. */
  const pageAs = (name: string, member: TestMember, options: BrowserContextOptions = {}): Promise<Page> => house.signedInPage(name, member.client, options);


  /** Sessions do not outlive long jumps of the clock: everyone signs in again. */
  async function signInEveryone() {
    for (const m of [a.facilitator, a.anaDelegateA, a.dovDelegateB, a.fayDelegateC]) await m.client.signIn(m.email);
  }

  beforeAll(async () => {
    offsetMs = -seededWeeks * 7 * DAY;
    a = await buildLanguageAlliance(house.server, "hc");
    const url = `/api/v1/alliances/${a.allianceId}`;
    // Ten weeks in which Acme Foods asks the two others for batches due two weeks later, and they
    // promise at once: nothing is ever planned beyond the next quarter, and one seat authors it all.
    let n = 0;
    for (let week = 0; week < seededWeeks; week++) {
      for (let i = 0; i < 3; i++) {
        const performer = n % 2 === 0 ? a.dovDelegateB : a.fayDelegateC;
        n++;
        const title = `Sorting data batch ${n}`;
        titles.push(title);
        const created = await a.anaDelegateA.client.post<{ id: string; version: number }>(`${url}/commitments`, {
          opening: "request",
          title,
          conditions: "The batch is in the shared folder, cleaned.",
          dueAt: new Date(clock().getTime() + 14 * DAY).toISOString(),
          timeZone: "Europe/Berlin",
          counterpart: { personId: performer.id },
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const promised = await performer.client.post(`${url}/commitments/${created.body.id}/moves`, { move: "promise", version: created.body.version });
        expect(promised.status, JSON.stringify(promised.body)).toBe(200);
      }
      offsetMs += 7 * DAY;
      await signInEveryone();
    }
    offsetMs = 0;
    await signInEveryone();
    // A second alliance the same facilitator runs, with nothing happening in it yet.
    quietAllianceName = "hc Quiet Water Alliance";
    const quiet = await a.facilitator.client.post<{ id: string }>("/api/v1/alliances", { name: quietAllianceName, purpose: "Share water data." });
    expect(quiet.status).toBe(201);
    quietAllianceId = quiet.body.id;
    // The refresh job computes every alliance's snapshot for the cockpit.
    expect(await refreshStaleHealth(house.server.ctx, clock())).toBeGreaterThanOrEqual(2);
  }, 300_000);

  it("a facilitator walks from the cockpit to an alert's evidence and the record behind it", async () => {
    const page = await pageAs("facilitator", a.facilitator);
    await page.goto("/alliances");
    await page.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cockpit" }).click();
    await page.getByRole("heading", { name: "Cockpit", level: 1 }).waitFor();

    // Both alliances are there, the one with alerts showing them.
    const allianceName = `hc Packaging Alliance`;
    const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: allianceName, exact: true }) });
    await card.getByRole("list", { name: `Open alerts of ${allianceName}` }).getByRole("link", { name: /^Short-termism/ }).waitFor();
    await card.getByRole("img", { name: /^Weekly index of hc Packaging Alliance: \d+ to \d+ over 12 weeks$/ }).waitFor();
    await page.getByRole("link", { name: quietAllianceName, exact: true }).waitFor();
    await page.getByRole("heading", { name: "2 alliances", level: 2 }).waitFor();
    await card.getByLabel(/^Index \d+ out of 100$/).waitFor();

    // Nothing happened in the quiet alliance: its index (which reads high) is not shown as a score.
    const quietCard = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: quietAllianceName, exact: true }) });
    await quietCard.getByText("Not enough activity yet").waitFor();
    await quietCard.getByTitle(/^The index \(\d+\) rests on 0 records in the last 90 days: not yet meaningful$/).waitFor();
    expect(await quietCard.getByLabel(/^Index \d+ out of 100$/).count()).toBe(0);
    await quietCard.getByRole("img", { name: /^Weekly index of hc Quiet Water Alliance/ }).waitFor();
    // Sorted by index, lowest or highest first, it comes after the scored alliance.
    const names = page.getByRole("link", { name: /^hc (Packaging|Quiet Water) Alliance$/ });
    expect(await names.allTextContents()).toEqual([allianceName, quietAllianceName]);
    const highestFirst = page.waitForResponse((r) => r.url().includes("/api/v1/health/portfolio?") && r.url().includes("order=desc"));
    await page.getByLabel("Order", { exact: true }).selectOption({ label: "Highest first" });
    expect(((await (await highestFirst).json()) as { items: { name: string }[] }).items.map((i) => i.name)).toEqual([allianceName, quietAllianceName]);
    await page.locator('[aria-busy="true"]').waitFor({ state: "detached" });
    expect(await names.allTextContents()).toEqual([allianceName, quietAllianceName]);
    await page.getByLabel("Order", { exact: true }).selectOption({ label: "Lowest first" });

    // Filters: only alliances with an open short-termism alert, then a name search.
    await page.getByLabel("With an open alert", { exact: true }).selectOption({ label: "Short-termism" });
    await page.getByRole("heading", { name: "1 alliance match", level: 2 }).waitFor();
    expect(await page.getByRole("link", { name: quietAllianceName, exact: true }).count()).toBe(0);
    await page.getByLabel("With an open alert", { exact: true }).selectOption({ label: "Any" });
    await page.getByLabel("Name contains").fill("Quiet");
    await page.getByRole("heading", { name: "1 alliance match", level: 2 }).waitFor();
    await page.getByLabel("Name contains").fill("");
    await page.getByRole("heading", { name: "2 alliances", level: 2 }).waitFor();

    // The alliance's health page.
    await page.getByRole("link", { name: allianceName, exact: true }).click();
    await page.getByRole("heading", { name: `Health of ${allianceName}`, level: 1 }).waitFor();
    await page.getByRole("img", { name: /^Radar of the six dynamics of the alliance/ }).waitFor();
    await page.getByRole("table", { name: "Each dynamic out of 100, for the alliance and each seat" }).waitFor();
    await page.getByRole("img", { name: /^Trends over 26 weeks/ }).waitFor();

    // "Why is authorship N?": the signals behind the number and the records they rest on.
    await page.getByRole("button", { name: /^Why is authorship \d+\?$/ }).click();
    const why = page.getByRole("dialog", { name: /^Why is authorship \d+\?$/ });
    await why.getByText("Requests initiated across seats", { exact: true }).waitFor();
    await why.getByRole("link", { name: /^Sorting data batch \d+$/ }).first().waitFor();
    await page.keyboard.press("Escape");
    await why.waitFor({ state: "hidden" });

    // The same for one seat, from its card.
    await page.getByRole("button", { name: new RegExp(`^Why is trust (\\d+|—) for ${a.seatNames.b}\\?$`) }).click();
    const seatWhy = page.getByRole("dialog", { name: new RegExp(`^Why is trust (\\d+|—) for ${a.seatNames.b}\\?$`) });
    await seatWhy.getByText("Promises kept on time", { exact: true }).waitFor();
    await page.keyboard.press("Escape");
    await seatWhy.waitFor({ state: "hidden" });

    // The short-termism alert: what it is, the suggested move, and its evidence.
    const alert = page.getByRole("article", { name: "Short-termism" });
    await alert.getByText("Suggested move", { exact: true }).waitFor();
    await alert.getByText(/^Evidence:/).click();
    const signals = alert.getByRole("table", { name: "Signals against the bar that raised the alert" });
    await signals.getByRole("row").nth(1).waitFor();
    const records = alert.getByRole("list", { name: "Records behind Short-termism" });
    const record = records.getByRole("link", { name: /^Sorting data batch \d+$/ }).first();
    const recordTitle = (await record.textContent()) ?? "";
    expect(titles).toContain(recordTitle);
    await record.click();

    // The record's own page shows it.
    await page.getByRole("heading", { name: recordTitle, level: 1 }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/alliances/${a.allianceId}/commitments/[0-9a-f-]{36}$`));
  });

  it("the health page of a quiet alliance says its index is not yet meaningful", async () => {
    const page = await pageAs("quiet facilitator", a.facilitator, { bypassCSP: true });
    await page.goto(`/alliances/${quietAllianceId}/health`);
    await page.getByRole("heading", { name: `Health of ${quietAllianceName}`, level: 1 }).waitFor();
    const notice = page.getByRole("alert").filter({ hasText: "Not enough activity yet" });
    await notice.getByText(/^The index rests on 0 records from the last 90 days, too few for it to mean much yet\./).waitFor();
    await page.getByText(/^Collaboration Capacity Index: \d+ out of 100 \(not yet meaningful\)$/).waitFor();
    await expectNoSeriousViolations(page, "health page of a quiet alliance");
    // The busy alliance's page has no such notice.
    await page.goto(`/alliances/${a.allianceId}/health`);
    await page.getByRole("heading", { name: /^Health of hc Packaging Alliance$/, level: 1 }).waitFor();
    await page.getByText(/^Collaboration Capacity Index: \d+ out of 100$/).waitFor();
    expect(await page.getByText("Not enough activity yet").count()).toBe(0);
  });

  it("a partner sees the alliance's health without the evidence, and no cockpit", async () => {
    const page = await pageAs("delegate", a.dovDelegateB);
    await page.goto(`/alliances/${a.allianceId}`);
    await page.getByRole("link", { name: "Health", exact: true }).click();
    await page.getByRole("heading", { name: /^Health of hc Packaging Alliance$/, level: 1 }).waitFor();
    const alert = page.getByRole("article", { name: "Short-termism" });
    await alert.getByText("The evidence and the suggested move are for the alliance's facilitators.").waitFor();
    expect(await alert.getByText("Suggested move", { exact: true }).count()).toBe(0);
    expect(await alert.getByText(/^Evidence:/).count()).toBe(0);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cockpit" }).count()).toBe(0);
    // Their own seat's numbers open; another seat's do not.
    await page.getByRole("button", { name: new RegExp(`^Why is trust (\\d+|—) for ${a.seatNames.b}\\?$`) }).waitFor();
    expect(await page.getByRole("button", { name: new RegExp(`for ${a.seatNames.c}\\?$`) }).count()).toBe(0);

    await page.goto("/cockpit");
    await page.getByText("You facilitate no alliance").waitFor();
  });

  it("the cockpit and the health pages pass axe and fit a 375 px phone", async () => {
    const facilitator = await pageAs("axe facilitator", a.facilitator, { bypassCSP: true });
    await facilitator.goto("/cockpit");
    await facilitator.getByRole("heading", { name: "2 alliances", level: 2 }).waitFor();
    await expectNoSeriousViolations(facilitator, "cockpit");
    await facilitator.goto(`/alliances/${a.allianceId}/health`);
    await facilitator.getByRole("heading", { name: /^Health of /, level: 1 }).waitFor();
    await facilitator.getByRole("img", { name: /^Trends over/ }).waitFor();
    await facilitator.getByRole("article", { name: "Short-termism" }).getByText(/^Evidence:/).click();
    await expectNoSeriousViolations(facilitator, "health page, evidence open");
    await facilitator.getByRole("button", { name: /^Why is trust/ }).first().click();
    await facilitator.getByRole("dialog", { name: /^Why is trust/ }).getByRole("list", { name: "Signals" }).waitFor();
    await expectNoSeriousViolations(facilitator, "explanation of trust");

    const partner = await pageAs("axe delegate", a.dovDelegateB, { bypassCSP: true });
    await partner.goto(`/alliances/${a.allianceId}/health`);
    await partner.getByRole("heading", { name: /^Health of /, level: 1 }).waitFor();
    await partner.getByRole("img", { name: /^Trends over/ }).waitFor();
    await expectNoSeriousViolations(partner, "health page as a partner");
    await partner.goto("/cockpit");
    await partner.getByText("You facilitate no alliance").waitFor();
    await expectNoSeriousViolations(partner, "empty cockpit");

    const phone = await pageAs("phone", a.facilitator, { bypassCSP: true, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await phone.goto("/cockpit");
    await phone.getByRole("heading", { name: "2 alliances", level: 2 }).waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(375);
    await expectNoSeriousViolations(phone, "cockpit at 375 px");
    await phone.goto(`/alliances/${a.allianceId}/health`);
    await phone.getByRole("img", { name: /^Trends over/ }).waitFor();
    await phone.getByRole("article", { name: "Short-termism" }).getByText(/^Evidence:/).click();
    await phone.getByText("Show the weeks as a table").click();
    await phone.getByRole("table", { name: /^The index and the dynamics at the end of each/ }).waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(375);
    await expectNoSeriousViolations(phone, "health page at 375 px");
  });
});
