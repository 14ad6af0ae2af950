import type { ApiClient } from "@trellis/server/testing/test-server";
import type { Locator, Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectNoSeriousViolations } from "./support/axe";
import { describeWithBrowser, isSameWindow, markWindow, scrollWidth, useHouse } from "./support/house";

// Commitments as conversations for action, in the browser: two partners from two organizations,
// each in a browser of their own, run a request through other terms, a report that is not yet
// enough, and a report that is; each sees the other's move arrive live, and the ledger follows.

describeWithBrowser("commitments", () => {
  const house = useHouse();
  const password = "correct horse battery";
  let counter = 0;

  interface Seeded {
    allianceId: string;
    name: string;
    ana: { id: string; email: string; client: ApiClient };
    ben: { id: string; email: string; client: ApiClient };
  }

  /**
   * An alliance with two seats and a delegate in each, made through the API (not what the test is
   * about). Organization names are unique in Trellis, so each test names its own.
   */
  async function seedAlliance(anaOrganization: string, benOrganization: string): Promise<Seeded> {
    counter += 1;
    const tag = String(counter);
    const facilitator = house.api();
    await facilitator.signUp(`lena-${tag}@convergence.example`, "Lena Facilitator", password);
    const name = `Harbour Water Compact ${counter}`;
    const alliance = await facilitator.post<{ id: string }>("/api/v1/alliances", { name, purpose: "Clean harbour water by 2030." });
    expect(alliance.status).toBe(201);
    const allianceId = alliance.body.id;
    const seatOf = async (orgName: string, kind: string) => {
      const organization = await facilitator.post<{ id: string }>("/api/v1/organizations", { name: orgName, kind });
      expect(organization.status).toBe(201);
      const seat = await facilitator.post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, { organizationId: organization.body.id });
      expect(seat.status).toBe(201);
      return seat.body.id;
    };
    const utilitiesSeat = await seatOf(anaOrganization, "company");
    const trustSeat = await seatOf(benOrganization, "ngo");
    const person = async (email: string, displayName: string, seatId: string) => {
      const client = house.api();
      const { id } = await client.signUp(email, displayName, password);
      const added = await facilitator.post(`/api/v1/alliances/${allianceId}/members`, { personId: id, role: "delegate", seatId });
      expect(added.status).toBe(204);
      return { id, email, client };
    };
    const ana = await person(`ana-${tag}@harbour.example`, "Ana Ruiz", utilitiesSeat);
    const ben = await person(`ben-${tag}@bluecoast.example`, "Ben Osei", trustSeat);
    return { allianceId, name, ana, ben };
  }

  async function signIn(page: Page, email: string) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();
  }

  /** Opens the form of a move and makes it, with words and (for moves that change them) a new date. */
  async function move(page: Page, label: string, options: { message?: string; due?: string } = {}) {
    await page.getByRole("region", { name: "Your move" }).getByRole("button", { name: label, exact: true }).click();
    const form = page.getByRole("form", { name: label });
    if (options.due) await form.getByLabel("Due date").fill(options.due);
    if (options.message) await form.getByLabel("Message (optional)").fill(options.message);
    await form.getByRole("button", { name: label, exact: true }).click();
    await form.waitFor({ state: "detached" });
  }

  // The two-browser journey and the axe tour take a minute on a busy machine; give them room.
  const longTest = 240_000;
  const thread = (page: Page) => page.getByRole("list", { name: "Moves, oldest first" });
  const moveButton = (page: Page, label: string) => page.getByRole("region", { name: "Your move" }).getByRole("button", { name: label, exact: true });

  /** The text of one measure in a ledger table row (the row's header is the seat). */
  async function ledgerCell(table: Locator, seat: string, column: string): Promise<string> {
    const headers = await table.getByRole("columnheader").allTextContents();
    const index = headers.indexOf(column);
    expect(index, `no column ${column} in ${headers.join(", ")}`).toBeGreaterThan(0);
    return (await table.getByRole("row", { name: new RegExp(`^${seat}`) }).getByRole("cell").nth(index - 1).textContent()) ?? "";
  }


  it("two partners run a request through other terms, a report not yet enough and one that is; each sees the other's move live and the ledgers follow", async () => {
    const { allianceId, name, ana: anaSeed, ben: benSeed } = await seedAlliance("Harbour Utilities", "Blue Coast Trust");

    const ana = await house.newPage("customer");
    const ben = await house.newPage("performer");
    await signIn(ana, anaSeed.email);
    await signIn(ben, benSeed.email);

    // Ben watches his loops: nothing waits on him yet.
    await ben.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^My loops/ }).click();
    await ben.getByRole("heading", { name: "My loops", level: 1 }).waitFor();
    const benAlliance = ben.getByRole("region", { name: name });
    await benAlliance.getByText("No open loops here.").waitFor();
    await benAlliance.getByText("Live", { exact: true }).waitFor();
    await markWindow(ben);

    // Ana asks Ben for the monthly data, from the alliance's commitments.
    await ana.getByRole("link", { name }).click();
    await ana.getByRole("heading", { name, level: 1 }).waitFor();
    await ana.getByRole("navigation", { name: "In this alliance" }).getByRole("link", { name: "Commitments", exact: true }).click();
    await ana.getByRole("heading", { name: "Commitments", level: 1 }).waitFor();
    await ana.getByText("No commitments yet").waitFor();
    await ana.getByRole("link", { name: "Ask or offer" }).click();
    const request = ana.getByRole("form", { name: "New request" });
    await request.getByLabel("Ask whom").selectOption({ label: "Ben Osei — Blue Coast Trust" });
    await request.getByLabel("Title").fill("Monthly water quality data");
    await request.getByLabel("Conditions of satisfaction").fill("One CSV per month, every sampling point, checked by the lab lead");
    await request.getByLabel("Due date").fill("2030-06-28T17:00");
    await request.getByLabel("Message (optional)").fill("We need it for the joint report.");
    await request.getByRole("button", { name: "Send request" }).click();
    await ana.getByRole("heading", { name: "Monthly water quality data", level: 1 }).waitFor();
    await thread(ana).getByRole("listitem", { name: "Request by Ana Ruiz" }).getByText("We need it for the joint report.").waitFor();
    await ana.getByText("Waiting on Ben Osei (Blue Coast Trust) to answer the request.").waitFor();
    expect(await ana.getByRole("region", { name: "Your move" }).getByRole("button").allTextContents()).toEqual(["Withdraw"]);
    await ana.getByText("Live", { exact: true }).waitFor();
    await markWindow(ana);

    // The request reaches Ben's loops live, with the count in the navigation.
    const waiting = benAlliance.getByRole("list", { name: "Waiting on me" });
    await waiting.getByRole("link", { name: "Monthly water quality data" }).waitFor();
    await waiting.getByText("You owe Ana Ruiz (Harbour Utilities) a move: to answer the request.").waitFor();
    await ben.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^My loops\s*1/ }).waitFor();
    await waiting.getByRole("link", { name: "Monthly water quality data" }).click();
    await ben.getByRole("heading", { name: "Monthly water quality data", level: 1 }).waitFor();
    expect(await ben.getByRole("region", { name: "Your move" }).getByRole("button").allTextContents()).toEqual(["Promise", "Suggest other terms", "Decline", "I'll answer by…"]);
    await ben.getByText("Live", { exact: true }).waitFor();

    // Ben suggests other terms: two more weeks.
    await move(ben, "Suggest other terms", { due: "2030-07-12T17:00", message: "Our lab needs two more weeks." });
    await thread(ben).getByRole("listitem", { name: "Suggest other terms by Ben Osei" }).waitFor();

    // Ana sees it without reloading, and accepts the other terms.
    await thread(ana).getByRole("listitem", { name: "Suggest other terms by Ben Osei" }).getByText("Our lab needs two more weeks.").waitFor();
    await ana.getByRole("region", { name: "Current terms" }).getByText("12 Jul 2030, 17:00").waitFor();
    await move(ana, "Accept terms");

    // Ben sees the promise bound; he reports it done.
    await thread(ben).getByRole("listitem", { name: "Accept terms by Ana Ruiz" }).waitFor();
    await moveButton(ben, "Report done").waitFor();
    await move(ben, "Report done", { message: "All months are in the shared folder." });

    // Ana finds June missing: not done yet.
    await thread(ana).getByRole("listitem", { name: "Report done by Ben Osei" }).getByText("All months are in the shared folder.").waitFor();
    await move(ana, "Not done yet", { message: "June is missing." });

    // Ben sees why, adds June and reports again; then watches the ledger.
    await thread(ben).getByRole("listitem", { name: "Not done yet by Ana Ruiz" }).getByText("June is missing.").waitFor();
    await move(ben, "Report done", { message: "June added." });
    await ben.getByText("Nothing for you to do now: the next move is theirs.").waitFor();
    await ben.getByRole("link", { name: "All commitments" }).click();
    await ben.getByRole("navigation", { name: "Commitments" }).getByRole("link", { name: "Ledger" }).click();
    await ben.getByRole("heading", { name: "Ledger of commitments", level: 1 }).waitFor();
    await ben.getByText("Live", { exact: true }).waitFor();
    const benLedger = ben.getByRole("table", { name: "Per seat" });
    await benLedger.getByRole("row", { name: /^Blue Coast Trust/ }).waitFor();
    expect(await ledgerCell(benLedger, "Blue Coast Trust", "Promises made")).toBe("1");
    expect(await ledgerCell(benLedger, "Blue Coast Trust", "Kept on time")).toBe("0");

    // Ana accepts it as done.
    await thread(ana).getByRole("listitem", { name: "Report done by Ben Osei" }).nth(1).getByText("June added.").waitFor();
    await move(ana, "Accept as done", { message: "Thank you!" });
    await ana.getByText(/^Closed on .*: accepted\.$/).waitFor();
    expect(await thread(ana).getByRole("listitem").evaluateAll((items) => items.map((item) => item.getAttribute("aria-label")))).toEqual([
      "Request by Ana Ruiz",
      "Suggest other terms by Ben Osei",
      "Accept terms by Ana Ruiz",
      "Report done by Ben Osei",
      "Not done yet by Ana Ruiz",
      "Report done by Ben Osei",
      "Accept as done by Ana Ruiz",
    ]);

    // Ben's ledger counts the promise kept on time, live.
    await expect.poll(() => ledgerCell(benLedger, "Blue Coast Trust", "Kept on time"), { timeout: 15_000 }).toBe("1");
    expect(await ledgerCell(benLedger, "Harbour Utilities", "Requests made")).toBe("1");

    // Ana's ledger of her own seat, and of Ben's.
    await ana.getByRole("link", { name: "All commitments" }).click();
    await ana.getByRole("navigation", { name: "Commitments" }).getByRole("link", { name: "Ledger" }).click();
    await ana.getByRole("table", { name: "Per seat" }).getByRole("link", { name: "Harbour Utilities" }).click();
    await ana.getByRole("heading", { name: "Ledger of Harbour Utilities", level: 1 }).waitFor();
    const anaMeasures = ana.getByRole("table", { name: "Measures of Harbour Utilities" });
    await anaMeasures.getByRole("row", { name: "Requests made 1", exact: true }).waitFor();
    await anaMeasures.getByRole("row", { name: "Closures declared by the customer 1 of 1", exact: true }).waitFor();
    await ana.goto(`/alliances/${allianceId}/commitments/ledger`);
    await ana.getByRole("table", { name: "Per seat" }).getByRole("link", { name: "Blue Coast Trust" }).click();
    const benMeasures = ana.getByRole("table", { name: "Measures of Blue Coast Trust" });
    await benMeasures.getByRole("row", { name: "Kept on time 1", exact: true }).waitFor();
    await benMeasures.getByRole("row", { name: "Requests answered 1 of 1", exact: true }).waitFor();

    // Nothing waits on either any more.
    expect(await isSameWindow(ben)).toBe(true);
    await ben.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^My loops/ }).click();
    await ben.getByRole("region", { name }).getByText("No open loops here.").waitFor();
  }, longTest);

  it("a move made meanwhile elsewhere answers 409 with the current state, and the person tries again; bad input shows next to its field", async () => {
    const { allianceId, ana: anaSeed, ben: benSeed } = await seedAlliance("Estuary Utilities", "Tidewater Trust");
    const created = await anaSeed.client.post<{ id: string; version: number }>(`/api/v1/alliances/${allianceId}/commitments`, {
      title: "Sampling protocol",
      conditions: "Two pages, agreed by both labs",
      dueAt: "2030-03-01T12:00:00Z",
      timeZone: "UTC",
      counterpart: { personId: benSeed.id },
    });
    expect(created.status).toBe(201);

    const ben = await house.newPage("performer-409", { bypassCSP: true });
    await signIn(ben, benSeed.email);
    await ben.goto(`/alliances/${allianceId}/commitments/${created.body.id}`);
    await ben.getByRole("heading", { name: "Sampling protocol", level: 1 }).waitFor();
    await ben.getByText("Live", { exact: true }).waitFor();
    await moveButton(ben, "Promise").click();
    const form = ben.getByRole("form", { name: "Promise" });
    await form.getByLabel("Message (optional)").fill("Yes, by March.");

    // Meanwhile, in another tab, Ben says when he will answer.
    const elsewhere = await benSeed.client.post(`/api/v1/alliances/${allianceId}/commitments/${created.body.id}/moves`, { version: created.body.version, move: "commit_to_commit", answerBy: "2030-01-15T12:00:00Z" });
    expect(elsewhere.status).toBe(200);
    await thread(ben).getByRole("listitem", { name: "I'll answer by… by Ben Osei" }).waitFor();

    // The open form still speaks for the version it started from: 409, the current state, try again.
    await form.getByRole("button", { name: "Promise", exact: true }).click();
    const conflict = form.getByRole("alert");
    await conflict.getByText("Someone moved this commitment meanwhile").waitFor();
    await conflict.getByText(/It is now requested \(last move: I'll answer by…\)/).waitFor();
    await expectNoSeriousViolations(ben, "commitment page after a 409");
    await conflict.getByRole("button", { name: "Try again from the current state" }).click();
    expect(await form.getByLabel("Message (optional)").inputValue()).toBe("Yes, by March.");
    await form.getByRole("button", { name: "Promise", exact: true }).click();
    await form.waitFor({ state: "detached" });
    await thread(ben).getByRole("listitem", { name: "Promise by Ben Osei" }).getByText("Yes, by March.").waitFor();
    await moveButton(ben, "Report done").waitFor();

    // Bad input on a new offer: what is missing, then a date in the past, each next to its field.
    await ben.goto(`/alliances/${allianceId}/commitments/new?opening=offer`);
    const offer = ben.getByRole("form", { name: "New offer" });
    await offer.getByRole("button", { name: "Send offer" }).click();
    await offer.getByText("Give it a short title.").waitFor();
    await offer.getByText("Give a date and a time.").waitFor();
    expect(await offer.getByLabel("Title").getAttribute("aria-invalid")).toBe("true");
    await offer.getByLabel("Offer to whom").selectOption({ label: "Ana Ruiz — Estuary Utilities" });
    await offer.getByLabel("Title").fill("A tour of the lab");
    await offer.getByLabel("Conditions of satisfaction").fill("Two hours, for up to six people");
    await offer.getByLabel("Due date").fill("2020-01-10T10:00");
    await offer.getByRole("button", { name: "Send offer" }).click();
    await offer.getByText("The due date must be in the future.").waitFor();
    expect(await offer.getByLabel("Due date").getAttribute("aria-invalid")).toBe("true");
    await expectNoSeriousViolations(ben, "new offer with bad input");
    await offer.getByLabel("Due date").fill("2030-02-10T10:00");
    await offer.getByRole("button", { name: "Send offer" }).click();
    await ben.getByRole("heading", { name: "A tour of the lab", level: 1 }).waitFor();
    await ben.getByText("Waiting on Ana Ruiz (Estuary Utilities) to respond to the offer.").waitFor();
  });

  /** A request Ana made and Ben promised, and one Ben asks of Ana; the pages that show them. */
  async function seedPages(anaOrganization: string, benOrganization: string) {
    const seeded = await seedAlliance(anaOrganization, benOrganization);
    const { allianceId, ana: anaSeed, ben: benSeed } = seeded;
    const opened = await anaSeed.client.post<{ id: string; version: number }>(`/api/v1/alliances/${allianceId}/commitments`, {
      title: "Shared sampling calendar",
      conditions: "Every sampling date of 2030 in one shared calendar",
      dueAt: "2030-04-01T09:00:00+02:00",
      timeZone: "Europe/Berlin",
      counterpart: { personId: benSeed.id },
      message: "Can you set it up?",
    });
    expect(opened.status).toBe(201);
    const promised = await benSeed.client.post(`/api/v1/alliances/${allianceId}/commitments/${opened.body.id}/moves`, { version: opened.body.version, move: "promise" });
    expect(promised.status).toBe(200);
    const asked = await benSeed.client.post(`/api/v1/alliances/${allianceId}/commitments`, { title: "Buoy maintenance", conditions: "All buoys checked", dueAt: "2030-05-01T09:00:00Z", timeZone: "UTC", counterpart: { personId: anaSeed.id } });
    expect(asked.status).toBe(201);
    const pagesFor = (page: Page): [string, string, () => Promise<void>][] => [
      ["my loops", "/loops", () => page.getByRole("list", { name: "Waiting on me" }).getByRole("link", { name: "Buoy maintenance" }).waitFor()],
      ["my loops in the alliance", `/alliances/${allianceId}/loops`, () => page.getByRole("list", { name: "I am waiting on" }).getByRole("link", { name: "Shared sampling calendar" }).waitFor()],
      ["commitments", `/alliances/${allianceId}/commitments`, () => page.getByRole("list", { name: "Commitments" }).getByRole("link", { name: "Buoy maintenance" }).waitFor()],
      ["commitment", `/alliances/${allianceId}/commitments/${opened.body.id}`, () => page.getByRole("listitem", { name: "Promise by Ben Osei" }).waitFor()],
      ["new request", `/alliances/${allianceId}/commitments/new`, () => page.getByRole("form", { name: "New request" }).waitFor()],
      ["ledger", `/alliances/${allianceId}/commitments/ledger`, () => page.getByRole("table", { name: "Per seat" }).waitFor()],
      ["network", `/alliances/${allianceId}/commitments/network`, () => page.getByRole("table", { name: "Commitments between seats" }).waitFor()],
      ["notifications", "/notifications", () => page.getByRole("list", { name: "Notifications, newest first" }).waitFor()],
    ];
    return { ...seeded, commitmentId: opened.body.id, pagesFor };
  }

  it("the commitment pages have no serious or critical axe violations", async () => {
    const { allianceId, ana: anaSeed, commitmentId, pagesFor } = await seedPages("Lagoon Utilities", "Reef Trust");
    const page = await house.newPage("axe-commitments", { bypassCSP: true });
    await signIn(page, anaSeed.email);
    for (const [where, path, ready] of pagesFor(page)) {
      await page.goto(path);
      await ready();
      await expectNoSeriousViolations(page, where);
    }
    // The due date reads in Ana's zone (UTC) with the time it was meant in.
    await page.goto(`/alliances/${allianceId}/commitments/${commitmentId}`);
    await page.getByRole("region", { name: "Current terms" }).getByText("1 Apr 2030, 07:00 (09:00 in Europe/Berlin)", { exact: true }).waitFor();
    await page.getByRole("region", { name: "Your move" }).getByRole("button", { name: "Propose new terms" }).click();
    await page.getByRole("form", { name: "Propose new terms" }).waitFor();
    await expectNoSeriousViolations(page, "commitment with a move form open");
    await page.goto(`/alliances/${allianceId}/commitments/ledger`);
    await page.getByRole("table", { name: "Per seat" }).getByRole("link", { name: "Reef Trust" }).click();
    await page.getByRole("table", { name: "Measures of Reef Trust" }).waitFor();
    await expectNoSeriousViolations(page, "seat ledger");
  }, longTest);

  it("the commitment pages fit a 375 px phone without sideways scrolling", async () => {
    const { ana: anaSeed, pagesFor } = await seedPages("Delta Utilities", "Shoal Trust");
    const phone = await house.newPage("phone-commitments", { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await signIn(phone, anaSeed.email);
    for (const [, path, ready] of pagesFor(phone)) {
      await phone.goto(path);
      await ready();
      expect(await scrollWidth(phone), path).toBeLessThanOrEqual(375);
    }
  });
});
