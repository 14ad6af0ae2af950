import { buildStory } from "@trellis/core/story/build-story";
import type { StoryEvent, StorySeat, StorySummaryValue } from "@trellis/core/story/story-event";
import type { StoryContext, StoryRule } from "@trellis/core/story/story-rules";
import type { ActivityItem, AllianceHome } from "../api/types";
import { labelOf, roleLabels, stageLabels } from "../labels";

/** Names the activity's ids stand for, from the alliance home. */
export interface ActivityNames {
  seats: ReadonlyMap<string, string>;
  people: ReadonlyMap<string, string>;
}

/** Seat (organization) and person names known to the alliance home. */
export function namesFromHome(home: AllianceHome | undefined): ActivityNames {
  const seats = new Map<string, string>();
  const people = new Map<string, string>();
  for (const seat of home?.seats ?? []) {
    seats.set(seat.id, seat.organization.name);
    for (const person of seat.people) people.set(person.id, person.displayName);
  }
  for (const person of [...(home?.facilitators ?? []), ...(home?.others ?? [])]) people.set(person.id, person.displayName);
  return { seats, people };
}

/** "the amendment 'Open data'" (or "an amendment" when the title is missing). */
const amendment = (c: StoryContext) => (c.quoted("title") ? `the amendment ${c.quoted("title")}` : "an amendment");
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const role = (value: string | null) => (value ? labelOf(roleLabels, value).toLowerCase() : null);

/**
 * Sentences for the event types the house records that the story table leaves generic, and a
 * person.joined that names the role. Unknown types fall back to the story's generic sentence.
 */
export const activityRules: Readonly<Record<string, StoryRule>> = {
  "person.joined": {
    dynamic: "presence",
    headline: (c) => {
      const asRole = role(c.text("role"));
      const seat = c.seat("member");
      return `${c.text("person") ?? c.actor ?? "Someone"} joined${asRole ? ` as ${asRole}` : ""}${seat ? ` for ${seat}` : ""}`;
    },
  },
  "alliance.updated": {
    dynamic: "other",
    headline: (c) => {
      const changes: string[] = [];
      const name = c.quoted("newName");
      if (name) changes.push(`renamed the alliance ${name}`);
      const stage = c.text("newStage");
      if (stage) {
        const from = c.text("fromStage");
        changes.push(`moved the alliance${from ? ` from ${labelOf(stageLabels, from).toLowerCase()}` : ""} to ${labelOf(stageLabels, stage).toLowerCase()}`);
      }
      if (c.flag("purposeChanged")) changes.push("rewrote the alliance's purpose");
      const competitors = c.flag("hasCompetitors");
      if (competitors !== null) changes.push(competitors ? "marked that partners compete with each other" : "marked that partners do not compete");
      const who = c.actor ?? "A facilitator";
      if (changes.length === 0) return `${who} updated the alliance`;
      const list = changes.length === 1 ? changes[0] : `${changes.slice(0, -1).join(", ")} and ${changes[changes.length - 1]}`;
      return `${who} ${list}`;
    },
  },
  "seat.updated": {
    dynamic: "other",
    headline: (c) => {
      const seat = c.seat("subject") ?? "a seat";
      const from = c.number("fromWeight");
      const to = c.number("weight");
      const change = to !== null ? `${from !== null ? ` from ${from}` : ""} to ${to}` : "";
      return `${c.actor ?? "A facilitator"} changed the weight of ${seat}'s seat${change}`;
    },
  },
  // The charter: amendments, their ratification and discussion, renewal.
  "charter.created": { dynamic: "authorship", headline: (c) => `${c.actor ?? "A facilitator"} started the charter` },
  "amendment.proposed": {
    dynamic: "authorship",
    headline: (c) => `${c.actor ?? "Someone"}${c.seat("subject") ? ` for ${c.seat("subject")}` : ""} proposed ${amendment(c)} to the charter`,
  },
  "amendment.answered": {
    dynamic: "authorship",
    headline: (c) => `${c.seat("subject") ?? c.actor ?? "A seat"} ${c.text("answer") === "object" ? "objected to" : "consented to"} ${amendment(c)}`,
  },
  "amendment.commented": { dynamic: "authorship", headline: (c) => `${c.actor ?? "Someone"} wrote in the discussion of ${amendment(c)}` },
  "amendment.rebased": {
    dynamic: "authorship",
    headline: (c) => `${c.actor ?? "The proposer"} ${c.flag("wasStale") ? "rebased" : "revised"} ${amendment(c)}${c.number("draft") ? ` (draft ${c.number("draft")})` : ""}`,
  },
  "amendment.became_stale": { dynamic: "authorship", headline: (c) => `${capitalize(amendment(c))} became stale: its clause changed meanwhile` },
  "amendment.withdrawn": { dynamic: "authorship", headline: (c) => `${c.actor ?? "The proposer"} withdrew ${amendment(c)}` },
  "amendment.rejected": { dynamic: "authorship", headline: (c) => `${capitalize(amendment(c))} was closed as rejected` },
  "renewal.opened": { dynamic: "rhythm", headline: () => "Every seat was asked to reaffirm the charter's purpose" },
  "renewal.answered": {
    dynamic: "rhythm",
    headline: (c) => `${c.seat("subject") ?? c.actor ?? "A seat"} ${c.text("answer") === "concern" ? "raised a concern about" : "reaffirmed"} the charter's purpose`,
  },
  "invitation.sent": {
    dynamic: "other",
    headline: (c) => {
      const asRole = role(c.text("role"));
      const seat = c.seat("target");
      return `${c.actor ?? "Someone"} invited a person to join${asRole ? ` as ${asRole}` : ""}${seat ? ` for ${seat}` : ""}`;
    },
  },
  "alignment.map_opened": { dynamic: "other", headline: (c) => `${c.actor ?? "Someone"} opened an alignment map${c.quoted("question") ? ` on ${c.quoted("question")}` : ""}` },
  "alignment.statement_added": {
    dynamic: "other",
    headline: (c) => `A statement was ${c.text("moderation") === "pending" ? "proposed" : "added"} on the alignment map${c.quoted("question") ? ` ${c.quoted("question")}` : ""}`,
  },
  "alignment.statement_moderated": {
    dynamic: "other",
    headline: (c) => {
      const outcome = c.text("moderation");
      const verb = outcome === "accepted" ? "accepted" : outcome === "rejected" ? "rejected" : outcome === "meta" ? "marked as meta" : "moderated";
      const number = c.number("number");
      return `${c.actor ?? "A facilitator"} ${verb} ${number !== null ? `statement ${number}` : "a statement"} of the alignment map${c.quoted("question") ? ` ${c.quoted("question")}` : ""}`;
    },
  },
  "alignment.map_closed": { dynamic: "other", headline: (c) => `${c.actor ?? "A facilitator"} closed the alignment map${c.quoted("question") ? ` ${c.quoted("question")}` : ""}` },
  "alignment.map_reopened": { dynamic: "other", headline: (c) => `${c.actor ?? "A facilitator"} reopened the alignment map${c.quoted("question") ? ` ${c.quoted("question")}` : ""}` },
  "alignment.map_updated": { dynamic: "other", headline: (c) => `${c.actor ?? "A facilitator"} updated the alignment map${c.quoted("question") ? ` ${c.quoted("question")}` : ""}` },
  "alignment.imported": { dynamic: "other", headline: (c) => `A Pol.is conversation was imported as the alignment map${c.quoted("question") ? ` ${c.quoted("question")}` : ""}` },
};

const seatRoleByType: Record<string, string> = { "seat.added": "subject", "seat.updated": "subject", "person.joined": "member", "invitation.sent": "target" };

function scalar(value: unknown): StorySummaryValue {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value === null ? value : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Reads an activity item as a story event: ids resolved to names, payload flattened to what sentences use. */
export function toStoryEvent(item: ActivityItem, names: ActivityNames): StoryEvent {
  const payload = item.payload;
  const summary: Record<string, StorySummaryValue> = {};
  for (const [key, value] of Object.entries(payload)) summary[key] = scalar(value);
  // A position's stance sits inside its value ({ kind: "stance", stance }); sentences read it as `stance`.
  const stance = asRecord(payload.value).stance;
  if (typeof stance === "string") summary.stance = stance;

  const seatId = item.seatId ?? (typeof payload.seatId === "string" ? payload.seatId : null);
  const seats: StorySeat[] = [];
  if (seatId) {
    const fallback = scalar(payload.organizationName) ?? scalar(payload.seatName);
    const name = names.seats.get(seatId) ?? (typeof fallback === "string" ? fallback : "a seat");
    seats.push({ id: seatId, name, role: seatRoleByType[item.type] ?? "subject" });
  }

  // A commitment's parties and a nudge's addressee carry their seats (customer asks, performer does).
  if (item.type.startsWith("commitment.")) {
    for (const [key, seatRole] of [
      ["customer", "requester"],
      ["performer", "performer"],
      ["to", "to"],
    ] as const) {
      const party = asRecord(payload[key]);
      if (typeof party.seatId !== "string") continue;
      seats.push({ id: party.seatId, name: names.seats.get(party.seatId) ?? (typeof party.seatName === "string" ? party.seatName : "a seat"), role: seatRole });
    }
  }

  if (item.type === "person.joined") {
    const personId = typeof payload.personId === "string" ? payload.personId : null;
    const known = personId ? names.people.get(personId) : undefined;
    summary.person = known ?? (personId && item.actor?.id === personId ? item.actor.displayName : null);
  }
  if (item.type === "alliance.updated") {
    const changes = asRecord(payload.changes);
    summary.newName = scalar(changes.name);
    summary.newStage = scalar(changes.stage);
    summary.fromStage = scalar(asRecord(payload.from).stage);
    summary.purposeChanged = "purpose" in changes;
    summary.hasCompetitors = scalar(changes.has_competitors ?? changes.hasCompetitors);
  }
  if (item.type === "seat.updated") summary.fromWeight = scalar(asRecord(payload.from).weight);

  return { id: String(item.seq), type: item.type, at: new Date(item.occurredAt), actor: item.actor?.displayName ?? null, seats, summary, record: null };
}

/** One plain sentence for an activity item. */
export function describeActivity(item: ActivityItem, names: ActivityNames, timeZone = "UTC"): string {
  try {
    const [entry] = buildStory([toStoryEvent(item, names)], { rules: activityRules, timeZone });
    return entry?.headline ?? item.type;
  } catch {
    // A malformed item (say, a time the story refuses) still gets a line.
    return `${item.type.replace(/[._-]+/g, " ")}${item.actor ? ` by ${item.actor.displayName}` : ""}`;
  }
}
