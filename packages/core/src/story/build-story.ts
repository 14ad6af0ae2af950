import { AppError } from "../errors";
import { capitalize, createStoryContext, defaultStoryRules, genericStoryRule, type StoryRule } from "./story-rules";
import { storyDynamics, type StoryDynamic, type StoryEntry, type StoryEvent, type StorySeat } from "./story-event";

/** Seat roles that name who raised something; dropped whenever the event is anonymous. */
export const authorSeatRoles = ["author", "from", "raiser"] as const;
const authorSummaryKey = /author|raised_?by|from_?seat|from_?person|discloser/i;

/**
 * True when the event must not name its author. Tension events count as anonymous unless they
 * say `anonymous: false` outright: a missing flag never exposes anyone.
 */
export function isAnonymousStoryEvent(event: StoryEvent): boolean {
  const flag = event.summary.anonymous;
  if (event.type.startsWith("tension.")) return flag !== false;
  return flag === true;
}

/** The event as an anonymous one may be told: no actor, no author seats, no author fields. */
export function stripStoryAuthor(event: StoryEvent): StoryEvent {
  return {
    ...event,
    actor: null,
    seats: event.seats.filter((seat) => !(authorSeatRoles as readonly string[]).includes(seat.role ?? "")),
    summary: Object.fromEntries(Object.entries(event.summary).filter(([key]) => !authorSummaryKey.test(key))),
  };
}

export interface BuildStoryOptions {
  /** Extra or replacement rows for the event-type table. */
  rules?: Readonly<Record<string, StoryRule>>;
  /** Time zone for dates in sentences (default UTC). */
  timeZone?: string;
}

/**
 * Turns alliance events (already filtered to what the viewer may see) into the alliance's
 * story: one plain-English entry per event, oldest first (ties keep their given order), never
 * naming an anonymous author.
 */
export function buildStory(events: readonly StoryEvent[], options: BuildStoryOptions = {}): StoryEntry[] {
  const rules = { ...defaultStoryRules, ...options.rules };
  const entries = events.map((original, index) => {
    if (!(original.at instanceof Date) || Number.isNaN(original.at.getTime())) {
      throw new AppError("validation_failed", "A story event needs a valid time.", { eventId: original.id });
    }
    const anonymous = isAnonymousStoryEvent(original);
    const event = anonymous ? stripStoryAuthor(original) : original;
    const rule = Object.prototype.hasOwnProperty.call(rules, event.type) ? (rules[event.type] as StoryRule) : genericStoryRule;
    const context = createStoryContext(event, anonymous, options.timeZone);
    const dynamic = typeof rule.dynamic === "function" ? rule.dynamic(context) : rule.dynamic;
    const seats: StorySeat[] = [];
    for (const seat of event.seats) if (!seats.some((known) => known.id === seat.id)) seats.push({ ...seat });
    const entry: StoryEntry = {
      eventId: event.id,
      type: event.type,
      at: event.at,
      dynamic,
      headline: capitalize(rule.headline(context).trim()),
      seats,
      record: event.record ? { type: event.record.type, id: event.record.id } : null,
    };
    return { entry, index };
  });
  entries.sort((a, b) => a.entry.at.getTime() - b.entry.at.getTime() || a.index - b.index);
  return entries.map(({ entry }) => entry);
}

export interface StoryFilter {
  /** Entries involving any of these seats. */
  seatIds?: readonly string[];
  dynamics?: readonly StoryDynamic[];
  /** Inclusive start of the period. */
  from?: Date;
  /** Exclusive end of the period. */
  to?: Date;
}

/** Filters a story by seat, dynamic and period. */
export function filterStory(entries: readonly StoryEntry[], filter: StoryFilter): StoryEntry[] {
  for (const dynamic of filter.dynamics ?? []) {
    if (!(storyDynamics as readonly string[]).includes(dynamic)) throw new AppError("validation_failed", `No dynamic ${dynamic}.`, { field: "dynamics" });
  }
  if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime()) {
    throw new AppError("validation_failed", "The period ends before it starts.", { field: "to" });
  }
  return entries.filter(
    (entry) =>
      (filter.seatIds === undefined || entry.seats.some((seat) => filter.seatIds?.includes(seat.id))) &&
      (filter.dynamics === undefined || filter.dynamics.includes(entry.dynamic)) &&
      (filter.from === undefined || entry.at.getTime() >= filter.from.getTime()) &&
      (filter.to === undefined || entry.at.getTime() < filter.to.getTime()),
  );
}
