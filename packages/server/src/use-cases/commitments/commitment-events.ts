import { formatLocalDateTime, localDateTimeAt } from "@trellis/core/rhythm";
import { moveLabels, stateLabels, type Commitment, type CommitmentParty, type MoveName, type MoveRecord } from "@trellis/core/commitments";
import type { PartyDirectory } from "@trellis/db";

/** The event type of each move: `commitment.<what happened, past tense>`. */
export const commitmentEventTypes: Record<MoveName, string> = {
  request: "commitment.requested",
  offer: "commitment.offered",
  promise: "commitment.promised",
  counter: "commitment.countered",
  decline: "commitment.declined",
  withdraw: "commitment.withdrawn",
  commit_to_commit: "commitment.answer_promised",
  accept_counter: "commitment.counter_accepted",
  counter_again: "commitment.countered_again",
  reject_counter: "commitment.counter_rejected",
  report: "commitment.reported",
  renege: "commitment.reneged",
  cancel: "commitment.cancelled",
  accept: "commitment.accepted",
  reject_report: "commitment.report_rejected",
  propose_renegotiation: "commitment.renegotiation_proposed",
  accept_renegotiation: "commitment.renegotiated",
  reject_renegotiation: "commitment.renegotiation_rejected",
  withdraw_renegotiation: "commitment.renegotiation_withdrawn",
  revoke: "commitment.revoked",
};

/** A facilitator's reminder to the party a loop waits on (not a move). */
export const commitmentNudgedEvent = "commitment.nudged";

const dayMs = 24 * 3600_000;

/** The local date a due instant falls on in its time zone ("2026-11-30"). */
export function localDay(instant: string, timeZone: string): string {
  return formatLocalDateTime(localDateTimeAt(Date.parse(instant), timeZone)).slice(0, 10);
}

/** "30 Nov 2026, 17:00 (Europe/Berlin)": a due date as the people involved meant it. */
export function describeDue(instant: string, timeZone: string): string {
  const local = localDateTimeAt(Date.parse(instant), timeZone);
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][local.month - 1] ?? "";
  return `${local.day} ${month} ${local.year}, ${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")} (${timeZone})`;
}

/** A party with the names people know them by. */
export function namedParty(party: CommitmentParty, directory: PartyDirectory) {
  return {
    personId: party.personId,
    name: directory.people.get(party.personId)?.displayName ?? "Someone",
    seatId: party.seatId,
    seatName: directory.seats.get(party.seatId)?.name ?? "a seat",
  };
}

/**
 * The payload of a move's event: ids and the human words (title, names, message, terms), so the
 * chain alone tells the story, plus the facts the health engine derives (first answer to a request
 * with its request time, on time or late, notice given).
 */
export function moveEventPayload(before: Commitment, after: Commitment, record: MoveRecord, directory: PartyDirectory): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    commitmentId: after.id,
    title: after.title,
    move: record.move,
    label: moveLabels[record.move],
    by: record.role,
    fromState: before.state,
    state: after.state,
    stateLabel: stateLabels[after.state],
    version: after.version,
    customer: namedParty(after.customer, directory),
    performer: namedParty(after.performer, directory),
    terms: { conditions: after.conditions, dueAt: after.dueAt, timeZone: after.timeZone },
    dueOn: localDay(after.dueAt, after.timeZone),
  };
  if (record.message !== undefined) payload.message = record.message;
  const carried: Record<string, string> = {};
  if (record.conditions !== undefined) carried.conditions = record.conditions;
  if (record.dueAt !== undefined) carried.dueAt = record.dueAt;
  if (record.timeZone !== undefined) carried.timeZone = record.timeZone;
  if (record.answerBy !== undefined) carried.answerBy = record.answerBy;
  if (Object.keys(carried).length > 0) payload.carried = carried;
  if (before.history.length === 0) {
    payload.links = after.links;
    payload.visibility = after.visibility.level;
  }
  if (before.firstResponseAt === null && after.firstResponseAt !== null) payload.firstResponse = { requestedAt: after.openedAt };
  if (record.move === "accept") {
    const report = [...after.history].reverse().find((m) => m.move === "report");
    payload.onTime = report !== undefined && Date.parse(report.at) <= Date.parse(after.dueAt);
  }
  if (record.move === "revoke") payload.noticeDays = Math.max(0, Math.floor((Date.parse(after.dueAt) - Date.parse(record.at)) / dayMs));
  if (after.pendingRenegotiation !== null) payload.pendingRenegotiation = after.pendingRenegotiation;
  return payload;
}
