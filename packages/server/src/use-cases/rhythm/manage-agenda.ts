import { AppError, can, isFacilitator, type AllianceViewer } from "@trellis/core";
import { visibilityFromColumns } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { writeMinutesVersion } from "./close-meeting";
import { lockMeeting, personName, seatName } from "./meeting-access";
import { assertMeetingStatus, checkAgendaAddition, checkAgendaItemChange, checkAgendaOrder } from "./meeting-rules";

const cutoffState = (m: { status: string; agenda_cutoff_at: Date }) => ({ status: m.status, agendaCutoffAt: m.agenda_cutoff_at });

/** The seat an item is added for: the one named, else the adder's only seat (none for a facilitator without one). */
function resolveItemSeat(viewer: AllianceViewer, seatId: string | null | undefined): string | null {
  if (seatId) return seatId;
  if (seatId === null && isFacilitator(viewer)) return null;
  if (viewer.seatIds.length <= 1) return viewer.seatIds[0] ?? null;
  throw new AppError("validation_failed", "You act for several seats: say which one adds the item.", { issues: [{ path: "seatId", message: "required" }] });
}

/**
 * Adds an item to the meeting's agenda before its cutoff, authored for a seat (a delegate for their
 * own seat; a facilitator for any seat or none, and after the cutoff as a late item).
 */
export async function addAgendaItem(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  meetingId: string,
  input: { title: string; description?: string | undefined; seatId?: string | null | undefined },
): Promise<{ id: string }> {
  const seatId = resolveItemSeat(viewer, input.seatId);
  if (!can(viewer, "agenda_item.create", { seatId })) throw new AppError("forbidden", "A delegate adds items for their own seat; a facilitator for any seat.");
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    const { isLate } = checkAgendaAddition(cutoffState(meeting), now, isFacilitator(viewer));
    if (seatId) {
      const seat = await trx.selectFrom("seats").select("id").where("id", "=", seatId).where("alliance_id", "=", allianceId).executeTakeFirst();
      if (!seat) throw new AppError("not_found", "No such seat in this alliance.");
    }
    const last = await trx.selectFrom("agenda_items").select((eb) => eb.fn.max("position").as("p")).where("meeting_id", "=", meetingId).executeTakeFirst();
    const title = input.title.trim();
    const item = await trx
      .insertInto("agenda_items")
      .values({
        meeting_id: meetingId,
        seat_id: seatId,
        author_id: viewer.personId,
        title,
        description: input.description?.trim() ?? "",
        position: Number(last?.p ?? 0) + 1,
        is_late: isLate,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.updateTable("meetings").set({ version: meeting.version + 1 }).where("id", "=", meetingId).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "agenda_item.added",
      actorId: viewer.personId,
      seatId,
      visibility: visibilityFromColumns(meeting),
      payload: { meetingId, meetingTitle: meeting.title, itemId: item.id, title, seatId, seatName: await seatName(trx, seatId), isLate },
    });
    return item;
  });
}

/**
 * Changes an item: its title and description (its seat until the cutoff, a facilitator until the
 * meeting closes), or its notes (a facilitator, once the item has started; after the meeting
 * closed, every notes edit adds a minutes version).
 */
export async function updateAgendaItem(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  meetingId: string,
  itemId: string,
  input: { version: number; title?: string | undefined; description?: string | undefined; notes?: string | undefined },
): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    const item = await trx.selectFrom("agenda_items").selectAll().where("id", "=", itemId).where("meeting_id", "=", meetingId).forUpdate().executeTakeFirst();
    if (!item) throw new AppError("not_found", "No such item on this agenda.");
    const textChanges = {
      ...(input.title !== undefined && input.title.trim() !== item.title ? { title: input.title.trim() } : {}),
      ...(input.description !== undefined && input.description.trim() !== item.description ? { description: input.description.trim() } : {}),
    };
    const notes = input.notes !== undefined && input.notes.trim() !== item.notes ? input.notes.trim() : undefined;
    if (Object.keys(textChanges).length > 0) {
      checkAgendaItemChange(cutoffState(meeting), { authorId: item.author_id, seatId: item.seat_id }, { personId: viewer.personId, seatIds: viewer.seatIds, isFacilitator: isFacilitator(viewer), isDelegate: viewer.roles.includes("delegate") }, now, "change the item");
    }
    if (input.notes !== undefined) {
      if (!can(viewer, "meeting.facilitate")) throw new AppError("forbidden", "Only a facilitator records notes.");
      assertMeetingStatus(meeting.status, ["in_progress", "closed"], "record notes");
      if (meeting.status === "in_progress" && !item.started_at) throw new AppError("conflict", "Start the item before recording its notes.");
    }
    if (item.version !== input.version) throw new AppError("stale_version", "The item was changed by someone else; reload and try again.", { version: item.version });
    if (Object.keys(textChanges).length === 0 && notes === undefined) return;
    await trx
      .updateTable("agenda_items")
      .set({ ...textChanges, ...(notes !== undefined ? { notes } : {}), version: item.version + 1, updated_at: now })
      .where("id", "=", itemId)
      .execute();
    const visibility = visibilityFromColumns(meeting);
    if (Object.keys(textChanges).length > 0) {
      await trx.updateTable("meetings").set({ version: meeting.version + 1 }).where("id", "=", meetingId).execute();
      await recordEvent(trx, now, {
        allianceId,
        type: "agenda_item.updated",
        actorId: viewer.personId,
        seatId: item.seat_id,
        visibility,
        payload: { meetingId, itemId, title: textChanges.title ?? item.title, changes: textChanges, from: { title: item.title, description: item.description } },
      });
    }
    if (notes !== undefined) {
      await recordEvent(trx, now, { allianceId, type: "agenda_item.notes_recorded", actorId: viewer.personId, seatId: item.seat_id, visibility, payload: { meetingId, itemId, title: item.title, afterClose: meeting.status === "closed" } });
      if (meeting.status === "closed") {
        await writeMinutesVersion(trx, now, { allianceId, meetingId, actorId: viewer.personId, reason: `Notes of “${item.title}” edited by ${await personName(trx, viewer.personId)}.` });
      }
    }
  });
}

/** Withdraws an item: its seat until the cutoff, a facilitator until the meeting starts discussing it. */
export async function withdrawAgendaItem(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, meetingId: string, itemId: string): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    const item = await trx.selectFrom("agenda_items").selectAll().where("id", "=", itemId).where("meeting_id", "=", meetingId).forUpdate().executeTakeFirst();
    if (!item) throw new AppError("not_found", "No such item on this agenda.");
    checkAgendaItemChange(cutoffState(meeting), { authorId: item.author_id, seatId: item.seat_id }, { personId: viewer.personId, seatIds: viewer.seatIds, isFacilitator: isFacilitator(viewer), isDelegate: viewer.roles.includes("delegate") }, now, "withdraw the item");
    if (item.started_at) throw new AppError("conflict", "The item has been discussed; it stays in the minutes.");
    const referenced = await trx.selectFrom("meeting_outcomes").select("id").where("agenda_item_id", "=", itemId).executeTakeFirst();
    if (referenced) throw new AppError("conflict", "The item has outcomes; it stays in the minutes.");
    await trx.deleteFrom("agenda_items").where("id", "=", itemId).execute();
    await trx.updateTable("meetings").set({ version: meeting.version + 1 }).where("id", "=", meetingId).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "agenda_item.withdrawn",
      actorId: viewer.personId,
      seatId: item.seat_id,
      visibility: visibilityFromColumns(meeting),
      payload: { meetingId, itemId, title: item.title, seatId: item.seat_id },
    });
  });
}

/**
 * Orders and time-boxes the agenda (facilitators; send the meeting version you read). The order
 * must name every item exactly once; a time box is minutes, or null for none.
 */
export async function orderAgenda(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  meetingId: string,
  input: { version: number; items: readonly { id: string; durationMinutes?: number | null | undefined }[] },
): Promise<void> {
  if (!can(viewer, "meeting.facilitate")) throw new AppError("forbidden", "Only a facilitator orders the agenda.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, allianceId, meetingId, viewer);
    assertMeetingStatus(meeting.status, ["scheduled", "in_progress"], "reorder the agenda");
    if (meeting.version !== input.version) throw new AppError("stale_version", "The meeting was changed by someone else; reload and try again.", { version: meeting.version });
    const current = await trx.selectFrom("agenda_items").select(["id", "title", "position", "duration_minutes", "version"]).where("meeting_id", "=", meetingId).execute();
    checkAgendaOrder(
      current.map((i) => i.id),
      input.items.map((i) => i.id),
    );
    const byId = new Map(current.map((i) => [i.id, i]));
    for (const [index, entry] of input.items.entries()) {
      const item = byId.get(entry.id)!;
      const duration = entry.durationMinutes === undefined ? item.duration_minutes : entry.durationMinutes;
      if (item.position === index + 1 && item.duration_minutes === duration) continue;
      await trx.updateTable("agenda_items").set({ position: index + 1, duration_minutes: duration, version: item.version + 1, updated_at: now }).where("id", "=", entry.id).execute();
    }
    await trx.updateTable("meetings").set({ version: meeting.version + 1 }).where("id", "=", meetingId).execute();
    const ordered = input.items.map((entry) => {
      const item = byId.get(entry.id)!;
      return { itemId: entry.id, title: item.title, durationMinutes: entry.durationMinutes === undefined ? item.duration_minutes : entry.durationMinutes };
    });
    await recordEvent(trx, now, {
      allianceId,
      type: "agenda.ordered",
      actorId: viewer.personId,
      visibility: visibilityFromColumns(meeting),
      payload: { meetingId, title: meeting.title, items: ordered, totalMinutes: ordered.reduce((sum, i) => sum + (i.durationMinutes ?? 0), 0) },
    });
  });
}
