import { AppError, can, canSee, type AllianceViewer } from "@trellis/core";
import { listAlliancePeople, visibilityFromColumns, type Trx } from "@trellis/db";
import { sql } from "kysely";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { antitrustNotice } from "./antitrust-notice";
import { writeMinutesVersion } from "./close-meeting";
import { lockMeeting, personName, seatName, seatOfPerson } from "./meeting-access";
import { assertMeetingStatus, checkRating, missingAcknowledgements, type AttendanceStatus, type OutcomeKind } from "./meeting-rules";

/** Starts the meeting (facilitators): attendance, the notice, items and outcomes can be recorded from now on. */
export async function startMeeting(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, meetingId: string): Promise<void> {
  if (!can(viewer, "meeting.facilitate")) throw new AppError("forbidden", "Only a facilitator starts a meeting.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    assertMeetingStatus(meeting.status, ["scheduled"], "start it");
    await trx.updateTable("meetings").set({ status: "in_progress", started_at: now, started_by: viewer.personId, version: meeting.version + 1 }).where("id", "=", meetingId).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "meeting.started",
      actorId: viewer.personId,
      visibility: visibilityFromColumns(meeting),
      payload: { meetingId, title: meeting.title, scheduledStart: meeting.scheduled_start.toISOString(), antitrustNoticeRequired: meeting.has_competitors },
    });
  });
}

/** Sets a person's attendance row (insert or change), keeping who recorded it. */
async function writeAttendance(trx: Trx, meetingId: string, personId: string, seatId: string | null, status: AttendanceStatus, by: string, at: Date): Promise<void> {
  await trx
    .insertInto("meeting_attendance")
    .values({ meeting_id: meetingId, person_id: personId, seat_id: seatId, status, left_at: status === "left" ? at : null, recorded_by: by, recorded_at: at })
    .onConflict((oc) => oc.columns(["meeting_id", "person_id"]).doUpdateSet({ seat_id: seatId, status, left_at: status === "left" ? at : null, recorded_by: by, recorded_at: at }))
    .execute();
}

/**
 * The signed-in attendee acknowledges the antitrust notice (alliances with competitors, meeting in
 * progress). Acknowledging also records them as present. Idempotent.
 */
export async function acknowledgeNotice(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, meetingId: string): Promise<void> {
  if (!can(viewer, "meeting.attend")) throw new AppError("forbidden", "Your role does not attend meetings.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    if (!meeting.has_competitors) throw new AppError("conflict", "This alliance has no competitors among its seats: there is no antitrust notice to acknowledge.");
    assertMeetingStatus(meeting.status, ["in_progress"], "acknowledge the notice");
    const done = await trx.selectFrom("meeting_acknowledgements").select("person_id").where("meeting_id", "=", meetingId).where("person_id", "=", viewer.personId).executeTakeFirst();
    if (done) return;
    const seatId = await seatOfPerson(trx, allianceId, viewer.personId);
    await trx.insertInto("meeting_acknowledgements").values({ meeting_id: meetingId, person_id: viewer.personId, seat_id: seatId, notice_version: antitrustNotice.version, acknowledged_at: now }).execute();
    const attendance = await trx.selectFrom("meeting_attendance").select("status").where("meeting_id", "=", meetingId).where("person_id", "=", viewer.personId).executeTakeFirst();
    if (attendance?.status !== "present") await writeAttendance(trx, meetingId, viewer.personId, seatId, "present", viewer.personId, now);
    await recordEvent(trx, now, {
      allianceId,
      type: "antitrust_notice.acknowledged",
      actorId: viewer.personId,
      seatId,
      visibility: visibilityFromColumns(meeting),
      payload: { meetingId, title: meeting.title, personId: viewer.personId, personName: await personName(trx, viewer.personId), seatId, seatName: await seatName(trx, seatId), noticeVersion: antitrustNotice.version },
    });
  });
}

/**
 * Records a person's attendance while the meeting runs: a facilitator for anyone in the alliance,
 * anyone for themselves (present only). Aggregated per seat: a seat is present when any of its
 * people is.
 */
export async function recordAttendance(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, meetingId: string, personId: string, input: { status: Exclude<AttendanceStatus, "left"> }): Promise<void> {
  const self = personId === viewer.personId;
  if (!can(viewer, "meeting.facilitate") && !(self && input.status === "present" && can(viewer, "meeting.attend"))) {
    throw new AppError("forbidden", "A facilitator records attendance; you may check yourself in.");
  }
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    assertMeetingStatus(meeting.status, ["in_progress"], "record attendance");
    // Only people who may see the meeting can attend it (a seats-only meeting is not everyone's).
    const attendee = (await listAlliancePeople(trx, allianceId)).find((p) => p.id === personId);
    if (!attendee || !canSee(attendee.viewer, visibilityFromColumns(meeting))) throw new AppError("not_found", "No such person among those who may attend this meeting.");
    const current = await trx.selectFrom("meeting_attendance").select("status").where("meeting_id", "=", meetingId).where("person_id", "=", personId).executeTakeFirst();
    if (current?.status === input.status) return;
    const seatId = await seatOfPerson(trx, allianceId, personId);
    await writeAttendance(trx, meetingId, personId, seatId, input.status, viewer.personId, now);
    await recordEvent(trx, now, {
      allianceId,
      type: "attendance.recorded",
      actorId: viewer.personId,
      seatId,
      visibility: visibilityFromColumns(meeting),
      payload: { meetingId, title: meeting.title, personId, personName: await personName(trx, personId), seatId, seatName: await seatName(trx, seatId), status: input.status, from: current?.status ?? null },
    });
  });
}

/**
 * Starts discussing an item (facilitators). In an alliance with competitors the API refuses
 * (acknowledgement_required) while anyone recorded as present has not acknowledged the antitrust
 * notice; notes and outcomes of an item can only be recorded once it has started.
 */
export async function startAgendaItem(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, meetingId: string, itemId: string): Promise<void> {
  if (!can(viewer, "meeting.facilitate")) throw new AppError("forbidden", "Only a facilitator moves the meeting through its agenda.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    assertMeetingStatus(meeting.status, ["in_progress"], "start an item");
    const item = await trx.selectFrom("agenda_items").selectAll().where("id", "=", itemId).where("meeting_id", "=", meetingId).forUpdate().executeTakeFirst();
    if (!item) throw new AppError("not_found", "No such item on this agenda.");
    const attendance = await trx.selectFrom("meeting_attendance").select(["person_id", "status"]).where("meeting_id", "=", meetingId).execute();
    const acknowledged = await trx.selectFrom("meeting_acknowledgements").select("person_id").where("meeting_id", "=", meetingId).execute();
    const missing = missingAcknowledgements({
      hasCompetitors: meeting.has_competitors,
      attendance: attendance.map((a) => ({ personId: a.person_id, status: a.status })),
      acknowledgedPersonIds: acknowledged.map((a) => a.person_id),
    });
    if (missing.length > 0) {
      const people = await trx.selectFrom("people").select(["id", "display_name"]).where("id", "in", missing).orderBy("display_name").execute();
      throw new AppError("acknowledgement_required", `Every attendee acknowledges the antitrust notice before the agenda starts; waiting for ${people.map((p) => p.display_name).join(", ")}.`, {
        people: people.map((p) => ({ id: p.id, displayName: p.display_name })),
      });
    }
    if (item.started_at) return;
    await trx.updateTable("agenda_items").set({ started_at: now, version: item.version + 1, updated_at: now }).where("id", "=", itemId).execute();
    await recordEvent(trx, now, { allianceId, type: "agenda_item.started", actorId: viewer.personId, seatId: item.seat_id, visibility: visibilityFromColumns(meeting), payload: { meetingId, itemId, title: item.title } });
  });
}

/** The signed-in attendee objects to an item and leaves the meeting; both are written into the minutes. */
export async function objectAndLeave(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, meetingId: string, itemId: string, input: { reason?: string | undefined }): Promise<{ id: string }> {
  if (!can(viewer, "meeting.attend")) throw new AppError("forbidden", "Your role does not attend meetings.");
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    assertMeetingStatus(meeting.status, ["in_progress"], "object to an item");
    const item = await trx.selectFrom("agenda_items").select(["id", "title"]).where("id", "=", itemId).where("meeting_id", "=", meetingId).executeTakeFirst();
    if (!item) throw new AppError("not_found", "No such item on this agenda.");
    const seatId = await seatOfPerson(trx, allianceId, viewer.personId);
    const reason = input.reason?.trim() ?? "";
    const objection = await trx
      .insertInto("meeting_objections")
      .values({ meeting_id: meetingId, agenda_item_id: itemId, person_id: viewer.personId, seat_id: seatId, reason, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAttendance(trx, meetingId, viewer.personId, seatId, "left", viewer.personId, now);
    await recordEvent(trx, now, {
      allianceId,
      type: "objection.recorded",
      actorId: viewer.personId,
      seatId,
      visibility: visibilityFromColumns(meeting),
      payload: { meetingId, meetingTitle: meeting.title, objectionId: objection.id, itemId, title: item.title, personId: viewer.personId, personName: await personName(trx, viewer.personId), seatId, seatName: await seatName(trx, seatId), reason, left: true },
    });
    return objection;
  });
}

/**
 * Checks an outcome's link: a commitment or proposal of this alliance when the capability's table
 * exists (the link is otherwise kept as given and documented as a contract); a note links nothing.
 */
async function checkLinkedRecord(trx: Trx, allianceId: string, kind: OutcomeKind, linkedRecordId: string | null): Promise<void> {
  if (linkedRecordId === null) return;
  if (kind === "note") throw new AppError("validation_failed", "A note links to no record.", { issues: [{ path: "linkedRecordId", message: "not allowed for a note" }] });
  const table = kind === "commitment" ? "commitments" : "decision_proposals";
  const exists = await sql<{ present: boolean }>`select to_regclass(${`public.${table}`}) is not null as present`.execute(trx);
  if (!exists.rows[0]?.present) return;
  const found = await sql<{ id: string }>`select id from ${sql.table(table)} where id = ${linkedRecordId} and alliance_id = ${allianceId}`.execute(trx);
  if (found.rows.length === 0) throw new AppError("validation_failed", `No ${kind} ${linkedRecordId} in this alliance.`, { issues: [{ path: "linkedRecordId", message: `unknown ${kind}` }] });
}

/**
 * Records an outcome (facilitators): a commitment or proposal, linked by id once created through
 * its own API with links.meetingId pointing back, or a note. During the meeting an outcome of an
 * item needs the item started; after the meeting closed, it adds a minutes version.
 */
export async function recordOutcome(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  meetingId: string,
  input: { kind: OutcomeKind; text: string; itemId?: string | null | undefined; linkedRecordId?: string | null | undefined },
): Promise<{ id: string }> {
  if (!can(viewer, "meeting.facilitate")) throw new AppError("forbidden", "Only a facilitator records outcomes.");
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    assertMeetingStatus(meeting.status, ["in_progress", "closed"], "record outcomes");
    const itemId = input.itemId ?? null;
    let itemTitle: string | null = null;
    if (itemId) {
      const item = await trx.selectFrom("agenda_items").select(["id", "title", "started_at"]).where("id", "=", itemId).where("meeting_id", "=", meetingId).executeTakeFirst();
      if (!item) throw new AppError("not_found", "No such item on this agenda.");
      if (meeting.status === "in_progress" && !item.started_at) throw new AppError("conflict", "Start the item before recording its outcomes.");
      itemTitle = item.title;
    }
    const linkedRecordId = input.linkedRecordId ?? null;
    await checkLinkedRecord(trx, allianceId, input.kind, linkedRecordId);
    const text = input.text.trim();
    const outcome = await trx
      .insertInto("meeting_outcomes")
      .values({ meeting_id: meetingId, agenda_item_id: itemId, kind: input.kind, linked_record_id: linkedRecordId, text, recorded_by: viewer.personId, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, now, {
      allianceId,
      type: "outcome.recorded",
      actorId: viewer.personId,
      visibility: visibilityFromColumns(meeting),
      payload: { meetingId, meetingTitle: meeting.title, outcomeId: outcome.id, kind: input.kind, text, itemId, itemTitle, linkedRecordId, afterClose: meeting.status === "closed" },
    });
    if (meeting.status === "closed") {
      await writeMinutesVersion(trx, now, { allianceId, meetingId, actorId: viewer.personId, reason: `Outcome added by ${await personName(trx, viewer.personId)}.` });
    }
    return outcome;
  });
}

/** Changes an outcome's text or link (facilitators; versioned); after the meeting closed, adds a minutes version. */
export async function updateOutcome(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  meetingId: string,
  outcomeId: string,
  input: { version: number; text?: string | undefined; linkedRecordId?: string | null | undefined },
): Promise<void> {
  if (!can(viewer, "meeting.facilitate")) throw new AppError("forbidden", "Only a facilitator changes outcomes.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    assertMeetingStatus(meeting.status, ["in_progress", "closed"], "change outcomes");
    const outcome = await trx.selectFrom("meeting_outcomes").selectAll().where("id", "=", outcomeId).where("meeting_id", "=", meetingId).forUpdate().executeTakeFirst();
    if (!outcome) throw new AppError("not_found", "No such outcome of this meeting.");
    if (outcome.version !== input.version) throw new AppError("stale_version", "The outcome was changed by someone else; reload and try again.", { version: outcome.version });
    const changes = {
      ...(input.text !== undefined && input.text.trim() !== outcome.text ? { text: input.text.trim() } : {}),
      ...(input.linkedRecordId !== undefined && input.linkedRecordId !== outcome.linked_record_id ? { linked_record_id: input.linkedRecordId } : {}),
    };
    if (Object.keys(changes).length === 0) return;
    if (changes.linked_record_id !== undefined) await checkLinkedRecord(trx, allianceId, outcome.kind as OutcomeKind, changes.linked_record_id);
    await trx.updateTable("meeting_outcomes").set({ ...changes, version: outcome.version + 1, updated_at: now }).where("id", "=", outcomeId).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "outcome.updated",
      actorId: viewer.personId,
      visibility: visibilityFromColumns(meeting),
      payload: { meetingId, outcomeId, kind: outcome.kind, changes, from: { text: outcome.text, linkedRecordId: outcome.linked_record_id } },
    });
    if (meeting.status === "closed") {
      await writeMinutesVersion(trx, now, { allianceId, meetingId, actorId: viewer.personId, reason: `Outcome edited by ${await personName(trx, viewer.personId)}.` });
    }
  });
}

/** The signed-in attendee rates the meeting 1–5 (again to change it); ratings are shown only as an aggregate. */
export async function rateMeeting(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, meetingId: string, input: { rating: number }): Promise<void> {
  if (!can(viewer, "meeting.attend")) throw new AppError("forbidden", "Your role does not attend meetings.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    const attendance = await trx.selectFrom("meeting_attendance").select("status").where("meeting_id", "=", meetingId).where("person_id", "=", viewer.personId).executeTakeFirst();
    checkRating(meeting, attendance?.status ?? null);
    const previous = await trx.selectFrom("meeting_ratings").select("rating").where("meeting_id", "=", meetingId).where("person_id", "=", viewer.personId).executeTakeFirst();
    if (previous?.rating === input.rating) return;
    await trx
      .insertInto("meeting_ratings")
      .values({ meeting_id: meetingId, person_id: viewer.personId, rating: input.rating, rated_at: now })
      .onConflict((oc) => oc.columns(["meeting_id", "person_id"]).doUpdateSet({ rating: input.rating, rated_at: now }))
      .execute();
    // The score stays out of the event: ratings are shown only as an aggregate.
    await recordEvent(trx, now, { allianceId, type: "meeting.rated", actorId: viewer.personId, visibility: visibilityFromColumns(meeting), payload: { meetingId, title: meeting.title, changed: previous !== undefined } });
  });
}
