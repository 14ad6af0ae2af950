import { compareText } from "../decisions/numbers";
import { AppError } from "../errors";
import { addMonthsToDate, dayNumberAt, formatCalendarDate, parseCalendarDate } from "./calendar-date";

/** Where an alliance stands with renewing its shared intent (all dates "YYYY-MM-DD", UTC days). */
export interface CharterRenewalStatus {
  /** The last renewal; null if the alliance has not renewed since adopting its charter. */
  renewedOn: string | null;
  /** The date the period runs from: the last renewal, else the charter's adoption. */
  since: string;
  periodMonths: number;
  nextDueOn: string;
  /** The due day has come: a renewal round should be open. */
  isDue: boolean;
  /** Past the due day. */
  isOverdue: boolean;
  /** Days past the due day ("renewal overdue by N days"); 0 when not overdue. */
  overdueByDays: number;
  /** Days until the due day; 0 on it and after. */
  dueInDays: number;
}

/**
 * Renewal status at `now`: next due = last renewal (or adoption) + the period in calendar months
 * (a month-end date stays at month end: Jan 31 + 1 month = Feb 28/29). Overdue from the day after.
 */
export function charterRenewalStatus(input: { adoptedOn: string; renewedOn: string | null; periodMonths: number; now: Date }): CharterRenewalStatus {
  if (!Number.isInteger(input.periodMonths) || input.periodMonths < 1) {
    throw new AppError("validation_failed", "A renewal period is a whole number of months, at least one.", { field: "periodMonths", reason: "out_of_range" });
  }
  parseCalendarDate(input.adoptedOn, "adoptedOn");
  const since = input.renewedOn ?? input.adoptedOn;
  parseCalendarDate(since, "renewedOn");
  const nextDueOn = addMonthsToDate(since, input.periodMonths);
  const due = parseCalendarDate(nextDueOn, "nextDueOn");
  const today = dayNumberAt(input.now);
  return {
    renewedOn: input.renewedOn,
    since,
    periodMonths: input.periodMonths,
    nextDueOn,
    isDue: today >= due,
    isOverdue: today > due,
    overdueByDays: Math.max(0, today - due),
    dueInDays: Math.max(0, due - today),
  };
}

/** A renewal round: every seat is asked to reaffirm the purpose or raise a concern. */
export interface RenewalRound {
  id: string;
  openedOn: string;
  /** The seats asked (every seat of the alliance when the round opened). */
  seatIds: readonly string[];
}

export interface RenewalAnswer {
  roundId: string;
  personId: string;
  seatId: string;
  answer: "reaffirm" | "concern";
  /** Required with a concern. */
  reason: string | null;
}

export interface SeatRenewal {
  seatId: string;
  /** "concern" when any answering delegate raised one; "reaffirms" when all answering delegates reaffirm; null when none answered. */
  answer: "reaffirms" | "concern" | null;
  split: boolean;
  concerns: readonly { personId: string; reason: string }[];
}

export interface RenewalRoundStatus {
  roundId: string;
  seats: readonly SeatRenewal[];
  pendingSeats: readonly string[];
  concernedSeats: readonly string[];
  /** Every seat asked has answered. */
  complete: boolean;
  /** Complete and every seat reaffirms: record today as the renewal date. */
  renewed: boolean;
}

/** Throws validation_failed unless the answer belongs to the round, comes from a seat asked, and gives a reason with a concern. */
export function validateRenewalAnswer(round: RenewalRound, answer: RenewalAnswer): void {
  const fail = (message: string, details: Record<string, unknown>) => new AppError("validation_failed", message, details);
  if (answer.roundId !== round.id) throw fail("The answer is for another renewal round.", { field: "roundId", reason: "other_round" });
  if (!round.seatIds.includes(answer.seatId)) throw fail("This seat was not asked in this round.", { field: "seatId", reason: "unknown_seat" });
  if (answer.answer !== "reaffirm" && answer.answer !== "concern") throw fail("Reaffirm or raise a concern.", { field: "answer", reason: "unknown" });
  if (answer.answer === "concern" && (answer.reason === null || answer.reason.trim() === "")) {
    throw fail("Say what the concern is.", { field: "reason", reason: "required" });
  }
}

/**
 * Tallies a renewal round. A seat's answer derives from its delegates like ratification: a concern
 * from any delegate is the seat's concern; it reaffirms when every answering delegate reaffirms.
 * The round is complete when every seat answered; the alliance is renewed when no seat has a
 * concern (a concerned seat may reaffirm once its concern is worked through).
 */
export function tallyRenewalRound(round: RenewalRound, answers: readonly RenewalAnswer[]): RenewalRoundStatus {
  if (round.seatIds.length === 0) throw new AppError("validation_failed", "A renewal round asks at least one seat.", { field: "seatIds", reason: "empty" });
  const persons = new Set<string>();
  for (const answer of answers) {
    validateRenewalAnswer(round, answer);
    if (persons.has(answer.personId)) {
      throw new AppError("validation_failed", "A person answers once per round.", { field: "personId", personId: answer.personId, reason: "duplicate_person" });
    }
    persons.add(answer.personId);
  }
  const seats: SeatRenewal[] = round.seatIds.map((seatId) => {
    const own = answers.filter((a) => a.seatId === seatId).sort((a, b) => compareText(a.personId, b.personId));
    const concerns = own.filter((a) => a.answer === "concern").map((a) => ({ personId: a.personId, reason: a.reason ?? "" }));
    const reaffirming = own.length - concerns.length;
    return {
      seatId,
      answer: concerns.length > 0 ? "concern" : reaffirming > 0 ? "reaffirms" : null,
      split: concerns.length > 0 && reaffirming > 0,
      concerns,
    };
  });
  const pendingSeats = seats.filter((s) => s.answer === null).map((s) => s.seatId);
  const concernedSeats = seats.filter((s) => s.answer === "concern").map((s) => s.seatId);
  const complete = pendingSeats.length === 0;
  return { roundId: round.id, seats, pendingSeats, concernedSeats, complete, renewed: complete && concernedSeats.length === 0 };
}

/** "YYYY-MM-DD" of the UTC day an instant falls on: the date to record as "renewed on". */
export function renewalDateOf(instant: Date): string {
  return formatCalendarDate(dayNumberAt(instant));
}
