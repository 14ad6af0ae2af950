import { calendarDayOf, formatStoryDay, parseStoryDay } from "./story-date";
import type { StoryDynamic, StoryEvent } from "./story-event";

/** What a sentence builder may read: the event with anonymity already applied, and phrasing helpers. */
export interface StoryContext {
  event: StoryEvent;
  /** True when the event concerns an anonymous author: actor and author seats are gone. */
  anonymous: boolean;
  actor: string | null;
  /** Name of the first seat with this role, or null. */
  seat(role: string): string | null;
  /** Names of the seats with this role (all seats when no role), as "A, B and C"; null if none. */
  seatList(role?: string): string | null;
  /** A summary field as trimmed text, or null. */
  text(key: string): string | null;
  /** A summary field in single quotes ('Shared test protocol'), shortened if long; null if empty. */
  quoted(key: string): string | null;
  /** A summary field as a number, or null. */
  number(key: string): number | null;
  /** A summary field as a boolean, or null. */
  flag(key: string): boolean | null;
  /** A summary date as "3 March" (year added when not the event's year), or null. */
  day(key: string): string | null;
}

export interface StoryRule {
  dynamic: StoryDynamic | ((context: StoryContext) => StoryDynamic);
  headline: (context: StoryContext) => string;
}

const maxQuoted = 90;

/** Joins names as "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return names[0] as string;
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** Capitalises the first letter, so a sentence may open with a fallback like "a partner". */
export function capitalize(sentence: string): string {
  return sentence.length === 0 ? sentence : sentence[0]!.toUpperCase() + sentence.slice(1);
}

/** "clean_team.created" -> "clean team created". */
export function humanizeEventType(type: string): string {
  return type.replace(/[._-]+/g, " ").trim();
}

/** Builds the phrasing helpers for one (already anonymity-safe) event. */
export function createStoryContext(event: StoryEvent, anonymous: boolean, timeZone = "UTC"): StoryContext {
  const eventYear = calendarDayOf(event.at, timeZone).year;
  const text = (key: string): string | null => {
    const value = event.summary[key];
    if (value === null || value === undefined || typeof value === "boolean") return null;
    const trimmed = String(value).replace(/\s+/g, " ").trim();
    return trimmed.length > 0 ? trimmed : null;
  };
  const namesWithRole = (role?: string) => event.seats.filter((seat) => role === undefined || seat.role === role).map((seat) => seat.name);
  return {
    event,
    anonymous,
    actor: event.actor,
    seat: (role) => namesWithRole(role)[0] ?? null,
    seatList: (role) => joinNames([...new Set(namesWithRole(role))]),
    text,
    quoted: (key) => {
      const value = text(key);
      if (value === null) return null;
      return `'${value.length > maxQuoted ? `${value.slice(0, maxQuoted - 1).trimEnd()}…` : value}'`;
    },
    number: (key) => {
      const value = event.summary[key];
      return typeof value === "number" && Number.isFinite(value) ? value : null;
    },
    flag: (key) => {
      const value = event.summary[key];
      return typeof value === "boolean" ? value : null;
    },
    day: (key) => {
      const value = text(key);
      const day = value === null ? null : parseStoryDay(value, timeZone);
      return day ? formatStoryDay(day, eventYear) : null;
    },
  };
}

const partner = (name: string | null) => name ?? "a partner";
const possessive = (name: string) => (name.endsWith("s") ? `${name}'` : `${name}'s`);
const optional = (prefix: string, value: string | null) => (value === null ? "" : `${prefix}${value}`);
const parenthetical = (prefix: string, value: string | null) => (value === null ? "" : ` (${prefix}${value})`);
const commitmentTitle = (c: StoryContext) => c.quoted("title") ?? "a commitment";
/** The seat that made a commitment move (summary field `by`: customer or performer) and the other party's seat. */
const speakerAndOther = (c: StoryContext): [string | null, string | null] =>
  c.text("by") === "customer" ? [c.seat("requester"), c.seat("performer")] : [c.seat("performer"), c.seat("requester")];
const proposalTitle = (c: StoryContext) => c.quoted("title") ?? "a proposal";
/** How a recorded stance reads: "agreed with 'X'", and after a change "now agreeing". */
const positionVerbs: Readonly<Record<string, { sentence: string; past: string }>> = {
  agree: { sentence: "agreed with", past: "agreeing" },
  consent: { sentence: "consented to", past: "consenting" },
  disagree: { sentence: "disagreed with", past: "disagreeing" },
  abstain: { sentence: "abstained on", past: "abstaining" },
  stand_aside: { sentence: "stood aside on", past: "standing aside" },
  block: { sentence: "blocked", past: "blocking" },
  object: { sentence: "objected to", past: "objecting" },
  objection: { sentence: "objected to", past: "objecting" },
};
const towards = (c: StoryContext) => {
  const target = c.seat("target");
  return target ? `toward ${target}` : "toward the whole alliance";
};

/**
 * Event type -> sentence. Extend by adding a row (or pass extra rules to buildStory).
 * Summary fields read: title, dueOn, outcome (passed | failed), clause, until, allSeats, name,
 * person, anonymous, summary, reframing, whatHappened, closure (reinterpretation | action),
 * reinterpretation, actionType, actionTitle, statement, decisionCount, whatWasLearned,
 * respondents, invited, seatsPresent, seatsInvited, by (customer | performer: who made a
 * commitment move), reasonLabel.
 * Seat roles read: requester, performer, proposer, ratifier, subject, member, target, author,
 * holder, involved, present, to (whom a nudge reminds).
 */
export const defaultStoryRules: Readonly<Record<string, StoryRule>> = {
  "alliance.created": { dynamic: "other", headline: (c) => `The alliance${optional(" ", c.quoted("name"))} was formed` },
  "seat.added": { dynamic: "other", headline: (c) => `${partner(c.seat("subject") ?? c.seatList())} took a seat in the alliance` },
  "person.joined": {
    dynamic: "presence",
    headline: (c) => `${c.text("person") ?? c.actor ?? "Someone"} joined${optional(" for ", c.seat("member") ?? c.seatList())}`,
  },

  "commitment.requested": {
    dynamic: "language",
    headline: (c) => `${partner(c.seat("requester"))} asked ${partner(c.seat("performer"))} for ${commitmentTitle(c)}${optional(" by ", c.day("dueOn"))}`,
  },
  "commitment.promised": {
    dynamic: "language",
    headline: (c) => `${partner(c.seat("performer"))} promised ${partner(c.seat("requester"))} ${commitmentTitle(c)}${optional(" by ", c.day("dueOn"))}`,
  },
  "commitment.countered": {
    dynamic: "language",
    headline: (c) => `${partner(c.seat("performer"))} made a counter-offer to ${partner(c.seat("requester"))} on ${commitmentTitle(c)}${optional(": by ", c.day("dueOn"))}`,
  },
  "commitment.reported": {
    dynamic: "language",
    headline: (c) => `${partner(c.seat("performer"))} reported ${commitmentTitle(c)} done for ${partner(c.seat("requester"))}`,
  },
  "commitment.accepted": {
    dynamic: "trust",
    headline: (c) => `${partner(c.seat("requester"))} accepted ${possessive(partner(c.seat("performer")))} delivery of ${commitmentTitle(c)}: a promise kept`,
  },
  "commitment.declined": {
    dynamic: "trust",
    headline: (c) => `${partner(c.seat("performer"))} declined ${possessive(partner(c.seat("requester")))} request for ${commitmentTitle(c)}`,
  },
  "commitment.reneged": {
    dynamic: "trust",
    headline: (c) => `${partner(c.seat("performer"))} broke its promise to ${partner(c.seat("requester"))} of ${commitmentTitle(c)}`,
  },
  "commitment.revoked": {
    dynamic: "trust",
    headline: (c) => `${partner(c.seat("performer"))} withdrew its promise to ${partner(c.seat("requester"))} of ${commitmentTitle(c)}, with notice`,
  },
  "commitment.cancelled": {
    dynamic: "language",
    headline: (c) => `${partner(c.seat("requester"))} cancelled its request to ${partner(c.seat("performer"))} for ${commitmentTitle(c)}`,
  },
  "commitment.offered": {
    dynamic: "language",
    headline: (c) => `${partner(c.seat("performer"))} offered ${partner(c.seat("requester"))} ${commitmentTitle(c)}${optional(" by ", c.day("dueOn"))}`,
  },
  "commitment.withdrawn": {
    dynamic: "language",
    headline: (c) =>
      c.text("by") === "performer"
        ? `${partner(c.seat("performer"))} withdrew its offer to ${partner(c.seat("requester"))} of ${commitmentTitle(c)}`
        : `${partner(c.seat("requester"))} withdrew its request to ${partner(c.seat("performer"))} for ${commitmentTitle(c)}`,
  },
  "commitment.answer_promised": {
    dynamic: "language",
    headline: (c) => `${partner(c.seat("performer"))} promised ${partner(c.seat("requester"))} an answer on ${commitmentTitle(c)}`,
  },
  "commitment.counter_accepted": {
    dynamic: "language",
    headline: (c) => `${partner(c.seat("requester"))} accepted ${possessive(partner(c.seat("performer")))} terms for ${commitmentTitle(c)}: a promise${optional(" by ", c.day("dueOn"))}`,
  },
  "commitment.countered_again": {
    dynamic: "language",
    headline: (c) => `${partner(c.seat("requester"))} put other terms back to ${partner(c.seat("performer"))} on ${commitmentTitle(c)}${optional(": by ", c.day("dueOn"))}`,
  },
  "commitment.counter_rejected": {
    dynamic: "trust",
    headline: (c) => `${partner(c.seat("requester"))} turned down ${possessive(partner(c.seat("performer")))} terms for ${commitmentTitle(c)}`,
  },
  "commitment.report_rejected": {
    dynamic: "trust",
    headline: (c) => `${partner(c.seat("requester"))} found ${commitmentTitle(c)} not done yet and handed it back to ${partner(c.seat("performer"))}`,
  },
  "commitment.renegotiation_proposed": {
    dynamic: "language",
    headline: (c) => {
      const [proposer, other] = speakerAndOther(c);
      return `${partner(proposer)} proposed new terms to ${partner(other)} for ${commitmentTitle(c)}; the promise stands until they agree`;
    },
  },
  "commitment.renegotiated": {
    dynamic: "language",
    headline: (c) => `${partner(c.seat("requester"))} and ${partner(c.seat("performer"))} agreed new terms for ${commitmentTitle(c)}${optional(": by ", c.day("dueOn"))}`,
  },
  "commitment.renegotiation_rejected": {
    dynamic: "language",
    headline: (c) => {
      const [rejecter, proposer] = speakerAndOther(c);
      return `${partner(rejecter)} turned down the new terms ${partner(proposer)} proposed for ${commitmentTitle(c)}; the promise stands`;
    },
  },
  "commitment.renegotiation_withdrawn": {
    dynamic: "language",
    headline: (c) => {
      const [proposer, other] = speakerAndOther(c);
      return `${partner(proposer)} withdrew the new terms it proposed to ${partner(other)} for ${commitmentTitle(c)}`;
    },
  },
  "commitment.nudged": {
    dynamic: "rhythm",
    headline: (c) => `${c.actor ?? "A facilitator"} reminded ${partner(c.seat("to"))} of ${commitmentTitle(c)}${optional(": ", c.text("reasonLabel"))}`,
  },

  "proposal.created": {
    dynamic: "authorship",
    headline: (c) => `${c.seat("proposer") ?? c.actor ?? "A partner"} proposed ${proposalTitle(c)}`,
  },
  "proposal.updated": {
    dynamic: "authorship",
    headline: (c) => `${c.actor ?? "The proposer"} revised ${proposalTitle(c)}`,
  },
  "position.taken": {
    dynamic: "authorship",
    headline: (c) => {
      // Anonymous positions name no one; hidden results carry no value, so none is told.
      const who = c.anonymous || c.flag("anonymous") ? "A participant" : `${c.actor ?? "A partner"}${optional(" for ", c.seat("subject"))}`;
      const stance = c.text("stance");
      const verb = stance ? positionVerbs[stance] : undefined;
      if (c.flag("changed")) return `${who} changed their position on ${proposalTitle(c)}${verb ? `: now ${verb.past}` : ""}`;
      return verb ? `${who} ${verb.sentence} ${proposalTitle(c)}` : `${who} took a position on ${proposalTitle(c)}`;
    },
  },
  "objection.addressed": {
    dynamic: "candor",
    headline: (c) => `${c.actor ?? "The proposer"} answered an objection to ${proposalTitle(c)}`,
  },
  "objection.integrated": {
    dynamic: "candor",
    headline: (c) => `${c.actor ?? "The proposer"} integrated an objection into ${proposalTitle(c)}`,
  },
  "proposal.decided": {
    dynamic: "authorship",
    headline: (c) => {
      const advice = c.number("adviceGiven");
      return `${c.actor ?? "The decider"} decided on ${proposalTitle(c)}${advice ? ` after ${advice} ${advice === 1 ? "piece" : "pieces"} of advice` : ""}`;
    },
  },
  "outcome.recorded": {
    dynamic: "authorship",
    headline: (c) => {
      const review = c.day("reviewOn");
      return `${c.actor ?? "A facilitator"} ${c.flag("revised") ? "revised" : "recorded"} the outcome of ${proposalTitle(c)}${optional(": ", c.quoted("statement"))}${review ? `, to be reviewed on ${review}` : ""}`;
    },
  },
  "proposal.closed": {
    dynamic: "authorship",
    headline: (c) => {
      const outcome = c.text("outcome");
      if (outcome === "passed") return `The proposal ${proposalTitle(c)} passed`;
      if (outcome === "failed") return `The proposal ${proposalTitle(c)} did not pass`;
      return `The proposal ${proposalTitle(c)} was closed${optional(": ", outcome)}`;
    },
  },

  "charter.amended": {
    dynamic: "authorship",
    headline: (c) => (c.quoted("clause") ? `The charter clause ${c.quoted("clause")} was amended` : `The charter was amended${optional(": ", c.quoted("title"))}`),
  },
  "charter.ratified": {
    dynamic: "authorship",
    headline: (c) =>
      c.flag("allSeats") === true
        ? `Every seat has ratified ${c.quoted("title") ?? "the charter"}`
        : `${partner(c.seat("ratifier") ?? c.seatList())} ratified ${c.quoted("title") ?? "the charter"}`,
  },
  "charter.renewed": { dynamic: "rhythm", headline: (c) => `The charter was renewed${optional(" until ", c.day("until"))}` },

  "meeting.held": {
    dynamic: "rhythm",
    headline: (c) => {
      const present = c.number("seatsPresent");
      const invited = c.number("seatsInvited");
      const attendance = present !== null && invited !== null ? ` (${present} of ${invited} seats present)` : "";
      return `The alliance met${optional(": ", c.quoted("title"))}${attendance}`;
    },
  },

  "breakdown.named": {
    dynamic: "language",
    headline: (c) =>
      `${c.actor ? `${c.actor} named a breakdown` : "A breakdown was named"}${optional(": ", c.quoted("whatHappened") ?? c.quoted("title"))}${parenthetical("involving ", c.seatList("involved"))}`,
  },
  "breakdown.closed": {
    dynamic: "language",
    headline: (c) => {
      const what = c.quoted("whatHappened") ?? c.quoted("title");
      const subject = what ? `The breakdown ${what}` : "A breakdown";
      if (c.text("closure") === "reinterpretation") return `${subject} was reframed${optional(": ", c.quoted("reinterpretation"))}`;
      if (c.text("closure") === "action") {
        const kind = c.text("actionType") ?? "action";
        return `${subject} was closed with a ${kind}${optional(" ", c.quoted("actionTitle"))}`;
      }
      return `${subject} was closed`;
    },
  },

  "tension.raised": {
    dynamic: "candor",
    headline: (c) => {
      const author = c.anonymous ? null : c.seat("author");
      const about = optional(": ", c.quoted("summary"));
      return author ? `${author} raised a tension ${towards(c)}${about}` : `A tension was raised ${towards(c)} (anonymous)${about}`;
    },
  },
  "tension.resolved": { dynamic: "candor", headline: (c) => `The tension ${towards(c)} was resolved${optional(": ", c.quoted("note"))}` },
  "tension.reframed": { dynamic: "candor", headline: (c) => `The tension ${towards(c)} was reframed${optional(": ", c.quoted("reframing"))}` },

  "assumption.invalidated": {
    dynamic: "language",
    headline: (c) => {
      const count = c.number("decisionCount");
      const resting = count ? `; ${count} decision${count === 1 ? " rests" : "s rest"} on it` : "";
      const statement = c.quoted("statement") ?? c.quoted("title");
      return `${statement ? `The assumption ${statement}` : "An assumption"}${optional(" held by ", c.seat("holder"))} was invalidated${resting}`;
    },
  },
  "learning.recorded": {
    dynamic: "language",
    headline: (c) => `A learning was recorded${optional(" from ", c.quoted("title"))}${optional(": ", c.quoted("whatWasLearned"))}`,
  },

  "pulse.closed": {
    dynamic: "presence",
    headline: (c) => {
      const respondents = c.number("respondents");
      const invited = c.number("invited");
      return `A pulse closed${respondents !== null && invited !== null ? ` with ${respondents} of ${invited} invited responding` : ""}`;
    },
  },
};

/** The sentence for an event type no rule knows: its type in words, who and which seats. */
export const genericStoryRule: StoryRule = {
  dynamic: "other",
  headline: (c) =>
    `${capitalize(humanizeEventType(c.event.type))}${optional(" by ", c.actor)}${parenthetical("", c.seatList())}${optional(": ", c.quoted("title"))}`,
};
