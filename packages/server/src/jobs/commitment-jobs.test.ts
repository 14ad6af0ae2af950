import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchPostgres, postgresUnavailableReason } from "@trellis/db/testing";
import { readConfig } from "../config";
import type { ServerContext } from "../context";
import type { Mail } from "../mail/mailer";
import { openContext } from "../start-server";
import { signUp } from "../use-cases/accounts/sign-up";
import { createAlliance } from "../use-cases/alliances/create-alliance";
import { addMember, addSeat } from "../use-cases/alliances/manage-seats";
import { createCommitment } from "../use-cases/commitments/create-commitment";
import { moveCommitment } from "../use-cases/commitments/move-commitment";
import { loadViewer } from "../use-cases/load-viewer";
import { createOrganization } from "../use-cases/organizations/create-organization";
import { sendDailyDigests, dailyDigestJob } from "./commitment-digest";
import { overdueRemindersJob, sendOverdueReminders } from "./commitment-reminders";
import { runJobOnce } from "./job-runner";

const unavailable = await postgresUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI requires PostgreSQL: ${unavailable}`);
if (unavailable) console.warn(`Skipping the two-instance commitment job test: ${unavailable}`);

const day = 24 * 3600_000;
const start = new Date("2026-11-02T09:00:00.000Z");

describe.skipIf(unavailable !== null)("commitment reminders and digests, two instances on one Postgres", () => {
  let one: ServerContext;
  let two: ServerContext;
  let drop: () => Promise<void>;
  let now = start;
  const sent: { by: string; mail: Mail }[] = [];
  const people: Record<string, string> = {};

  beforeAll(async () => {
    const scratch = await createScratchPostgres();
    drop = scratch.drop;
    const config = readConfig({ databaseUrl: scratch.url, demo: false }, {});
    one = await openContext(config, () => {}, () => now);
    two = await openContext(config, () => {}, () => now);
    one.mailer = { send: async (mail) => void sent.push({ by: "one", mail }), close: () => {} };
    two.mailer = { send: async (mail) => void sent.push({ by: "two", mail }), close: () => {} };

    for (const [key, email, name, zone] of [
      ["fay", "fay@example.org", "Fay Facilitator", "UTC"],
      ["ana", "ana@example.org", "Ana Asker", "Asia/Tokyo"],
      ["ben", "ben@example.org", "Ben Builder", "America/New_York"],
    ] as const) {
      people[key] = (await signUp(one, { email, password: "correct horse battery", displayName: name })).id;
      await one.db.updateTable("people").set({ time_zone: zone }).where("id", "=", people[key]!).execute();
    }
    const person = (key: string) => ({ id: people[key]!, email: `${key}@example.org`, displayName: key, isAdmin: false, timeZone: "UTC" });
    const { id: allianceId } = await createAlliance(one, people.fay!, { name: "Reminder Alliance" });
    const fay = await loadViewer(one.db, allianceId, person("fay"));
    const seatA = (await addSeat(one, fay, allianceId, { organizationId: (await createOrganization(one, { name: "Asker Org", kind: "company" })).id })).id;
    const seatB = (await addSeat(one, fay, allianceId, { organizationId: (await createOrganization(one, { name: "Builder Org", kind: "ngo" })).id })).id;
    await addMember(one, fay, allianceId, { personId: people.ana!, role: "delegate", seatId: seatA });
    await addMember(one, fay, allianceId, { personId: people.ben!, role: "delegate", seatId: seatB });
    const ana = await loadViewer(one.db, allianceId, person("ana"));
    const ben = await loadViewer(one.db, allianceId, person("ben"));
    const ask = (title: string, dueInDays: number) =>
      createCommitment(one, ana, allianceId, { opening: "request", title, conditions: "Done", dueAt: new Date(start.getTime() + dueInDays * day).toISOString(), timeZone: "Europe/Berlin", counterpart: { personId: people.ben! } });
    await ask("Unanswered request", 2);
    const promised = await ask("Promised work", 3);
    await moveCommitment(one, ben, allianceId, promised.id, { version: promised.version, move: "promise" });
    const reported = await ask("Reported work", 3);
    await moveCommitment(one, ben, allianceId, reported.id, { version: reported.version, move: "promise" });
    await moveCommitment(one, ben, allianceId, reported.id, { version: reported.version + 1, move: "report" });
    await ask("Not due yet", 30);
    sent.length = 0;
  });
  afterAll(async () => {
    await one?.database.close();
    await two?.database.close();
    await drop?.();
  });

  const notifications = (kind: string) => one.db.selectFrom("notifications").select(["person_id", "title", "record_id"]).where("kind", "=", kind).execute();

  it("sends each overdue reminder once, to the party who owes the next step, whichever instance runs", async () => {
    now = new Date(start.getTime() + 4 * day);
    for (let round = 0; round < 4; round++) {
      await Promise.all([runJobOnce(one, overdueRemindersJob, "one"), runJobOnce(two, overdueRemindersJob, "two")]);
      // Without the lease too: the dedup claim alone keeps the reminders single.
      await Promise.all([sendOverdueReminders(one, now), sendOverdueReminders(two, now)]);
    }
    const overdue = await notifications("commitment.overdue");
    expect(overdue.map((n) => [n.title, n.person_id === people.ben ? "ben" : "ana"]).sort()).toEqual([
      ["“Promised work” is overdue: to do the work", "ben"],
      ["“Reported work” is overdue: to declare whether it is done", "ana"],
      ["“Unanswered request” is overdue: to answer the request", "ben"],
    ]);
    const mails = sent.filter((s) => s.mail.subject.includes("is overdue"));
    expect(mails).toHaveLength(3);
    expect(new Set(mails.map((m) => m.mail.subject)).size).toBe(3);
  });

  it("escalates a loop overdue for more than a week once, to the party and the facilitator", async () => {
    now = new Date(start.getTime() + 12 * day);
    for (let round = 0; round < 3; round++) {
      await Promise.all([sendOverdueReminders(one, now), sendOverdueReminders(two, now), runJobOnce(two, overdueRemindersJob, "two")]);
    }
    const escalated = await notifications("commitment.escalated");
    expect(escalated.filter((n) => n.person_id === people.fay)).toHaveLength(3);
    expect(escalated.filter((n) => n.person_id !== people.fay)).toHaveLength(3);
    expect(await notifications("commitment.overdue")).toHaveLength(3);
    expect(sent.filter((s) => s.mail.subject.includes("more than a week") || s.mail.subject.startsWith("Overdue by more than a week"))).toHaveLength(6);
  });

  it("sends each person one digest a day, from 08:00 in their own time zone", async () => {
    sent.length = 0;
    // 12:00 UTC: 21:00 in Tokyo (Ana gets hers), 07:00 in New York (Ben waits).
    now = new Date("2026-11-16T12:00:00.000Z");
    await Promise.all([runJobOnce(one, dailyDigestJob, "one"), runJobOnce(two, dailyDigestJob, "two"), sendDailyDigests(two, now)]);
    expect(sent.map((s) => s.mail.to)).toEqual(["ana@example.org"]);
    expect(sent[0]!.mail.subject).toMatch(/Your open loops: 1 waiting on you/);
    expect(sent[0]!.mail.text).toContain("“Reported work”: to declare whether it is done");
    expect(sent[0]!.mail.text).toContain("You wait on (3");
    // 14:00 UTC: 09:00 in New York.
    now = new Date("2026-11-16T14:00:00.000Z");
    await Promise.all([sendDailyDigests(one, now), sendDailyDigests(two, now)]);
    await Promise.all([sendDailyDigests(one, now), sendDailyDigests(two, now)]);
    expect(sent.map((s) => s.mail.to).sort()).toEqual(["ana@example.org", "ben@example.org"]);
    expect(sent.find((s) => s.mail.to === "ben@example.org")!.mail.text).toMatch(/\[overdue \d+ d\] “Unanswered request”: to answer the request/);
    // The next day, again once each.
    now = new Date("2026-11-17T14:00:00.000Z");
    await Promise.all([sendDailyDigests(one, now), sendDailyDigests(two, now)]);
    expect(sent).toHaveLength(4);
  });
});
