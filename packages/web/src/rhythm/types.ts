import type { PersonRef } from "../api/types";

// The rhythm API's answers (packages/server/src/presenters/cadence.presenter.ts and meeting.presenter.ts).

/** An instant seen from one time zone, as the server words it. */
export interface ZoneView {
  timeZone: string;
  localStart: string;
  localEnd: string;
  utcOffset: string;
  dayShift: number;
  /** "Tue 1 Dec 2026, 09:00–10:00 (America/New_York)" */
  label: string;
}

export interface Occurrence {
  cadenceId: string;
  cadenceTitle: string;
  kind: string;
  occurrenceKey: string;
  start: string;
  end: string;
  localStart: string;
  timeZone: string;
  cancelled: boolean;
  agendaCutoffAt: string;
  view: ZoneView;
  meeting: { id: string; status: string; agendaItemCount: number } | null;
}

export interface SeatRef {
  id: string;
  name: string;
}

export interface Cadence {
  id: string;
  kind: string;
  title: string;
  description: string;
  location: string;
  rrule: string;
  dtstart: string;
  timeZone: string;
  ruleDescription: string;
  durationMinutes: number;
  agendaCutoffMinutes: number;
  expectedSeats: SeatRef[];
  visibility: { level: string; seatIds?: string[]; cleanTeamId?: string };
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
  nextOccurrence: Occurrence | null;
  cancelledOccurrences?: { occurrenceKey: string; reason: string; cancelledAt: string; cancelledBy: string | null }[];
}

export type Weekday = "MO" | "TU" | "WE" | "TH" | "FR" | "SA" | "SU";

/** The repeat part of the simple schedule form. */
export type Repeat =
  | { pattern: "weekly"; everyWeeks: number; weekdays: Weekday[] }
  | { pattern: "monthly_weekday"; everyMonths: number; nth: number; weekday: Weekday }
  | { pattern: "quarterly_weekday"; nth: number; weekday: Weekday }
  | { pattern: "monthly_day"; everyMonths: number; day: number }
  | { pattern: "monthly_last_weekday"; everyMonths: number }
  | { pattern: "yearly"; everyYears: number };

export type Schedule =
  | { kind: "form"; repeat: Repeat; time: string; timeZone: string; startOn: string; end?: { count: number } | { until: string } }
  | { kind: "rrule"; rrule: string; dtstart: string; timeZone: string };

export interface SchedulePreview {
  rrule: string;
  dtstart: string;
  timeZone: string;
  description: string;
  occurrences: { start: string; end: string; localStart: string; view: { label: string; localStart: string; dayShift: number } }[];
}

export interface MeetingSummary {
  id: string;
  cadenceId: string;
  cadenceKind: string;
  occurrenceKey: string;
  title: string;
  status: string;
  scheduledStart: string;
  scheduledEnd: string;
  timeZone: string;
  agendaCutoffAt: string;
  agendaOpen: boolean;
  agendaItemCount: number;
  minutesVersion: number | null;
  view: ZoneView;
}

export interface AgendaItem {
  id: string;
  position: number;
  title: string;
  description: string;
  seat: SeatRef | null;
  author: PersonRef;
  durationMinutes: number | null;
  plannedStart: string | null;
  isLate: boolean;
  startedAt: string | null;
  notes: string;
  version: number;
  createdAt: string;
  canChange: boolean;
}

export interface Outcome {
  id: string;
  itemId: string | null;
  kind: string;
  linkedRecordId: string | null;
  text: string;
  recordedBy: string | null;
  createdAt: string;
  version: number;
}

export interface MinutesVersionRef {
  version: number;
  editedAt: string;
  editedBy: string | null;
  reason: string;
}

export interface Meeting extends MeetingSummary {
  allianceId: string;
  allianceName: string;
  cadenceTitle: string;
  location: string;
  summary: string;
  version: number;
  organizerView: ZoneView;
  agendaCirculatedAt: string | null;
  startedAt: string | null;
  closedAt: string | null;
  antitrustNotice: { required: boolean; version: string; text: string };
  agenda: AgendaItem[];
  roster: { personId: string; displayName: string; seat: SeatRef | null; roles: string[]; attendance: string | null; leftAt: string | null; acknowledgedAt: string | null }[];
  seatAttendance: { seatId: string; name: string; expected: boolean; present: boolean; peoplePresent: number }[];
  pendingAcknowledgements: PersonRef[];
  objections: { id: string; itemId: string | null; itemTitle: string | null; person: PersonRef; seat: SeatRef | null; reason: string; at: string }[];
  outcomes: Outcome[];
  ratings: { count: number; average: number | null; distribution: number[]; mine: number | null };
  minutesVersions: MinutesVersionRef[];
  me: { attendance: string | null; acknowledged: boolean; rating: number | null };
  can: {
    addItem: boolean;
    order: boolean;
    circulate: boolean;
    start: boolean;
    acknowledge: boolean;
    recordAttendance: boolean;
    checkIn: boolean;
    startItem: boolean;
    object: boolean;
    recordNotes: boolean;
    recordOutcome: boolean;
    rate: boolean;
    close: boolean;
    editMinutes: boolean;
  };
  /** Set on answers to a POST that created something (an item, an objection, an outcome). */
  createdId?: string;
}

export interface Minutes {
  meetingId: string;
  version: number;
  latestVersion: number;
  editedAt: string;
  editedBy: string | null;
  reason: string;
  markdown: string;
  content: Record<string, unknown>;
}

export interface RhythmSignals {
  window: { from: string; to: string };
  adherence: { due: number; onSchedule: number; offSchedule: number; missed: number; pending: number; cancelled: number; adherence: number | null; cadences: { cadenceId: string; title: string; kind: string; due: number; onSchedule: number; adherence: number | null }[] };
  renewal: { state: "on_track" | "due_soon" | "overdue" | "no_baseline"; baseline: string | null; dueAt: string | null; daysSince: number | null; daysOverdue: number; isOverdue: boolean; source: string; periodMonths: number; renewalMeetingId: string | null };
  skippedMeetingStreaks: { seatId: string; seatName: string; streak: number; skippedMeetingIds: string[]; lastAttendedAt: string | null }[];
  seatAttendance: { seatId: string; seatName: string; expected: number; attended: number; rate: number | null }[];
  meetingRatings: { count: number; average: number | null };
}

export interface CalendarFeed {
  id: string;
  scope: "person" | "alliance";
  allianceId: string | null;
  allianceName: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A commitment as the rhythm pages need it (the commitments API's summary has more). */
export interface LinkedCommitment {
  id: string;
  title: string;
  stateLabel: string;
  dueAt: string;
  customer: { person: PersonRef; seat: SeatRef };
  performer: { person: PersonRef; seat: SeatRef };
  links: { meetingId: string | null };
}
