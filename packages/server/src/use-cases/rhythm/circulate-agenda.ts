import { AppError, can, canSee, type AllianceViewer } from "@trellis/core";
import { localDateTimeAt, viewOccurrenceIn } from "@trellis/core/rhythm";
import { listAlliancePeople, loadMeetingRecords, visibilityFromColumns } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { antitrustNotice } from "./antitrust-notice";
import { lockMeeting } from "./meeting-access";
import { assertMeetingStatus, meetingOccurrence } from "./meeting-rules";

/** The web page of a meeting (the web app's route). */
export function meetingUrl(publicUrl: string, allianceId: string, meetingId: string): string {
  return `${publicUrl}/alliances/${allianceId}/meetings/${meetingId}`;
}

/**
 * Circulates the agenda by email to the alliance's people who may see the meeting (facilitators),
 * each with the time in their own time zone, items in order with their seat and time box.
 */
export async function circulateAgenda(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, meetingId: string): Promise<{ recipients: number }> {
  if (!can(viewer, "meeting.facilitate")) throw new AppError("forbidden", "Only a facilitator circulates the agenda.");
  const now = ctx.clock();
  const { meeting, records, people } = await ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    assertMeetingStatus(meeting.status, ["scheduled", "in_progress"], "circulate the agenda");
    const records = await loadMeetingRecords(trx, meetingId);
    const visibility = visibilityFromColumns(meeting);
    const people = (await listAlliancePeople(trx, allianceId)).filter((p) => canSee(p.viewer, visibility));
    await trx.updateTable("meetings").set({ agenda_circulated_at: now, version: meeting.version + 1 }).where("id", "=", meetingId).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "agenda.circulated",
      actorId: viewer.personId,
      visibility,
      payload: { meetingId, title: meeting.title, items: records.items.length, recipients: people.length },
    });
    return { meeting, records, people };
  });
  const occurrence = meetingOccurrence({ cadenceId: meeting.cadence_id, occurrenceKey: meeting.occurrence_key, scheduledStart: meeting.scheduled_start, scheduledEnd: meeting.scheduled_end, timeZone: meeting.time_zone });
  let clock = meeting.scheduled_start.getTime();
  const agenda = records.items.map((item, index) => {
    const local = localDateTimeAt(clock, meeting.time_zone);
    const at = `${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}`;
    if (item.duration_minutes) clock += item.duration_minutes * 60_000;
    const by = item.seat_name ? `${item.seat_name} (${item.author_name})` : item.author_name;
    return `${index + 1}. ${item.title} — ${by}${item.duration_minutes ? `, ${item.duration_minutes} min from ${at}` : ""}${item.is_late ? " [late item]" : ""}`;
  });
  for (const person of people) {
    const own = viewOccurrenceIn(occurrence, person.timeZone).label;
    const organizer = viewOccurrenceIn(occurrence, meeting.time_zone).label;
    await ctx.mailer.send({
      to: person.email,
      subject: `Agenda: ${meeting.title} — ${meeting.alliance_name}, ${own}`,
      text:
        `${meeting.alliance_name}: ${meeting.title}\n${own}${own === organizer ? "" : `\n(${organizer})`}${meeting.location ? `\n${meeting.location}` : ""}\n\n` +
        `Agenda (times in ${meeting.time_zone})\n${agenda.length ? agenda.join("\n") : "No items yet."}\n\n` +
        (meeting.has_competitors ? `Antitrust notice (to be acknowledged at the start):\n${antitrustNotice.text}\n\n` : "") +
        `The meeting in Trellis:\n${meetingUrl(ctx.settings.publicUrl, allianceId, meetingId)}\n`,
    });
  }
  return { recipients: people.length };
}
