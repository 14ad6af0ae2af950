/**
 * The notice every attendee acknowledges at the start of a meeting of an alliance whose seats
 * include competitors (shared/reference/competition-guardrails.md, "Meeting protocol"). The
 * version is stored with each acknowledgement, so a changed text is acknowledged afresh.
 */
export const antitrustNotice = {
  version: "2026-11",
  text:
    "This meeting brings together organizations that compete. We discuss only the agenda, which was circulated in advance, " +
    "and only pre-competitive matters within the charter's scope. We do not discuss or exchange prices or price intentions, " +
    "costs or margins, capacity or output plans, customers or bids, wages, market shares, product roadmaps or strategy. " +
    "Anyone may object to a discussion and leave the meeting; the objection is written into the minutes. " +
    "Minutes are kept and published to the alliance.",
} as const;
