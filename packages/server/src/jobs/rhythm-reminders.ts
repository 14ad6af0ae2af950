import { canSee } from "@trellis/core";
import { agendaCutoffOf, localDateTimeAt, occurrencesOf, planReminders, viewOccurrenceIn, type DueReminder, type Occurrence, type ReminderRule } from "@trellis/core/rhythm";
import { cadenceFromRow, listAlliancePeople, loadCancelledKeys, visibilityFromColumns, type CadenceRow } from "@trellis/db";
import type { ServerContext } from "../context";
import type { Mail } from "../mail/mailer";
import { meetingUrl } from "../use-cases/rhythm/circulate-agenda";
import { claimReminder, type ScheduledJob } from "./job-runner";

/** Before each meeting, everyone who may see it; before the agenda closes, the people who add items. */
export const meetingReminderRule: ReminderRule = { kind: "meeting_24h", anchor: "start", minutesBefore: 24 * 60 };
export const agendaReminderRule: ReminderRule = { kind: "agenda_cutoff_12h", anchor: "agenda_cutoff", minutesBefore: 12 * 60 };

/** A reminder found late (after an outage) is still sent within this many minutes of its time, else dropped. */
const maxLatenessMinutes = 6 * 60;

function formatLocal(epochMs: number, timeZone: string): string {
  const t = localDateTimeAt(epochMs, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)} (${timeZone})`;
}

type Person = Awaited<ReturnType<typeof listAlliancePeople>>[number];

function reminderMail(
  ctx: ServerContext,
  reminder: DueReminder,
  context: { person: Person; row: CadenceRow; allianceName: string; occurrence: Occurrence; meetingId: string | null; agenda: string[] },
): Mail {
  const { person, row, allianceName, occurrence, meetingId } = context;
  const own = viewOccurrenceIn(occurrence, person.timeZone).label;
  const organizer = viewOccurrenceIn(occurrence, row.time_zone).label;
  const link = meetingId ? meetingUrl(ctx.settings.publicUrl, row.alliance_id, meetingId) : `${ctx.settings.publicUrl}/alliances/${row.alliance_id}/rhythm`;
  const when = `${own}${own === organizer ? "" : `\n(${organizer})`}`;
  const agenda = context.agenda.length ? `Agenda so far:\n${context.agenda.join("\n")}\n\n` : "";
  if (reminder.kind === agendaReminderRule.kind) {
    return {
      to: person.email,
      subject: `Agenda closes soon: ${row.title} — ${allianceName}`,
      text: `The agenda of ${row.title} (${allianceName}) closes at ${formatLocal(Date.parse(reminder.anchorAt), person.timeZone)}.\nThe meeting: ${when}\n\n${agenda}Add your seat's items:\n${link}\n`,
    };
  }
  return {
    to: person.email,
    subject: `Reminder: ${row.title} — ${allianceName}, ${own}`,
    text: `${allianceName}: ${row.title}\n${when}${row.location ? `\n${row.location}` : ""}\n\n${agenda}The meeting in Trellis:\n${link}\n`,
  };
}

/**
 * Sends the reminders due now (core planReminders): 24 hours before each occurrence to everyone
 * who may see it, and 12 hours before its agenda cutoff to the facilitators and the delegates of
 * the seats expected. Each reminder's dedup key (core reminderDedupKey) is claimed in a transaction
 * before its mail leaves, so two instances never send the same reminder.
 */
export async function sendRhythmReminders(ctx: ServerContext, now: Date): Promise<{ sent: number }> {
  const rows = await ctx.db
    .selectFrom("cadences as c")
    .innerJoin("alliances as a", "a.id", "c.alliance_id")
    .selectAll("c")
    .select(["a.name as alliance_name"])
    .where("c.archived_at", "is", null)
    .where("a.stage", "!=", "closed")
    .orderBy("c.alliance_id")
    .orderBy("c.id")
    .execute();
  const cancelled = await loadCancelledKeys(
    ctx.db,
    rows.map((r) => r.id),
  );
  const peopleOf = new Map<string, Person[]>();
  let sent = 0;
  for (const row of rows) {
    const people = peopleOf.get(row.alliance_id) ?? (await listAlliancePeople(ctx.db, row.alliance_id));
    peopleOf.set(row.alliance_id, people);
    const visibility = visibilityFromColumns(row);
    const audience = people.filter((p) => canSee(p.viewer, visibility));
    const agendaAuthors = audience.filter((p) => p.viewer.roles.includes("facilitator") || (p.viewer.roles.includes("delegate") && p.viewer.seatIds.some((s) => row.expected_seat_ids.includes(s))));
    const horizonMs = (row.agenda_cutoff_minutes + agendaReminderRule.minutesBefore + meetingReminderRule.minutesBefore + 60) * 60_000;
    const occurrences = occurrencesOf(cadenceFromRow(row, cancelled.get(row.id) ?? []), now, new Date(now.getTime() + horizonMs));
    if (occurrences.length === 0) continue;
    const meetings = await ctx.db
      .selectFrom("meetings")
      .select(["id", "occurrence_key", "status"])
      .where("cadence_id", "=", row.id)
      .where(
        "occurrence_key",
        "in",
        occurrences.map((o) => o.occurrenceKey),
      )
      .execute();
    const meetingOf = new Map(meetings.map((m) => [m.occurrence_key, m]));
    const open = occurrences.filter((o) => {
      const status = meetingOf.get(o.occurrenceKey)?.status;
      return status === undefined || status === "scheduled";
    });
    const due = [
      ...planReminders({ targets: open.map((occurrence) => ({ occurrence, recipientIds: audience.map((p) => p.id) })), rules: [meetingReminderRule], now, maxLatenessMinutes }),
      ...planReminders({
        targets: open.filter((o) => Date.parse(agendaCutoffOf(o, row.agenda_cutoff_minutes)) > now.getTime()).map((occurrence) => ({ occurrence, recipientIds: agendaAuthors.map((p) => p.id), agendaCutoffMinutesBefore: row.agenda_cutoff_minutes })),
        rules: [agendaReminderRule],
        now,
        maxLatenessMinutes,
      }),
    ];
    for (const reminder of due) {
      const person = audience.find((p) => p.id === reminder.personId);
      const occurrence = open.find((o) => o.occurrenceKey === reminder.occurrenceKey);
      if (!person || !occurrence) continue;
      const meetingId = meetingOf.get(occurrence.occurrenceKey)?.id ?? null;
      const claimed = await ctx.db.transaction().execute((trx) => claimReminder(trx, reminder.dedupKey));
      if (!claimed) continue;
      const agenda = meetingId
        ? (
            await ctx.db
              .selectFrom("agenda_items as i")
              .leftJoin("seats as s", "s.id", "i.seat_id")
              .leftJoin("organizations as o", "o.id", "s.organization_id")
              .select(["i.title", "o.name as seat_name"])
              .where("i.meeting_id", "=", meetingId)
              .orderBy("i.position")
              .execute()
          ).map((i, n) => `${n + 1}. ${i.title}${i.seat_name ? ` (${i.seat_name})` : ""}`)
        : [];
      await ctx.mailer.send(reminderMail(ctx, reminder, { person, row, allianceName: row.alliance_name, occurrence, meetingId, agenda }));
      sent++;
    }
  }
  return { sent };
}

/** Every minute, under a lease: meeting and agenda-cutoff reminders by email. */
export const rhythmRemindersJob: ScheduledJob = {
  name: "rhythm-reminders",
  intervalMs: 60_000,
  leaseMs: 5 * 60_000,
  run: async (ctx, now) => {
    await sendRhythmReminders(ctx, now);
  },
};
