import { AppError, can, type AllianceViewer } from "@trellis/core";
import { listSeatNames, loadMeeting, loadMeetingRecords, visibilityFromColumns, type Trx } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { assertMeetingStatus } from "./meeting-rules";
import { lockMeeting, personName } from "./meeting-access";
import { composeMinutes, renderMinutesMarkdown } from "./minutes";

/**
 * Writes the next version of a meeting's minutes from its current records (inside the caller's
 * transaction, with the meeting locked) and appends the event. Version 1 is the publication.
 */
export async function writeMinutesVersion(trx: Trx, at: Date, input: { allianceId: string; meetingId: string; actorId: string; reason: string }): Promise<number> {
  const meeting = await loadMeeting(trx, input.allianceId, input.meetingId, null);
  if (!meeting) throw new AppError("not_found", "No such meeting in this alliance.");
  const records = await loadMeetingRecords(trx, input.meetingId);
  const seats = [...(await listSeatNames(trx, input.allianceId))].map(([id, name]) => ({ id, name }));
  const latest = await trx.selectFrom("meeting_minutes").select((eb) => eb.fn.max("version").as("v")).where("meeting_id", "=", input.meetingId).executeTakeFirst();
  const version = Number(latest?.v ?? 0) + 1;
  const content = composeMinutes(meeting, records, seats);
  const markdown = renderMinutesMarkdown(content, version);
  await trx
    .insertInto("meeting_minutes")
    .values({ meeting_id: input.meetingId, version, content: JSON.stringify(content), markdown, reason: input.reason, edited_by: input.actorId, edited_at: at })
    .execute();
  await recordEvent(trx, at, {
    allianceId: input.allianceId,
    type: version === 1 ? "minutes.published" : "minutes.revised",
    actorId: input.actorId,
    visibility: visibilityFromColumns(meeting),
    payload: { meetingId: input.meetingId, title: meeting.title, version, reason: input.reason },
  });
  return version;
}

/**
 * Closes the meeting (facilitators): the minutes are composed from everything recorded and
 * published to the alliance as version 1. Later edits add versions (editMinutes, notes, outcomes).
 */
export async function closeMeeting(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, meetingId: string, input: { summary?: string | undefined }): Promise<{ minutesVersion: number }> {
  if (!can(viewer, "meeting.facilitate")) throw new AppError("forbidden", "Only a facilitator closes a meeting.");
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    assertMeetingStatus(meeting.status, ["in_progress"], "close it");
    await trx
      .updateTable("meetings")
      .set({ status: "closed", closed_at: now, closed_by: viewer.personId, version: meeting.version + 1, ...(input.summary !== undefined ? { summary: input.summary.trim() } : {}) })
      .where("id", "=", meetingId)
      .execute();
    const attended = await trx.selectFrom("meeting_attendance").select("seat_id").where("meeting_id", "=", meetingId).where("status", "in", ["present", "left"]).execute();
    const present = new Set(attended.flatMap((a) => (a.seat_id ? [a.seat_id] : [])));
    await recordEvent(trx, now, {
      allianceId,
      type: "meeting.held",
      actorId: viewer.personId,
      visibility: visibilityFromColumns(meeting),
      payload: {
        meetingId,
        title: meeting.title,
        cadenceId: meeting.cadence_id,
        occurrenceKey: meeting.occurrence_key,
        scheduledStart: meeting.scheduled_start.toISOString(),
        startedAt: meeting.started_at?.toISOString() ?? null,
        seatsInvited: meeting.expected_seat_ids.length,
        seatsPresent: meeting.expected_seat_ids.filter((id) => present.has(id)).length,
      },
    });
    const minutesVersion = await writeMinutesVersion(trx, now, { allianceId, meetingId, actorId: viewer.personId, reason: `Published by ${await personName(trx, viewer.personId)} when the meeting closed.` });
    return { minutesVersion };
  });
}

/** Edits the minutes' summary after the meeting closed (facilitators; send the minutes version you read): a new version. */
export async function editMinutes(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, meetingId: string, input: { version: number; summary: string; reason?: string | undefined }): Promise<{ minutesVersion: number }> {
  if (!can(viewer, "meeting.facilitate")) throw new AppError("forbidden", "Only a facilitator edits the minutes.");
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    assertMeetingStatus(meeting.status, ["closed"], "edit the minutes (they are published when the meeting closes)");
    const latest = await trx.selectFrom("meeting_minutes").select((eb) => eb.fn.max("version").as("v")).where("meeting_id", "=", meetingId).executeTakeFirst();
    const current = Number(latest?.v ?? 0);
    if (current !== input.version) throw new AppError("stale_version", "The minutes were changed by someone else; reload and try again.", { version: current });
    const summary = input.summary.trim();
    if (summary === meeting.summary) return { minutesVersion: current };
    await trx.updateTable("meetings").set({ summary, version: meeting.version + 1 }).where("id", "=", meetingId).execute();
    const reason = input.reason?.trim() || `Summary edited by ${await personName(trx, viewer.personId)}.`;
    return { minutesVersion: await writeMinutesVersion(trx, now, { allianceId, meetingId, actorId: viewer.personId, reason }) };
  });
}
