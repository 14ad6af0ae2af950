import { AppError, type AllianceViewer } from "@trellis/core";
import { agendaCutoffOf, cadenceCalendarEvents, describeRrule, localDateTimeAt, renderCalendar, type CalendarEvent } from "@trellis/core/rhythm";
import { listViewersOfPerson, loadActiveCadences, type Db } from "@trellis/db";
import type { ServerContext } from "../../context";
import { hashToken, newToken } from "../../auth/tokens";
import { loadViewer, type Person } from "../load-viewer";
import { meetingUrl } from "./circulate-agenda";

const dayMs = 24 * 3600_000;

/** How far back and ahead a feed reaches from the moment it is fetched. */
export const feedWindow = { pastDays: 90, futureDays: 365 };

/** Plain names of the cadence kinds. */
export const cadenceKindLabels: Record<string, string> = {
  tactical_check_in: "Tactical check-in",
  governance_meeting: "Governance meeting",
  alignment_renewal: "Alignment renewal",
  health_review: "Health review",
  other: "Meeting",
};

/** The URL of a feed token. */
export function calendarFeedUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/calendar/${token}.ics`;
}

/** Creates a secret feed URL for the signed-in person: all their alliances, or one alliance. Only the token's hash is kept. */
export async function createCalendarFeed(ctx: ServerContext, person: Person, input: { allianceId?: string | null | undefined }): Promise<{ id: string; token: string; url: string }> {
  const allianceId = input.allianceId ?? null;
  if (allianceId) await loadViewer(ctx.db, allianceId, person);
  const token = newToken();
  const row = await ctx.db
    .insertInto("calendar_feeds")
    .values({ person_id: person.id, alliance_id: allianceId, token_hash: hashToken(token), created_at: ctx.clock() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, token, url: calendarFeedUrl(ctx.settings.publicUrl, token) };
}

/** The person's feeds (their URLs cannot be shown again: only hashes are kept). */
export async function listCalendarFeeds(ctx: ServerContext, personId: string) {
  return ctx.db
    .selectFrom("calendar_feeds as f")
    .leftJoin("alliances as a", "a.id", "f.alliance_id")
    .select(["f.id", "f.alliance_id", "a.name as alliance_name", "f.created_at", "f.last_used_at", "f.revoked_at"])
    .where("f.person_id", "=", personId)
    .orderBy("f.created_at", "desc")
    .orderBy("f.id")
    .limit(200)
    .execute();
}

/** Revokes one of the person's feeds: its URL answers 404 from now on. */
export async function revokeCalendarFeed(ctx: ServerContext, personId: string, feedId: string): Promise<void> {
  const feed = await ctx.db.selectFrom("calendar_feeds").select(["id", "revoked_at"]).where("id", "=", feedId).where("person_id", "=", personId).executeTakeFirst();
  if (!feed) throw new AppError("not_found", "No such calendar feed.");
  if (feed.revoked_at) return;
  await ctx.db.updateTable("calendar_feeds").set({ revoked_at: ctx.clock() }).where("id", "=", feedId).execute();
}

/**
 * The VEVENTs of one alliance's cadences the viewer may see (all with a null viewer: the CLI) in
 * [from, to): stable UIDs per occurrence, cancelled ones marked, the agenda when a meeting exists.
 */
export async function allianceCalendarEvents(
  db: Db,
  input: { allianceId: string; allianceName: string; viewer: AllianceViewer | null; from: Date; to: Date; publicUrl: string; prefixAllianceName: boolean },
): Promise<CalendarEvent[]> {
  const cadences = await loadActiveCadences(db, input.allianceId, input.viewer);
  if (cadences.length === 0) return [];
  const meetings = await db
    .selectFrom("meetings")
    .select(["id", "cadence_id", "occurrence_key"])
    .where("cadence_id", "in", cadences.map((c) => c.row.id))
    .where("scheduled_start", ">=", new Date(input.from.getTime() - dayMs))
    .where("scheduled_start", "<", new Date(input.to.getTime() + dayMs))
    .execute();
  const meetingOf = new Map(meetings.map((m) => [`${m.cadence_id}/${m.occurrence_key}`, m.id]));
  const items = meetings.length
    ? await db
        .selectFrom("agenda_items as i")
        .leftJoin("seats as s", "s.id", "i.seat_id")
        .leftJoin("organizations as o", "o.id", "s.organization_id")
        .select(["i.meeting_id", "i.title", "o.name as seat_name"])
        .where("i.meeting_id", "in", meetings.map((m) => m.id))
        .orderBy("i.position")
        .orderBy("i.created_at")
        .execute()
    : [];
  const rowOf = new Map(cadences.map((c) => [c.row.id, c.row]));
  return cadenceCalendarEvents({
    cadences: cadences.map((c) => c.cadence),
    from: input.from,
    to: input.to,
    optionsFor: (cadence, occurrence) => {
      const row = rowOf.get(cadence.id)!;
      const meetingId = meetingOf.get(`${cadence.id}/${occurrence.occurrenceKey}`);
      const cutoff = localDateTimeAt(Date.parse(agendaCutoffOf(occurrence, row.agenda_cutoff_minutes)), row.time_zone);
      const pad = (n: number) => String(n).padStart(2, "0");
      const agenda = meetingId ? items.filter((i) => i.meeting_id === meetingId).map((i, n) => `${n + 1}. ${i.title}${i.seat_name ? ` (${i.seat_name})` : ""}`) : [];
      const description = [
        `${cadenceKindLabels[row.kind] ?? "Meeting"} of ${input.allianceName}. ${describeRrule(row.rrule, { dtstart: row.dtstart, timeZone: row.time_zone })}.`,
        row.description,
        occurrence.cancelled ? "This occurrence is cancelled." : `The agenda closes ${cutoff.year}-${pad(cutoff.month)}-${pad(cutoff.day)} ${pad(cutoff.hour)}:${pad(cutoff.minute)} (${row.time_zone}).`,
        agenda.length ? `Agenda:\n${agenda.join("\n")}` : "",
      ]
        .filter((part) => part.trim() !== "")
        .join("\n\n");
      return {
        ...(input.prefixAllianceName ? { allianceName: input.allianceName } : {}),
        description,
        ...(row.location ? { location: row.location } : {}),
        url: meetingId ? meetingUrl(input.publicUrl, input.allianceId, meetingId) : `${input.publicUrl}/alliances/${input.allianceId}/rhythm`,
        // Every change to the cadence (a cancellation included) raises the revision; cancelling adds one more.
        sequence: 2 * (row.version - 1),
      };
    },
  });
}

/**
 * The iCalendar text behind a feed token, or not_found for an unknown or revoked one. A person's
 * feed spans every alliance they hold a role in, each filtered by what they may see there.
 */
export async function renderCalendarFeed(ctx: ServerContext, token: string): Promise<{ ics: string; name: string }> {
  const feed = await ctx.db
    .selectFrom("calendar_feeds as f")
    .innerJoin("people as p", "p.id", "f.person_id")
    .select(["f.id", "f.person_id", "f.alliance_id", "f.revoked_at", "p.display_name"])
    .where("f.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!feed || feed.revoked_at) throw new AppError("not_found", "No such calendar feed (it may have been revoked).");
  const now = ctx.clock();
  const from = new Date(now.getTime() - feedWindow.pastDays * dayMs);
  const to = new Date(now.getTime() + feedWindow.futureDays * dayMs);
  const alliances = (await listViewersOfPerson(ctx.db, feed.person_id)).filter((a) => feed.alliance_id === null || a.allianceId === feed.alliance_id);
  if (feed.alliance_id && alliances.length === 0) throw new AppError("not_found", "No such calendar feed (you no longer belong to its alliance).");
  const events: CalendarEvent[] = [];
  for (const alliance of alliances) {
    events.push(
      ...(await allianceCalendarEvents(ctx.db, {
        allianceId: alliance.allianceId,
        allianceName: alliance.allianceName,
        viewer: alliance.viewer,
        from,
        to,
        publicUrl: ctx.settings.publicUrl,
        prefixAllianceName: feed.alliance_id === null,
      })),
    );
  }
  events.sort((a, b) => (String(a.start) < String(b.start) ? -1 : String(a.start) > String(b.start) ? 1 : a.uid < b.uid ? -1 : 1));
  const name = feed.alliance_id ? `${alliances[0]?.allianceName ?? "Alliance"} (Trellis)` : `Trellis: ${feed.display_name}`;
  await ctx.db.updateTable("calendar_feeds").set({ last_used_at: now }).where("id", "=", feed.id).execute();
  const ics = renderCalendar({
    name,
    description: feed.alliance_id ? `Meetings of ${alliances[0]?.allianceName ?? "the alliance"}.` : `Meetings of every alliance ${feed.display_name} takes part in.`,
    dtstamp: now,
    events,
    refreshIntervalMinutes: 60,
  });
  return { ics, name };
}
