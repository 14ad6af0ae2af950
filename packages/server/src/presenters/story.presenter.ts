import { buildStory, calendarDayOf, filterStory, formatStoryDay, formatStoryMonth, type StoryDynamic, type StoryEntry, type StoryEvent, type StoryRule, type StorySeat, type StorySummaryValue } from "@trellis/core/story";
import type { StoryEventRow } from "@trellis/db";
import { z } from "zod";

/** Events that are conversation around a record, not its story. */
export const storySkippedTypes = ["pulse.responded", "pulse.settings_updated", "pulse.cadence_set", "invitation.sent", "invitation.accepted", "invitation.revoked", "seat.updated", "commitment.nudged"];
export const storySkippedSuffixes = [".commented", ".linked", ".unlinked", ".revised", ".rated"];

/** Payload keys (xxxSeatId, or an object with a seatId) name a seat in a role; these roles read as the story's. */
const roleAliases: Record<string, string> = { from: "author", customer: "requester", holder: "holder", target: "target" };

const storyTitle = (c: { quoted(key: string): string | null }) => c.quoted("title") ?? c.quoted("statement") ?? c.quoted("whatHappened");

/**
 * Sentences for the event types of the registers and pulses that the core story table leaves to
 * its generic sentence, and for the alliance's stage changes (renewals among them).
 */
export const serverStoryRules: Readonly<Record<string, StoryRule>> = {
  "alliance.updated": {
    dynamic: (c) => (c.text("newStage") === "renewing" ? "rhythm" : "other"),
    headline: (c) => {
      const stage = c.text("newStage");
      if (stage === "renewing") return "The alliance began renewing its shared intent";
      if (stage) return `The alliance became ${stage}`;
      if (c.quoted("newName")) return `The alliance was renamed ${c.quoted("newName")}`;
      return "The alliance's details were updated";
    },
  },
  "breakdown.discussion_opened": {
    dynamic: "language",
    headline: (c) => `${storyTitle(c) ? `The breakdown ${storyTitle(c)}` : "A breakdown"} was taken into discussion`,
  },
  "tension.dialogue_started": {
    dynamic: "candor",
    headline: (c) => `The tension ${c.seat("target") ? `toward ${c.seat("target")}` : "toward the whole alliance"} went into dialogue`,
  },
  "assumption.recorded": {
    dynamic: "language",
    headline: (c) => {
      const holder = c.seat("holder") ?? c.text("holderName");
      return `${c.actor ?? "A partner"} recorded ${storyTitle(c) ? `the assumption ${storyTitle(c)}` : "an assumption"}${holder ? `, held by ${holder}` : ""}`;
    },
  },
  "assumption.tested": {
    dynamic: "language",
    headline: (c) => `${storyTitle(c) ? `The assumption ${storyTitle(c)}` : "An assumption"} was tested and holds`,
  },
  "pulse.scheduled": {
    dynamic: "presence",
    headline: (c) => `${c.text("title") ?? "A pulse"} was scheduled${c.day("opensAt") ? ` to open on ${c.day("opensAt")}` : ""}`,
  },
};

function isScalar(value: unknown): value is StorySummaryValue {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value === null;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function camel(prefix: string): string {
  return prefix.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * Reads a stored event as a story event: scalar payload fields become the summary; seats come from
 * the payload's conventions (xxxSeatId and xxxSeatIds name seats in role xxx, seatId the subject,
 * seatIds those involved, an object with a seatId its key's role) and the event's seat; the record
 * is the event type's prefix with the payload's <prefix>Id. An anonymous tension is dated by its day.
 */
export function toStoryEvent(row: StoryEventRow, names: { seats: ReadonlyMap<string, string>; people: ReadonlyMap<string, string> }): StoryEvent {
  const payload = asRecord(row.payload);
  const summary: Record<string, StorySummaryValue> = {};
  for (const [key, value] of Object.entries(payload)) if (isScalar(value)) summary[key] = value;
  // A position's stance sits inside its value ({ kind: "stance", stance }); sentences read it as `stance`.
  const stance = typeof payload.value === "object" && payload.value !== null ? (payload.value as { stance?: unknown }).stance : undefined;
  if (typeof stance === "string") summary.stance = stance;
  const payloadSeatNames = asRecord(payload.seatNames);
  const seats: StorySeat[] = [];
  const addSeat = (id: unknown, role: string, fallbackName?: unknown) => {
    if (typeof id !== "string" || id.length === 0) return;
    const named = payloadSeatNames[id];
    const name = names.seats.get(id) ?? (typeof fallbackName === "string" ? fallbackName : typeof named === "string" ? named : "a seat");
    seats.push({ id, name, role });
  };
  for (const [key, value] of Object.entries(payload)) {
    const single = /^([a-z][A-Za-z]*)SeatId$/.exec(key);
    if (single) addSeat(value, roleAliases[single[1] as string] ?? (single[1] as string), payload[`${single[1]}SeatName`]);
    const many = /^([a-z][A-Za-z]*)SeatIds$/.exec(key);
    if (many && Array.isArray(value)) for (const id of value) addSeat(id, roleAliases[many[1] as string] ?? (many[1] as string));
    const party = asRecord(value);
    if (typeof party.seatId === "string") addSeat(party.seatId, roleAliases[key] ?? key, party.seatName);
  }
  if (Array.isArray(payload.seatIds)) for (const id of payload.seatIds) addSeat(id, "involved");
  addSeat(payload.seatId, row.type === "person.joined" ? "member" : "subject", payload.organizationName);
  if (row.seat_id && !seats.some((seat) => seat.id === row.seat_id)) addSeat(row.seat_id, row.type === "person.joined" ? "member" : "subject");

  if (row.type === "person.joined" && typeof payload.personId === "string") summary.person = names.people.get(payload.personId) ?? null;
  if (row.type === "alliance.updated") {
    const changes = asRecord(payload.changes);
    summary.newStage = isScalar(changes.stage) ? changes.stage : null;
    summary.newName = isScalar(changes.name) ? changes.name : null;
  }
  const prefix = row.type.split(".")[0] ?? "";
  const recordId = payload[`${camel(prefix)}Id`];
  const raisedOn = typeof payload.raisedOn === "string" && /^\d{4}-\d{2}-\d{2}$/.test(payload.raisedOn) ? new Date(`${payload.raisedOn}T00:00:00Z`) : null;
  return {
    id: String(row.seq),
    type: row.type,
    at: row.type === "tension.raised" && raisedOn && !Number.isNaN(raisedOn.getTime()) ? raisedOn : row.occurred_at,
    actor: row.actor_name,
    seats,
    summary,
    record: typeof recordId === "string" ? { type: prefix, id: recordId } : null,
  };
}

/** What the story is filtered by. */
export interface StoryFilters {
  seatIds?: string[] | undefined;
  dynamics?: StoryDynamic[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** The alliance's story over the events given (already what the viewer may see), filtered. */
export function tellStory(rows: readonly StoryEventRow[], names: { seats: ReadonlyMap<string, string>; people: ReadonlyMap<string, string> }, filters: StoryFilters, timeZone = "UTC"): StoryEntry[] {
  const story = buildStory(
    rows.map((row) => toStoryEvent(row, names)),
    { rules: serverStoryRules, timeZone },
  );
  return filterStory(story, {
    ...(filters.seatIds?.length ? { seatIds: filters.seatIds } : {}),
    ...(filters.dynamics?.length ? { dynamics: filters.dynamics } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  });
}

export const storyEntrySchema = z.object({
  eventId: z.string(),
  type: z.string(),
  at: z.string(),
  day: z.string(),
  month: z.string(),
  monthHeading: z.string(),
  dynamic: z.string(),
  headline: z.string(),
  seats: z.array(z.object({ id: z.string(), name: z.string(), role: z.string().optional() })),
  record: z.object({ type: z.string(), id: z.string() }).nullable(),
});

/** A story entry as it leaves the server: its day and month already read in the time zone. */
export function presentStoryEntry(entry: StoryEntry, timeZone = "UTC"): z.infer<typeof storyEntrySchema> {
  const day = calendarDayOf(entry.at, timeZone);
  return {
    eventId: entry.eventId,
    type: entry.type,
    at: entry.at.toISOString(),
    day: formatStoryDay(day),
    month: `${day.year}-${String(day.month).padStart(2, "0")}`,
    monthHeading: formatStoryMonth(day),
    dynamic: entry.dynamic,
    headline: entry.headline,
    seats: entry.seats.map((seat) => ({ id: seat.id, name: seat.name, ...(seat.role ? { role: seat.role } : {}) })),
    record: entry.record ? { type: entry.record.type, id: entry.record.id } : null,
  };
}

/** A line under the story's title that says what it covers. */
export function describeStoryFilters(filters: StoryFilters, seatNames: ReadonlyMap<string, string>): string | null {
  const parts: string[] = [];
  if (filters.seatIds?.length) parts.push(`involving ${filters.seatIds.map((id) => seatNames.get(id) ?? "a seat").join(", ")}`);
  if (filters.dynamics?.length) parts.push(`on ${filters.dynamics.join(", ")}`);
  if (filters.from) parts.push(`from ${filters.from.toISOString().slice(0, 10)}`);
  if (filters.to) parts.push(`until ${filters.to.toISOString().slice(0, 10)}`);
  return parts.length ? `Events ${parts.join(", ")}` : null;
}
