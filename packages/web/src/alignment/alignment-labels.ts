import type { AlignmentLinkKind, AlignmentModeration, AlignmentVote } from "./alignment-types";

export const voteLabels: Record<AlignmentVote, string> = { agree: "Agree", disagree: "Disagree", pass: "Pass / unsure" };

export const moderationLabels: Record<AlignmentModeration, string> = { pending: "Waiting for moderation", accepted: "Open for voting", rejected: "Rejected", meta: "Meta" };

// Shades dark enough for white text at 4.5:1.
export const moderationColors: Record<AlignmentModeration, string> = { pending: "#a33a00", accepted: "teal.9", rejected: "red.9", meta: "violet.8" };

export const linkKindLabels: Record<AlignmentLinkKind, string> = { proposal: "Proposal", charter_clause: "Charter clause" };

/**
 * Group colours (Okabe–Ito, readable by most colour-blind people) and shapes, so a group is
 * told apart by shape as well as colour.
 */
export const groupColors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8A6D00", "#56B4E9", "#E69F00"];
export const groupSymbols = ["circle", "rect", "triangle", "diamond", "roundRect", "pin", "arrow"];
export const unclusteredColor = "#6b6b6b";

/** The colour of a group's points and badges. */
export function groupColor(group: number | null): string {
  return group === null ? unclusteredColor : (groupColors[group % groupColors.length] ?? unclusteredColor);
}

/** "A", "B"… as the results name groups. */
export function groupLetter(group: number): string {
  return group < 26 ? String.fromCharCode(65 + group) : `G${group + 1}`;
}

/** "73%". */
export function formatPercent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** "3 people", "1 person". */
export function people(count: number): string {
  return `${count} ${count === 1 ? "person" : "people"}`;
}

/** "7 of 20". */
export function formatProgress(voted: number, total: number): string {
  return `${voted} of ${total}`;
}

/** The words for a map's link: "Proposal “Levy on packaging”" or "Charter clause". */
export function describeLink(kind: string, title?: string | null): string {
  const label = (linkKindLabels as Record<string, string>)[kind] ?? kind.replace(/_/g, " ");
  return title ? `${label} “${title}”` : label;
}
