import type { AllianceRole, AllianceStage, OrganizationKind } from "@trellis/core";

// Words people read for the domain's codes (DESIGN.md's vocabulary).

export const roleLabels: Record<AllianceRole, string> = {
  facilitator: "Facilitator",
  delegate: "Delegate",
  member: "Member",
  observer: "Observer",
  counsel: "Counsel",
};

export const stageLabels: Record<AllianceStage, string> = {
  forming: "Forming",
  active: "Active",
  renewing: "Renewing",
  closing: "Closing",
  closed: "Closed",
};

export const kindLabels: Record<OrganizationKind, string> = {
  company: "Company",
  ngo: "NGO",
  public_agency: "Public agency",
  funder: "Funder",
  research: "Research",
  other: "Other",
};

/** A label for a code that may be newer than this app (falls back to the code in words). */
export function labelOf<K extends string>(labels: Record<K, string>, code: string): string {
  return (labels as Record<string, string>)[code] ?? code.replace(/_/g, " ");
}

/** The colour of a stage badge: shades dark enough for white text at 4.5:1. */
export const stageColors: Record<AllianceStage, string> = {
  forming: "indigo.8",
  active: "teal.9",
  renewing: "violet.8",
  closing: "grape.8",
  closed: "gray.7",
};

function safeZone(timeZone: string | undefined): string {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** "3 Mar 2026, 14:05" in the person's time zone. */
export function formatDateTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: safeZone(timeZone) }).format(new Date(iso));
}

/** "3 Mar 2026" in the person's time zone. */
export function formatDate(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: safeZone(timeZone) }).format(new Date(iso));
}

/** "1", "1.5": a seat's weight without trailing zeros. */
export function formatWeight(weight: number): string {
  return String(Math.round(weight * 100) / 100);
}
