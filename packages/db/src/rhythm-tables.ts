import type { Selectable } from "kysely";
import { sql } from "kysely";
import { registerAllianceTable } from "./archive";
import type { Schema } from "./schema";

export type CadenceRow = Selectable<Schema["cadences"]>;
export type MeetingRow = Selectable<Schema["meetings"]>;
export type AgendaItemRow = Selectable<Schema["agenda_items"]>;
export type MeetingOutcomeRow = Selectable<Schema["meeting_outcomes"]>;
export type MeetingMinutesRow = Selectable<Schema["meeting_minutes"]>;
export type CalendarFeedRow = Selectable<Schema["calendar_feeds"]>;

/**
 * Rhythm's tables travel in an alliance's archive, in foreign-key order. Calendar feed tokens do
 * not: they are one person's secrets on one instance (a restored alliance gets new feed URLs).
 */
export function registerRhythmTables(): void {
  const ofMeetings = (id: string) => sql`meeting_id in (select id from meetings where alliance_id = ${id})`;
  registerAllianceTable("cadences", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("cadence_cancellations", (id) => sql`cadence_id in (select id from cadences where alliance_id = ${id})`);
  registerAllianceTable("meetings", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("agenda_items", ofMeetings);
  registerAllianceTable("meeting_attendance", ofMeetings);
  registerAllianceTable("meeting_acknowledgements", ofMeetings);
  registerAllianceTable("meeting_objections", ofMeetings);
  registerAllianceTable("meeting_outcomes", ofMeetings);
  registerAllianceTable("meeting_ratings", ofMeetings);
  registerAllianceTable("meeting_minutes", ofMeetings);
}

registerRhythmTables();
