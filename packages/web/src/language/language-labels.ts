import type { AssumptionStatus, BreakdownStatus, PulseStatus, RegisterKind, TensionStatus } from "./types";

// Words people read for the language registers, pulses and story (DESIGN.md's vocabulary).

export const breakdownStatusLabels: Record<BreakdownStatus, string> = { open: "Open", in_discussion: "In discussion", closed: "Closed" };
export const tensionStatusLabels: Record<TensionStatus, string> = { raised: "Raised", in_dialogue: "In dialogue", resolved: "Resolved", reframed: "Reframed" };
export const assumptionStatusLabels: Record<AssumptionStatus, string> = { untested: "Untested", holding: "Holding", invalidated: "Invalidated" };
export const pulseStatusLabels: Record<PulseStatus, string> = { scheduled: "Scheduled", open: "Open", closing: "Closing", closed: "Closed" };

/** Badge colours dark enough for white text at 4.5:1. */
export const statusColors: Record<string, string> = {
  open: "#b23c0c",
  raised: "#b23c0c",
  untested: "gray.7",
  scheduled: "gray.7",
  in_discussion: "indigo.8",
  in_dialogue: "indigo.8",
  closing: "indigo.8",
  holding: "teal.9",
  closed: "teal.9",
  resolved: "teal.9",
  reframed: "violet.8",
  invalidated: "red.9",
};

export const dynamicLabels: Record<string, string> = {
  trust: "Trust",
  candor: "Candor",
  authorship: "Authorship",
  mutual_benefit: "Mutual benefit",
  rhythm: "Rhythm",
  language: "Language",
  presence: "Presence",
  other: "Other",
};

export const registerNames: Record<RegisterKind, { plural: string; singular: string }> = {
  breakdown: { plural: "Breakdowns", singular: "Breakdown" },
  tension: { plural: "Tensions", singular: "Tension" },
  assumption: { plural: "Assumptions", singular: "Assumption" },
  learning: { plural: "Learnings", singular: "Learning" },
};

/** What each register is for, in a sentence or two, shown above its list. */
export const registerHelp: Record<RegisterKind, string> = {
  breakdown:
    "A breakdown is a moment when what happened was not what partners expected. Naming it — what happened, what was expected, the impact, the seats involved — lets the alliance talk it through and close it with a new reading of events or an action, instead of letting it turn into blame.",
  tension:
    "A tension is friction a seat feels toward another seat or the whole alliance. Raising it early keeps differences workable. You may raise it anonymously: partners then never see who raised it, and only the facilitators are told if you choose so.",
  assumption:
    "An assumption is something the alliance acts on without knowing it is true. Writing down who holds it, how confident they are and how it will be tested, with a review date, keeps decisions honest about what they rest on.",
  learning:
    "A learning records what an experiment or event taught the alliance: what happened, what was learned, and what changes because of it, so the next cycle starts wiser.",
};

/** How old a record is, in words: "today", "1 day", "12 days". */
export function formatAge(days: number): string {
  if (days <= 0) return "today";
  return days === 1 ? "1 day" : `${days} days`;
}

/** Whole days between an instant and now. */
export function daysSince(iso: string, now: number = Date.now()): number {
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / 86_400_000));
}

/** A pulse score (0 worst … 1 best) as a number out of 100. */
export function formatScore(score: number): string {
  return `${Math.round(score * 100)}`;
}
