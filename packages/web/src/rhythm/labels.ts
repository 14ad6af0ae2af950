import type { Weekday } from "./types";

// Words people read for the rhythm's codes.

export const cadenceKindLabels: Record<string, string> = {
  tactical_check_in: "Tactical check-in",
  governance_meeting: "Governance meeting",
  alignment_renewal: "Alignment renewal",
  health_review: "Health review",
  other: "Other",
};

export const cadenceKindHelp: Record<string, string> = {
  tactical_check_in: "Progress, blockers and who does what next.",
  governance_meeting: "Decisions about the alliance itself: seats, rules, money.",
  alignment_renewal: "Renew the shared intent against the charter.",
  health_review: "Look at the alliance's health signals together.",
  other: "Any other recurring meeting.",
};

export const meetingStatusLabels: Record<string, string> = {
  scheduled: "Scheduled",
  in_progress: "In progress",
  closed: "Closed",
  cancelled: "Cancelled",
};

export const meetingStatusColors: Record<string, string> = {
  scheduled: "indigo.8",
  in_progress: "teal.9",
  closed: "gray.7",
  cancelled: "red.9",
};

export const attendanceLabels: Record<string, string> = {
  present: "Present",
  absent: "Absent",
  excused: "Excused",
  left: "Left",
};

export const outcomeKindLabels: Record<string, string> = {
  commitment: "Commitment",
  proposal: "Proposal",
  note: "Note",
};

export const weekdayLabels: Record<Weekday, string> = {
  MO: "Monday",
  TU: "Tuesday",
  WE: "Wednesday",
  TH: "Thursday",
  FR: "Friday",
  SA: "Saturday",
  SU: "Sunday",
};

export const nthLabels: Record<string, string> = { "1": "First", "2": "Second", "3": "Third", "4": "Fourth", "5": "Fifth", "-1": "Last" };

export const renewalStateLabels: Record<string, string> = {
  on_track: "On track",
  due_soon: "Due soon",
  overdue: "Overdue",
  no_baseline: "No baseline yet",
};

export const renewalSourceLabels: Record<string, string> = {
  charter_renewal: "the charter's last renewal",
  alignment_renewal_meeting: "the last alignment renewal meeting",
  charter_adoption: "the charter's adoption",
  alliance_created: "the alliance's creation",
};

/** "75%" or "—" when nothing was due. */
export function formatShare(value: number | null): string {
  return value === null ? "—" : `${Math.round(value * 100)}%`;
}

/** "1 h 30 min", "45 min". */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
