import type { Dynamic, EvidenceRecord, Pathology, PortfolioSort, Trend } from "./types";

// Words and small helpers for the health pages (reference: the Collaboration Capacity Index).

export const dynamics: readonly Dynamic[] = ["rhythm", "language", "presence", "authorship", "trust", "candor"];

export const dynamicLabels: Record<Dynamic, string> = {
  rhythm: "Rhythm",
  language: "Language",
  presence: "Presence",
  authorship: "Authorship",
  trust: "Trust",
  candor: "Candor",
};

/** One line per dynamic: what it measures. */
export const dynamicHelp: Record<Dynamic, string> = {
  rhythm: "Meetings held as scheduled, shared intent renewed on time, work planned beyond the next quarter.",
  language: "Breakdowns named and resolved, assumptions tested, tensions not left to age, requests with clear conditions.",
  presence: "Seats attending, answering requests promptly and taking part in pulses.",
  authorship: "Agendas, proposals, clauses and requests authored by every seat, not one.",
  trust: "Promises kept, released with notice rather than reneged, and a healthy “no”.",
  candor: "Dissent voiced, tensions raised, divergence acknowledged rather than left unnamed.",
};

export const pathologyLabels: Record<Pathology, string> = {
  "one-sided": "One-sided alliance",
  "false-harmony": "False harmony",
  "fraying-trust": "Fraying trust",
  drift: "Drift",
  "silent-partner": "Silent partner",
  "conflict-avoidance": "Conflict avoidance",
  "short-termism": "Short-termism",
  "perception-gap": "Perception gap",
};

export const pathologyCodes = Object.keys(pathologyLabels) as Pathology[];

export const sortLabels: Record<PortfolioSort, string> = {
  index: "Index",
  name: "Name",
  alerts: "Open alerts",
  trend: "Trend",
  renewal: "Renewal due",
  updated: "Last computed",
};

/** The order each sort starts in (the API's defaults). */
export const defaultOrder: Record<PortfolioSort, "asc" | "desc"> = { index: "asc", name: "asc", alerts: "desc", trend: "asc", renewal: "asc", updated: "desc" };

export const recordTypeLabels: Record<string, string> = {
  commitment: "Commitment",
  meeting: "Meeting",
  agenda_item: "Agenda item",
  proposal: "Proposal",
  charter: "Charter",
  amendment: "Amendment",
  tension: "Tension",
  breakdown: "Breakdown",
  assumption: "Assumption",
  pulse: "Pulse",
  alignment_map: "Alignment map",
  seat: "Seat",
};

/** "41" or "—" when there is no evidence yet. */
export function formatScore(value: number | null): string {
  return value === null ? "—" : String(Math.round(value));
}

/** "1 record", "12 records". */
export function formatRecords(count: number): string {
  return `${count} ${count === 1 ? "record" : "records"}`;
}

/** A 0–1 signal value as a percentage ("62%"). */
export function formatShare(value: number | null): string {
  return value === null ? "—" : `${Math.round(value * 100)}%`;
}

/** "up 4 since the 90 days before", on the scale given (100 for indices, 1 for signals). */
export function describeTrend(trend: Trend, scale: 1 | 100 = 100): string {
  if (trend.direction === "unknown" || trend.delta === null) return "no earlier window to compare";
  const points = scale === 100 ? Math.abs(Math.round(trend.delta)) : Math.abs(Math.round(trend.delta * 100));
  const unit = scale === 100 ? (points === 1 ? "point" : "points") : "percentage points";
  if (trend.direction === "flat" || points === 0) return "steady against the 90 days before";
  return `${trend.direction} ${points} ${unit} against the 90 days before`;
}

/** A small arrow for a trend (decorative: the words say the same). */
export function trendArrow(trend: Trend): string {
  return trend.direction === "up" ? "↑" : trend.direction === "down" ? "↓" : trend.direction === "flat" ? "→" : "";
}

/** The colour of a 0–100 score: shades dark enough for white text at 4.5:1. */
export function scoreColor(value: number | null): string {
  if (value === null) return "gray.7";
  if (value >= 70) return "teal.9";
  if (value >= 45) return "#9c4a00";
  return "red.9";
}

/** The web page of an evidence record: the API's path when it lies inside this alliance, else the alliance home. */
export function recordPath(allianceId: string, record: EvidenceRecord): string {
  const base = `/alliances/${allianceId}`;
  return record.path.startsWith(`${base}/`) || record.path === base ? record.path : base;
}

/** A date of the API ("2026-11-22", a UTC day) as "22 Nov 2026", the same everywhere. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** "22 Nov" for chart axes. */
export function formatShortDay(day: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
