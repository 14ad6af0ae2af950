import { AppError } from "../errors";
import type { Occurrence } from "./cadence";
import { toEpochMs, toIsoInstant } from "./instant";
import type { InstantInput } from "./instant";
import { MS_PER_MINUTE } from "./local-date-time";

export const reminderAnchors = ["start", "agenda_cutoff"] as const;
export type ReminderAnchor = (typeof reminderAnchors)[number];

/** "Remind `minutesBefore` the anchor": e.g. 24 h before a meeting, 12 h before its agenda cutoff. */
export interface ReminderRule {
  /** Stable name, part of the dedup key: "meeting_24h". */
  kind: string;
  anchor: ReminderAnchor;
  minutesBefore: number;
}

export const defaultReminderRules: readonly ReminderRule[] = [
  { kind: "meeting_24h", anchor: "start", minutesBefore: 24 * 60 },
  { kind: "agenda_cutoff_12h", anchor: "agenda_cutoff", minutesBefore: 12 * 60 },
];

/** An occurrence, who should hear about it, and when its agenda closes. */
export interface ReminderTarget {
  occurrence: Occurrence;
  recipientIds: readonly string[];
  /** The agenda closes this many minutes before the start; without it, agenda_cutoff rules do not apply. */
  agendaCutoffMinutesBefore?: number;
}

export interface DueReminder {
  /** Stable per (occurrence, kind, person): "reminder:<cadenceId>:<occurrenceKey>:<kind>:<personId>". */
  dedupKey: string;
  kind: string;
  personId: string;
  cadenceId: string;
  occurrenceKey: string;
  occurrenceStart: string;
  anchor: ReminderAnchor;
  anchorAt: string;
  sendAt: string;
}

export interface PlanRemindersInput {
  targets: readonly ReminderTarget[];
  rules?: readonly ReminderRule[];
  now: InstantInput;
  /** Drop reminders whose send time passed more than this long ago (e.g. after an outage). Default: keep until the anchor. */
  maxLatenessMinutes?: number;
}

/** The dedup key a sender stores to send each reminder exactly once. */
export function reminderDedupKey(cadenceId: string, occurrenceKey: string, kind: string, personId: string): string {
  return `reminder:${cadenceId}:${occurrenceKey}:${kind}:${personId}`;
}

/** When an occurrence's agenda closes: start minus the cutoff. */
export function agendaCutoffOf(occurrence: Occurrence, minutesBefore: number): string {
  return toIsoInstant(toEpochMs(occurrence.start, "start") - minutesBefore * MS_PER_MINUTE);
}

function checkRules(rules: readonly ReminderRule[]): void {
  const kinds = new Set<string>();
  rules.forEach((rule, index) => {
    const field = `rules[${index}]`;
    if (!/^[a-z0-9_-]+$/.test(rule.kind)) {
      throw new AppError("validation_failed", "A reminder kind is a lowercase name like meeting_24h.", { field: `${field}.kind`, value: rule.kind, reason: "invalid_kind" });
    }
    if (kinds.has(rule.kind)) throw new AppError("validation_failed", "Reminder kinds must be unique.", { field: `${field}.kind`, value: rule.kind, reason: "duplicate_kind" });
    kinds.add(rule.kind);
    if (!reminderAnchors.includes(rule.anchor)) {
      throw new AppError("validation_failed", "A reminder anchor is start or agenda_cutoff.", { field: `${field}.anchor`, value: rule.anchor, reason: "invalid_anchor" });
    }
    if (!Number.isInteger(rule.minutesBefore) || rule.minutesBefore < 1) {
      throw new AppError("validation_failed", "minutesBefore must be a whole number >= 1.", { field: `${field}.minutesBefore`, value: rule.minutesBefore, reason: "out_of_range" });
    }
  });
}

/**
 * The reminders due now: for every non-cancelled occurrence, rule and recipient, due when
 * sendAt <= now < anchor (a reminder after the meeting or the cutoff is pointless). A job sends
 * them and records dedupKey, so re-running the plan never sends one twice. Sorted by sendAt, then key.
 */
export function planReminders(input: PlanRemindersInput): DueReminder[] {
  const rules = input.rules ?? defaultReminderRules;
  checkRules(rules);
  const nowMs = toEpochMs(input.now, "now");
  const maxLatenessMs = input.maxLatenessMinutes === undefined ? Infinity : input.maxLatenessMinutes * MS_PER_MINUTE;
  const due: (DueReminder & { sendMs: number })[] = [];
  for (const target of input.targets) {
    const { occurrence } = target;
    if (occurrence.cancelled) continue;
    const startMs = toEpochMs(occurrence.start, "occurrence.start");
    for (const rule of rules) {
      let anchorMs = startMs;
      if (rule.anchor === "agenda_cutoff") {
        if (target.agendaCutoffMinutesBefore === undefined) continue;
        anchorMs = startMs - target.agendaCutoffMinutesBefore * MS_PER_MINUTE;
      }
      const sendMs = anchorMs - rule.minutesBefore * MS_PER_MINUTE;
      if (!(sendMs <= nowMs && nowMs < anchorMs && nowMs - sendMs <= maxLatenessMs)) continue;
      for (const personId of new Set(target.recipientIds)) {
        due.push({
          dedupKey: reminderDedupKey(occurrence.cadenceId, occurrence.occurrenceKey, rule.kind, personId),
          kind: rule.kind,
          personId,
          cadenceId: occurrence.cadenceId,
          occurrenceKey: occurrence.occurrenceKey,
          occurrenceStart: occurrence.start,
          anchor: rule.anchor,
          anchorAt: toIsoInstant(anchorMs),
          sendAt: toIsoInstant(sendMs),
          sendMs,
        });
      }
    }
  }
  due.sort((a, b) => a.sendMs - b.sendMs || (a.dedupKey < b.dedupKey ? -1 : a.dedupKey > b.dedupKey ? 1 : 0));
  return due.map(({ sendMs: _sendMs, ...reminder }) => reminder);
}
