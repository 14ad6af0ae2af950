import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import type { ApiClient } from "@trellis/server/testing/test-server";
import { expectNoSeriousViolations } from "./support/axe";
import { describeWithBrowser, scrollWidth, useHouse, type House } from "./support/house";

// The rhythm's acceptance: a facilitator defines a monthly cadence; delegates of two organizations
// add agenda items; the facilitator orders them and runs the meeting (the antitrust notice,
// attendance, an objection and departure, an outcome as a commitment that reaches the performer's
// loops, ratings); closing publishes minutes that show all of it.

const password = "correct horse battery";

/** A date some days from today, as YYYY-MM-DD (UTC). */
function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

interface Seeded {
  allianceId: string;
  kim: ApiClient;
}

/** An alliance of competitors with two seats, their delegates and a member, made through the API. */
async function seedAlliance(house: House, prefix: string, organizations: readonly [string, string] = ["Agri One", "Seed Bank Trust"]): Promise<Seeded> {
  const mara = house.api();
  await mara.signUp(`mara@${prefix}.example`, "Mara Okafor", password);
  const alliance = await mara.post<{ id: string }>("/api/v1/alliances", { name: "Open Seeds Consortium", purpose: "Share seed data.", hasCompetitors: true });
  expect(alliance.status).toBe(201);
  const allianceId = alliance.body.id;
  const seats: string[] = [];
  for (const name of organizations) {
    const organization = await mara.post<{ id: string }>("/api/v1/organizations", { name, kind: "company" });
    seats.push((await mara.post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, { organizationId: organization.body.id })).body.id);
  }
  const people: [string, string, "delegate" | "member", number][] = [
    [`priya@${prefix}.example`, "Priya Raman", "delegate", 0],
    [`kim@${prefix}.example`, "Kim Novak", "delegate", 1],
    [`lea@${prefix}.example`, "Lea Fischer", "member", 0],
  ];
  let kim: ApiClient | null = null;
  for (const [email, name, role, seat] of people) {
    const client = house.api();
    const person = await client.signUp(email, name, password);
    const added = await mara.post(`/api/v1/alliances/${allianceId}/members`, { personId: person.id, role, seatId: seats[seat] });
    expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
    if (name === "Kim Novak") kim = client;
  }
  if (!kim) throw new Error("Kim was not seeded.");
  return { allianceId, kim };
}

async function signIn(house: House, name: string, email: string, options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const page = await house.newPage(name, options);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();
  return page;
}


describeWithBrowser("the rhythm", () => {
  const house = useHouse();

  it("a monthly cadence, an agenda from two organizations, a meeting run with the antitrust notice, an objection, a commitment and ratings, and its minutes", async () => {
    const { allianceId, kim: kimApi } = await seedAlliance(house, "journey");

    // The facilitator defines a monthly cadence from the alliance home.
    const mara = await signIn(house, "facilitator", "mara@journey.example");
    await mara.goto(`/alliances/${allianceId}`);
    await mara.getByRole("link", { name: "Rhythm" }).click();
    await mara.getByRole("heading", { name: "Rhythm", level: 1 }).waitFor();
    await mara.getByText("No cadence yet").waitFor();
    await mara.getByRole("button", { name: "Define a cadence" }).click();
    const cadenceDialog = mara.getByRole("dialog", { name: "Define a cadence" });
    await cadenceDialog.getByLabel("Kind").selectOption("tactical_check_in");
    await cadenceDialog.getByLabel("Title").fill("Monthly check-in");
    await cadenceDialog.getByLabel("Repeats").selectOption("monthly_weekday");
    await cadenceDialog.getByLabel("Which week of the month").selectOption("1");
    await cadenceDialog.getByLabel("Day of the week").selectOption("TU");
    await cadenceDialog.getByLabel(/^Time( \*)?$/).fill("15:00");
    await cadenceDialog.getByRole("textbox", { name: "Time zone" }).fill("Europe/Berl");
    await mara.getByRole("option", { name: "Europe/Berlin" }).click();
    await cadenceDialog.getByLabel("Starts on").fill(daysFromNow(4));
    await cadenceDialog.getByText("Every month on the first Tuesday at 15:00 (Europe/Berlin)").waitFor();
    expect(await cadenceDialog.getByRole("list", { name: "Next dates of this schedule" }).getByRole("listitem").count()).toBe(3);
    await cadenceDialog.getByRole("button", { name: "Define cadence" }).click();
    await cadenceDialog.waitFor({ state: "hidden" });
    const card = mara.getByRole("listitem", { name: "Cadence Monthly check-in" });
    await card.getByText("Every month on the first Tuesday at 15:00 (Europe/Berlin)").waitFor();
    await card.getByText("Agri One, Seed Bank Trust").waitFor();

    // A delegate of Agri One prepares the first date's agenda and adds an item.
    const priya = await signIn(house, "agri-one", "priya@journey.example");
    await priya.goto(`/alliances/${allianceId}/rhythm`);
    const dates = priya.getByRole("list", { name: "Next dates" });
    await dates.getByRole("button", { name: "Prepare the agenda" }).first().click();
    await priya.getByRole("heading", { name: "Monthly check-in", level: 1 }).waitFor();
    const meetingUrl = priya.url();
    expect(meetingUrl).toMatch(/\/alliances\/[0-9a-f-]+\/meetings\/[0-9a-f-]+$/);
    const priyaAdd = priya.getByRole("form", { name: "Add an agenda item" });
    await priyaAdd.getByLabel("Item").fill("Shared germplasm data format");
    await priyaAdd.getByRole("button", { name: "Add item" }).click();
    const priyaAgenda = priya.getByRole("list", { name: "Agenda items" });
    await priyaAgenda.getByText("Added by Agri One (Priya Raman)").waitFor();

    // A delegate of Seed Bank Trust adds one from the rhythm page's link.
    const kim = await signIn(house, "seed-bank", "kim@journey.example");
    await kim.goto(`/alliances/${allianceId}/rhythm`);
    await kim.getByRole("list", { name: "Next dates" }).getByRole("link", { name: "Open the meeting" }).first().click();
    await kim.getByRole("heading", { name: "Monthly check-in", level: 1 }).waitFor();
    const kimAdd = kim.getByRole("form", { name: "Add an agenda item" });
    await kimAdd.getByLabel("Item").fill("Seed bank access rules");
    await kimAdd.getByRole("button", { name: "Add item" }).click();
    await kim.getByRole("list", { name: "Agenda items" }).getByText("Added by Seed Bank Trust (Kim Novak)").waitFor();
    // Priya sees Kim's item arrive without a reload.
    await priyaAgenda.getByText("Added by Seed Bank Trust (Kim Novak)").waitFor();

    // The facilitator puts Seed Bank Trust's item first and time-boxes both.
    await mara.goto(meetingUrl);
    await mara.getByRole("heading", { name: "Monthly check-in", level: 1 }).waitFor();
    await mara.getByRole("button", { name: "Order and time-box" }).click();
    const order = mara.getByRole("form", { name: "Order the agenda" });
    await order.getByRole("button", { name: "Move “Seed bank access rules” up" }).click();
    await order.getByRole("textbox", { name: "Minutes for “Seed bank access rules”" }).fill("20");
    await order.getByRole("textbox", { name: "Minutes for “Shared germplasm data format”" }).fill("25");
    await order.getByRole("button", { name: "Save the order" }).click();
    const agenda = mara.getByRole("list", { name: "Agenda items" });
    await agenda.getByRole("listitem", { name: "1. Seed bank access rules" }).getByText(/20 min from/).waitFor();
    await agenda.getByRole("listitem", { name: "2. Shared germplasm data format" }).getByText(/25 min from/).waitFor();
    await priyaAgenda.getByRole("listitem", { name: "1. Seed bank access rules" }).waitFor();
    await mara.getByRole("button", { name: "Circulate the agenda" }).click();
    await mara.getByText("The agenda was sent by email").waitFor();
    const mail = await house.server.smtp.waitFor((m) => m.to.includes("kim@journey.example") && m.subject.startsWith("Agenda:"));
    expect(mail.text).toMatch(/1\. Seed bank access rules[\s\S]*2\. Shared germplasm data format/);

    // The meeting starts: every attendee acknowledges the antitrust notice.
    await mara.getByRole("button", { name: "Start the meeting" }).click();
    await mara.getByRole("button", { name: "I acknowledge the notice" }).click();
    await mara.getByText("You acknowledged the notice.").waitFor();
    for (const page of [priya, kim]) {
      await page.getByRole("button", { name: "I acknowledge the notice" }).click();
      await page.getByText("You acknowledged the notice.").waitFor();
    }
    // Attendance: the acknowledgements checked the three in; the facilitator excuses Lea.
    const roster = mara.getByRole("table", { name: "Attendance per person" });
    await roster.getByRole("row", { name: /Kim Novak.*Acknowledged/ }).waitFor();
    await roster.getByLabel("Attendance of Lea Fischer").selectOption("excused");
    await mara.getByRole("list", { name: "Attendance per seat" }).getByText("Seed Bank Trust: present (1 person)").waitFor();
    await expect.poll(() => roster.getByLabel("Attendance of Lea Fischer").inputValue()).toBe("excused");

    // The first item: notes, and a request from Agri One to Seed Bank Trust recorded as an outcome.
    await agenda.getByRole("button", { name: "Start this item: Seed bank access rules" }).click();
    const notes = mara.getByRole("form", { name: "Notes of “Seed bank access rules”" });
    await notes.getByLabel("Notes").fill("Access by request, answered within 30 days.");
    await notes.getByRole("button", { name: "Save notes" }).click();
    await expect.poll(() => notes.getByRole("button", { name: "Save notes" }).isDisabled()).toBe(true);

    const request = priya.getByRole("form", { name: "Make a request from this meeting" });
    await request.getByLabel("Who performs").selectOption({ label: "Kim Novak (Seed Bank Trust)" });
    await request.getByLabel(/^What/).fill("Publish the access rules");
    await request.getByLabel("Done means").fill("The rules are on the alliance's shared drive, in English and German.");
    await request.getByRole("button", { name: "Make the request" }).click();
    await priya.getByRole("list", { name: "Commitments from this meeting" }).getByText("Publish the access rules").waitFor();

    await mara.getByRole("button", { name: "Record as outcome: Publish the access rules" }).click();
    const outcomeForm = mara.getByRole("form", { name: "Record an outcome" });
    await outcomeForm.getByLabel("Of the item").selectOption({ label: "1. Seed bank access rules" });
    expect(await outcomeForm.getByLabel("Kind").inputValue()).toBe("commitment");
    await outcomeForm.getByRole("button", { name: "Record outcome" }).click();
    const outcomes = mara.getByRole("list", { name: "Outcomes" });
    await outcomes.getByText(/Seed Bank Trust: Publish the access rules/).waitFor();
    await outcomes.getByRole("link", { name: "Open the commitment" }).waitFor();

    // The commitment waits on Kim, the performer, in their loops.
    const loops = await kimApi.get<{ items: unknown[] }>(`/api/v1/alliances/${allianceId}/commitments/loops?list=waits_on_me`);
    expect(loops.status).toBe(200);
    expect(JSON.stringify(loops.body.items)).toContain("Publish the access rules");

    // The second item: Kim objects and leaves.
    await agenda.getByRole("button", { name: "Start this item: Shared germplasm data format" }).click();
    await agenda.getByRole("listitem", { name: "2. Shared germplasm data format" }).getByText("Discussed").waitFor();
    await kim.getByRole("button", { name: "Object and leave: Shared germplasm data format" }).click();
    const objection = kim.getByRole("dialog", { name: "Object and leave" });
    await objection.getByLabel("Reason (for the minutes)").fill("The data format touches our licensing terms.");
    await objection.getByRole("button", { name: "Object and leave" }).click();
    await objection.waitFor({ state: "hidden" });
    await agenda.getByText("Kim Novak (Seed Bank Trust) objected and left the meeting: “The data format touches our licensing terms.”").waitFor();

    // Ratings: each attendee rates; only the average shows.
    await priya.getByRole("radio", { name: "4" }).check();
    await priya.getByText("Average 4.0 of 5 from 1 rating.").waitFor();
    await kim.getByRole("radio", { name: "3" }).check();
    await kim.getByText("Average 3.5 of 5 from 2 ratings.").waitFor();
    await mara.getByRole("radio", { name: "5" }).check();
    await mara.getByText("Average 4.0 of 5 from 3 ratings.").waitFor();

    // The facilitator closes the meeting; the minutes show all of it, to everyone.
    await mara.getByRole("button", { name: "Close the meeting" }).click();
    const closeDialog = mara.getByRole("dialog", { name: "Close the meeting" });
    await closeDialog.getByLabel("Summary").fill("Access rules on trial; the data format item was interrupted.");
    await closeDialog.getByRole("button", { name: "Close and publish the minutes" }).click();
    await closeDialog.waitFor({ state: "hidden" });
    for (const page of [mara, priya]) {
      const minutes = page.getByRole("document", { name: "Minutes, version 1" });
      await minutes.waitFor();
      const text = (await minutes.textContent()) ?? "";
      expect(text).toContain("Access rules on trial; the data format item was interrupted.");
      expect(text).toMatch(/Acknowledged by .*Priya Raman \(Agri One\)/);
      expect(text).toContain("Kim Novak (Seed Bank Trust)");
      expect(text).toContain("2 of 2 expected seats present.");
      expect(text).toContain("Seed Bank Trust: present (Kim Novak, left)");
      expect(text).toContain("Recorded Lea Fischer as excused");
      expect(text).toMatch(/1\. Seed bank access rules.*Added by Seed Bank Trust \(Kim Novak\) · 20 min.*Access by request, answered within 30 days\./);
      expect(text).toContain("Commitment: Seed Bank Trust: Publish the access rules");
      expect(text).toMatch(/2\. Shared germplasm data format.*Kim Novak \(Seed Bank Trust\) objected and left the meeting: “The data format touches our licensing terms\.”/);
      expect(text).toContain("Average 4 of 5 from 3 ratings.");
    }

    // An edit after closing is a new version; the first stays readable.
    await mara.getByRole("button", { name: "Edit the summary" }).click();
    const edit = mara.getByRole("form", { name: "Edit the minutes" });
    await edit.getByLabel("Summary").fill("Access rules on trial for six months; the data format item was interrupted by an objection.");
    await edit.getByLabel("Why the change").fill("Clarified the trial length.");
    await edit.getByRole("button", { name: "Save as a new version" }).click();
    await mara.getByRole("document", { name: "Minutes, version 2" }).getByText(/trial for six months/).waitFor();
    await mara.getByRole("combobox", { name: "Version", exact: true }).selectOption("1");
    await mara.getByRole("document", { name: "Minutes, version 1" }).getByText("Access rules on trial; the data format item was interrupted.").waitFor();
    // Three people in three browsers on two busy cores: a long journey, given room.
  }, 300_000);

  it("editing a cadence starts from its own rule, and a rule the form cannot show is kept as it is", async () => {
    const { allianceId } = await seedAlliance(house, "edit", ["Field Seeds", "Valley Seed Library"]);
    const mara = house.api();
    await mara.signIn("mara@edit.example", password);
    const url = `/api/v1/alliances/${allianceId}/cadences`;
    type Stored = { id: string; title: string; rrule: string; dtstart: string; timeZone: string; ruleDescription: string; version: number };
    const fortnightly = await mara.post<Stored>(url, {
      kind: "tactical_check_in",
      title: "Fortnightly check-in",
      durationMinutes: 45,
      agendaCutoffMinutes: 0,
      schedule: { kind: "form", repeat: { pattern: "weekly", everyWeeks: 2, weekdays: ["TU", "TH"] }, time: "10:30", timeZone: "Europe/Berlin", startOn: daysFromNow(1) },
    });
    expect(fortnightly.status).toBe(201);
    expect(fortnightly.body.rrule).toBe("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH");
    const daily = await mara.post<Stored>(url, {
      kind: "tactical_check_in",
      title: "Daily stand-up",
      durationMinutes: 15,
      agendaCutoffMinutes: 0,
      schedule: { kind: "rrule", rrule: "FREQ=DAILY", dtstart: `${daysFromNow(1)}T09:00:00`, timeZone: "UTC" },
    });
    expect(daily.status, JSON.stringify(daily.body)).toBe(201);

    const page = await signIn(house, "mara", "mara@edit.example", { bypassCSP: true });
    await page.goto(`/alliances/${allianceId}/rhythm`);
    await page.getByRole("button", { name: "Edit the cadence Fortnightly check-in" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit the cadence" });
    // The builder shows the rule: every 2 weeks, on Tuesday and Thursday, at its time, zone and first day.
    expect(await dialog.getByLabel("Repeats").inputValue()).toBe("weekly");
    expect(await dialog.getByLabel("Every how many weeks").inputValue()).toBe("2");
    const on = dialog.getByRole("group", { name: "On" });
    for (const [day, checked] of [
      ["Monday", false],
      ["Tuesday", true],
      ["Wednesday", false],
      ["Thursday", true],
      ["Friday", false],
      ["Saturday", false],
      ["Sunday", false],
    ] as const) {
      expect(await on.getByRole("checkbox", { name: day }).isChecked(), day).toBe(checked);
    }
    expect(await dialog.getByLabel(/^Time( \*)?$/).inputValue()).toBe("10:30");
    expect(await dialog.getByRole("textbox", { name: "Time zone" }).inputValue()).toBe("Europe/Berlin");
    expect(await dialog.getByLabel(/^Starts on( \*)?$/).inputValue()).toBe(fortnightly.body.dtstart.slice(0, 10));
    await dialog.getByText(fortnightly.body.ruleDescription, { exact: true }).waitFor();
    await expectNoSeriousViolations(page, "cadence edit dialog");

    // Saved without changes, the rule is the same.
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "hidden" });
    const unchanged = await mara.get<Stored>(`${url}/${fortnightly.body.id}`);
    expect([unchanged.body.rrule, unchanged.body.dtstart, unchanged.body.timeZone, unchanged.body.version]).toEqual([
      fortnightly.body.rrule,
      fortnightly.body.dtstart,
      fortnightly.body.timeZone,
      fortnightly.body.version,
    ]);

    // A change in the builder is saved: Tuesdays only.
    await page.getByRole("button", { name: "Edit the cadence Fortnightly check-in" }).click();
    await on.getByRole("checkbox", { name: "Thursday" }).uncheck();
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(async () => (await mara.get<Stored>(`${url}/${fortnightly.body.id}`)).body.rrule).toBe("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU");

    // A daily rule is not one the form builds: it says so, and saving another change keeps the rule.
    await page.getByRole("button", { name: "Edit the cadence Daily stand-up" }).click();
    await dialog.getByText("This form cannot show the current schedule").waitFor();
    await dialog.getByText("It repeats daily.").waitFor();
    await dialog.getByText("It stays as it is unless you build a new one here.").waitFor();
    expect(await dialog.getByLabel("Repeats").count()).toBe(0);
    await expectNoSeriousViolations(page, "cadence edit dialog with a rule the form cannot show");
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });
    await dialog.getByRole("switch", { name: "Build a new schedule" }).check();
    await dialog.getByText("Saving replaces it with the schedule you build below.").waitFor();
    await dialog.getByLabel("Repeats").waitFor();
    await dialog.getByRole("switch", { name: "Build a new schedule" }).uncheck();
    await dialog.getByLabel(/^Title( \*)?$/).fill("Daily stand-up, short");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "hidden" });
    const kept = await mara.get<Stored>(`${url}/${daily.body.id}`);
    expect([kept.body.title, kept.body.rrule, kept.body.dtstart]).toEqual(["Daily stand-up, short", "FREQ=DAILY", daily.body.dtstart]);
  }, 180_000);

  it("the rhythm page, the meeting page and the account's calendar feed have no serious or critical axe violations and fit a phone", async () => {
    const { allianceId } = await seedAlliance(house, "axe", ["Harbour Seeds", "Coast Seed Library"]);
    const mara = house.api();
    await mara.signIn("mara@axe.example", password);
    const cadence = await mara.post<{ id: string; nextOccurrence: { occurrenceKey: string } }>(`/api/v1/alliances/${allianceId}/cadences`, {
      kind: "governance_meeting",
      title: "Governance",
      durationMinutes: 90,
      agendaCutoffMinutes: 0,
      schedule: { kind: "form", repeat: { pattern: "weekly", everyWeeks: 2, weekdays: ["TH"] }, time: "10:00", timeZone: "America/New_York", startOn: daysFromNow(1) },
    });
    expect(cadence.status).toBe(201);
    const meeting = await mara.post<{ id: string }>(`/api/v1/alliances/${allianceId}/meetings`, { cadenceId: cadence.body.id, occurrenceKey: cadence.body.nextOccurrence.occurrenceKey });
    await mara.post(`/api/v1/alliances/${allianceId}/meetings/${meeting.body.id}/items`, { title: "Budget for the seed survey", seatId: null });
    await mara.post(`/api/v1/alliances/${allianceId}/meetings/${meeting.body.id}/start`);

    const page = await signIn(house, "axe", "mara@axe.example", { bypassCSP: true });
    await page.goto(`/alliances/${allianceId}/rhythm`);
    await page.getByRole("listitem", { name: "Cadence Governance" }).waitFor();
    await page.getByRole("heading", { name: "Rhythm signals" }).waitFor();
    await page.getByText("Cadence adherence:", { exact: false }).waitFor();
    await page.getByText("Live", { exact: true }).waitFor();
    await expectNoSeriousViolations(page, "rhythm page");

    await page.getByRole("button", { name: "Make a calendar address" }).click();
    await page.getByRole("textbox", { name: "Calendar address" }).waitFor();
    const feedUrl = await page.getByRole("textbox", { name: "Calendar address" }).inputValue();
    expect(feedUrl).toMatch(/\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const ics = await fetch(feedUrl);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain("BEGIN:VCALENDAR");
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("list", { name: "Calendar addresses for this alliance" }).waitFor();

    await page.getByRole("button", { name: "Define a cadence" }).click();
    await page.getByRole("dialog", { name: "Define a cadence" }).getByText(/^Every month on the first Tuesday/).waitFor();
    await expectNoSeriousViolations(page, "cadence dialog");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });

    await page.goto(`/alliances/${allianceId}/meetings/${meeting.body.id}`);
    await page.getByRole("heading", { name: "Governance", level: 1 }).waitFor();
    await page.getByRole("button", { name: "I acknowledge the notice" }).waitFor();
    await page.getByRole("table", { name: "Attendance per person" }).waitFor();
    await page.getByRole("form", { name: "Record an outcome" }).waitFor();
    await expectNoSeriousViolations(page, "meeting page");

    await page.goto("/account");
    await page.getByRole("heading", { name: "Calendar feed" }).waitFor();
    await page.getByRole("button", { name: "Make a calendar address" }).click();
    const address = page.getByRole("textbox", { name: "Calendar address" });
    await address.waitFor();
    await expectNoSeriousViolations(page, "account page with a calendar feed");
    await page.getByRole("button", { name: "Done" }).click();
    const feeds = page.getByRole("list", { name: "Calendar addresses for all your alliances" });
    await feeds.getByRole("button", { name: "Revoke" }).click();
    await page.getByText("You have no calendar address for all your alliances yet.").waitFor();

    // A phone: nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of [`/alliances/${allianceId}/rhythm`, `/alliances/${allianceId}/meetings/${meeting.body.id}`]) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.getByRole("heading", { name: /Cadences|Agenda/ }).first().waitFor();
      expect(await scrollWidth(page), path).toBeLessThanOrEqual(375);
    }
  }, 180_000);
});
