// Rhythm: cadences (RFC 5545 recurrences anchored to a wall-clock time in a zone), their
// occurrences, iCalendar feeds, rhythm signals and reminder planning. Pure: time is passed in.

// Wall-clock values and zones.
export type { LocalDate, LocalDateTime, Weekday } from "./local-date-time";
export { formatCompactLocalDateTime, formatLocalDateTime, parseLocalDateTime, weekdays } from "./local-date-time";
export type { InstantInput } from "./instant";
export { formatUtcOffset, instantOfLocal, localDateTimeAt, offsetMsAt } from "./time-zone";

// Recurrence rules.
export type { Frequency, RecurrenceRule, RuleUntil, WeekdayNum } from "./rrule";
export { formatRrule, frequencies, parseRrule } from "./rrule";
export type { ExpandRuleInput, RuleInstance } from "./expand-rrule";
export { DEFAULT_MAX_ITERATIONS, expandRule } from "./expand-rrule";
export type { DescribeRuleOptions } from "./describe-rrule";
export { describeRrule } from "./describe-rrule";
export type { BuiltCadenceRule, CadenceRuleForm, RepeatPattern } from "./build-rrule";
export { buildCadenceRule } from "./build-rrule";
export type { ReadCadenceRule } from "./read-cadence-rule";
export { readCadenceRule } from "./read-cadence-rule";

// Cadences and their occurrences.
export type { Cadence, CadenceKind, Occurrence, OccurrencesOptions } from "./cadence";
export { MAX_DURATION_MINUTES, cadenceKinds, nextOccurrences, occurrencesOf, validateCadence } from "./cadence";
export type { OccurrenceView } from "./view-occurrence";
export { viewOccurrenceIn } from "./view-occurrence";

// Calendar feeds.
export type { CalendarEvent, CalendarEventStatus, CalendarInput } from "./render-calendar";
export { CALENDAR_PRODID, escapeText, foldLine, formatIcsUtc, renderCalendar } from "./render-calendar";
export type { CadenceEventsInput, OccurrenceEventOptions } from "./cadence-events";
export { DEFAULT_UID_DOMAIN, cadenceCalendarEvents, occurrenceToEvent, occurrenceUid } from "./cadence-events";

// Rhythm signals and reminders.
export type { AdherenceInput, AdherenceResult, HeldMeeting, OccurrenceAdherence, OccurrenceAdherenceStatus } from "./cadence-adherence";
export { measureCadenceAdherence } from "./cadence-adherence";
export type { RenewalInput, RenewalState, RenewalStatus } from "./renewal-status";
export { measureRenewal } from "./renewal-status";
export type { MeetingAttendance, SeatSkipStreak, SkipStreakInput } from "./skipped-meeting-streaks";
export { countSkippedMeetingStreaks } from "./skipped-meeting-streaks";
export type { DueReminder, PlanRemindersInput, ReminderAnchor, ReminderRule, ReminderTarget } from "./plan-reminders";
export { agendaCutoffOf, defaultReminderRules, planReminders, reminderAnchors, reminderDedupKey } from "./plan-reminders";
