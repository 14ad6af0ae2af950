import type { RecordLink } from "../registers/record-link";

/**
 * The dynamics a story entry speaks to (DESIGN.md's table), or "other" for the
 * alliance's bare facts (created, seats added).
 */
export const storyDynamics = ["rhythm", "language", "presence", "authorship", "trust", "candor", "other"] as const;
export type StoryDynamic = (typeof storyDynamics)[number];

/**
 * A seat named in an event, with its role in it (e.g. "requester", "performer", "target",
 * "author"). Roles let sentences say who did what to whom, and let anonymity drop the author.
 */
export interface StorySeat {
  id: string;
  name: string;
  role?: string;
}

/** A summary field of an event: short text, a number, a flag or a date written as text. */
export type StorySummaryValue = string | number | boolean | null | undefined;

/**
 * One alliance event as the story reads it: already filtered to what the viewer may see,
 * with display names resolved. `summary` holds the few payload fields sentences use (title,
 * dueOn, outcome, anonymous, ...: see story-rules.ts).
 */
export interface StoryEvent {
  id: string;
  type: string;
  at: Date;
  /** Display name of the person who acted; null for the system or an anonymous author. */
  actor: string | null;
  seats: readonly StorySeat[];
  summary: Readonly<Record<string, StorySummaryValue>>;
  /** The record the event is about, for a link from the story. */
  record?: RecordLink | null;
}

/** One line of the alliance's story. */
export interface StoryEntry {
  eventId: string;
  type: string;
  at: Date;
  dynamic: StoryDynamic;
  /** A plain-English sentence; never names an anonymous author. */
  headline: string;
  seats: StorySeat[];
  record: RecordLink | null;
}
