import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchPostgres, postgresUnavailableReason } from "@trellis/db/testing";
import { readConfig } from "../config";
import type { ServerContext } from "../context";
import type { Mail } from "../mail/mailer";
import { openContext } from "../start-server";
import { signUp } from "../use-cases/accounts/sign-up";
import { createAlliance } from "../use-cases/alliances/create-alliance";
import { addMember, addSeat } from "../use-cases/alliances/manage-seats";
import { loadViewer } from "../use-cases/load-viewer";
import { createOrganization } from "../use-cases/organizations/create-organization";
import { cancelOccurrence } from "../use-cases/rhythm/cancel-occurrence";
import { createCadence } from "../use-cases/rhythm/create-cadence";
import { runJobOnce } from "./job-runner";
import { rhythmRemindersJob, sendRhythmReminders } from "./rhythm-reminders";

const unavailable = await postgresUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI requires PostgreSQL: ${unavailable}`);
if (unavailable) console.warn(`Skipping the two-instance reminder test: ${unavailable}`);

describe.skipIf(unavailable !== null)("meeting and agenda reminders, two instances on one Postgres", () => {
  let now = new Date("2026-12-07T14:30:00Z");
  const sent: { instance: string; mail: Mail }[] = [];
  let one: ServerContext;
  let two: ServerContext;
  let drop: () => Promise<void>;
  let allianceId = "";
  let cadenceId = "";
  let facilitatorId = "";

  const capture = (ctx: ServerContext, instance: string): ServerContext => ({
    ...ctx,
    clock: () => now,
    mailer: { send: async (mail) => void sent.push({ instance, mail }), close: () => {} },
  });

  beforeAll(async () => {
    const scratch = await createScratchPostgres();
    drop = scratch.drop;
    const config = readConfig({ databaseUrl: scratch.url, demo: false }, {});
    one = capture(await openContext(config, () => {}), "one");
    two = capture(await openContext(config, () => {}), "two");
    const at = { ...one, clock: () => new Date("2026-11-30T09:00:00Z") };
    const person = async (email: string, name: string, timeZone: string) => {
      const { id } = await signUp(at, { email, password: "correct horse battery", displayName: name }, { bypassSignupMode: true });
      await at.db.updateTable("people").set({ time_zone: timeZone }).where("id", "=", id).execute();
      return id;
    };
    facilitatorId = await person("fran@example.org", "Fran Facilitator", "Europe/Berlin");
    const delegate = await person("dana@a.example", "Dana Delegate", "Europe/Berlin");
    const member = await person("milo@a.example", "Milo Member", "Europe/Berlin");
    const other = await person("eve@b.example", "Eve Elsewhere", "America/New_York");
    allianceId = (await createAlliance(at, facilitatorId, { name: "Reminder Alliance", hasCompetitors: true })).id;
    const viewer = await loadViewer(at.db, allianceId, { id: facilitatorId, email: "fran@example.org", displayName: "Fran", isAdmin: false, timeZone: "Europe/Berlin" });
    const seatA = (await addSeat(at, viewer, allianceId, { organizationId: (await createOrganization(at, { name: "Org A", kind: "company" })).id })).id;
    const seatB = (await addSeat(at, viewer, allianceId, { organizationId: (await createOrganization(at, { name: "Org B", kind: "company" })).id })).id;
    await addMember(at, viewer, allianceId, { personId: delegate, role: "delegate", seatId: seatA });
    await addMember(at, viewer, allianceId, { personId: member, role: "member", seatId: seatA });
    await addMember(at, viewer, allianceId, { personId: other, role: "delegate", seatId: seatB });
    cadenceId = (
      await createCadence(at, viewer, allianceId, {
        kind: "tactical_check_in",
        title: "Weekly check-in",
        durationMinutes: 60,
        agendaCutoffMinutes: 12 * 60,
        expectedSeatIds: [seatA],
        schedule: { kind: "form", repeat: { pattern: "weekly", everyWeeks: 1, weekdays: ["TU"] }, time: "15:00", timeZone: "Europe/Berlin", startOn: "2026-12-01" },
      })
    ).id;
  });
  afterAll(async () => {
    await one?.database.close();
    await two?.database.close();
    await drop?.();
  });

  it("sends each reminder once even when both instances run at the same moment, with or without the lease", async () => {
    // Monday 15:30 in Berlin: the 24-hour reminder of Tuesday's 15:00 meeting is due, and so is
    // the 12-hour reminder of its agenda cutoff (Tuesday 03:00).
    for (let round = 0; round < 4; round++) {
      await Promise.all([sendRhythmReminders(one, now), sendRhythmReminders(two, now), runJobOnce(one, rhythmRemindersJob, "one"), runJobOnce(two, rhythmRemindersJob, "two")]);
    }
    const keys = sent.map((s) => `${s.mail.to} ${s.mail.subject.split(":")[0]}`).sort();
    expect(keys).toEqual([
      "dana@a.example Agenda closes soon",
      "dana@a.example Reminder",
      "eve@b.example Reminder",
      "fran@example.org Agenda closes soon",
      "fran@example.org Reminder",
      "milo@a.example Reminder",
    ]);
    const claimed = await one.db.selectFrom("sent_reminders").select("dedup_key").where("dedup_key", "like", `reminder:${cadenceId}:%`).execute();
    // One claim per (occurrence, kind, person): core's reminderDedupKey.
    expect(claimed).toHaveLength(6);
    expect(claimed.map((r) => r.dedup_key)).toContain(`reminder:${cadenceId}:20261208T150000:agenda_cutoff_12h:${facilitatorId}`);
    expect(claimed.map((r) => r.dedup_key)).toContain(`reminder:${cadenceId}:20261208T150000:meeting_24h:${facilitatorId}`);
  });

  it("writes each mail in the recipient's own time zone", () => {
    const toEve = sent.find((s) => s.mail.to === "eve@b.example")!.mail;
    expect(toEve.subject).toBe("Reminder: Weekly check-in — Reminder Alliance, Tue 8 Dec 2026, 09:00–10:00 (America/New_York)");
    expect(toEve.text).toContain("(Tue 8 Dec 2026, 15:00–16:00 (Europe/Berlin))");
    const toDana = sent.find((s) => s.mail.to === "dana@a.example" && s.mail.subject.startsWith("Agenda"))!.mail;
    expect(toDana.text).toContain("closes at 2026-12-08 03:00 (Europe/Berlin)");
    expect(toDana.text).toContain(`/alliances/${allianceId}/rhythm`);
  });

  it("sends nothing more later for the same occurrence, and nothing for a cancelled one", async () => {
    const before = sent.length;
    now = new Date("2026-12-08T01:00:00Z");
    await Promise.all([sendRhythmReminders(one, now), sendRhythmReminders(two, now)]);
    expect(sent.length).toBe(before);
    const viewer = await loadViewer(one.db, allianceId, { id: facilitatorId, email: "fran@example.org", displayName: "Fran", isAdmin: false, timeZone: "Europe/Berlin" });
    await cancelOccurrence(one, viewer, allianceId, cadenceId, "20261215T150000", { reason: "Holiday" });
    now = new Date("2026-12-14T14:30:00Z");
    await Promise.all([sendRhythmReminders(one, now), sendRhythmReminders(two, now)]);
    expect(sent.length).toBe(before);
    now = new Date("2026-12-21T14:30:00Z");
    await Promise.all([sendRhythmReminders(one, now), sendRhythmReminders(two, now)]);
    expect(sent.length).toBe(before + 6);
  });
});
