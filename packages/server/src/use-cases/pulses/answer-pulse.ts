import { randomBytes } from "node:crypto";
import { AppError, can, type AllianceViewer } from "@trellis/core";
import { expandPulseQuestions, findPulseItem, validatePulseAnswer, type PulseQuestion } from "@trellis/core/pulses";
import { findPulseRow, type Db, type PulseRow } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { actingSeatOf } from "../registers/register-support";

export interface PulseAnswerInput {
  itemId: string;
  /** The seat asked about, for directional items; null otherwise. */
  targetSeatId: string | null;
  value: number;
}

/** Where a pulse stands at an instant. */
export type PulseStatus = "scheduled" | "open" | "closing" | "closed";

/** scheduled (not open yet), open, closing (its time is up; the job closes it), closed. */
export function pulseStatusAt(pulse: Pick<PulseRow, "opens_at" | "closes_at" | "closed_at">, now: Date): PulseStatus {
  if (pulse.closed_at) return "closed";
  if (now.getTime() < pulse.opens_at.getTime()) return "scheduled";
  if (now.getTime() < pulse.closes_at.getTime()) return "open";
  return "closing";
}

/** The alliance's seats with their organizations' names, by name. */
export async function listSeatNames(db: Db, allianceId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom("seats as s")
    .innerJoin("organizations as o", "o.id", "s.organization_id")
    .select(["s.id", "o.name"])
    .where("s.alliance_id", "=", allianceId)
    .orderBy("o.name")
    .orderBy("s.id")
    .execute();
}

/** The questions a person answers for a seat: the pulse's items, directional ones once per other seat. */
export async function questionsFor(db: Db, allianceId: string, pulse: PulseRow, seatId: string): Promise<PulseQuestion[]> {
  return expandPulseQuestions(pulse.item_ids, { seatId }, await listSeatNames(db, allianceId));
}

/**
 * Answers a pulse once, for one of the seats the person acts for. The answers are stored under a
 * fresh random key that belongs to this response only; that the person responded is stored apart,
 * with nothing that joins the two. Questions may be skipped; each is answered at most once.
 */
export async function answerPulse(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  pulseId: string,
  input: { seatId?: string | null | undefined; answers: PulseAnswerInput[] },
): Promise<void> {
  const seatId = actingSeatOf(viewer, input.seatId, "answer a pulse");
  if (!can(viewer, "pulse.answer", { seatId })) throw new AppError("forbidden", "Only people acting for a seat answer pulses.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    // The row lock orders answers against the close: no answer lands in a closed pulse.
    const pulse = await findPulseRow(trx, allianceId, pulseId, { forUpdate: true });
    if (!pulse) throw new AppError("not_found", "No such pulse.");
    const status = pulseStatusAt(pulse, now);
    if (status !== "open") throw new AppError("illegal_move", status === "scheduled" ? "This pulse is not open yet." : "This pulse is closed.", { status });
    const questions = new Map((await questionsFor(trx, allianceId, pulse, seatId)).map((question) => [question.key, question]));
    const seen = new Set<string>();
    for (const [index, answer] of input.answers.entries()) {
      const key = answer.targetSeatId ? `${answer.itemId}@${answer.targetSeatId}` : answer.itemId;
      if (!questions.has(key)) throw new AppError("validation_failed", "That question is not in this pulse for your seat.", { issues: [{ path: `answers.${index}`, message: "not asked" }] });
      if (seen.has(key)) throw new AppError("validation_failed", "Each question is answered once.", { issues: [{ path: `answers.${index}`, message: "answered twice" }] });
      seen.add(key);
      validatePulseAnswer(findPulseItem(answer.itemId), { value: answer.value, respondentSeatId: seatId, targetSeatId: answer.targetSeatId });
    }
    if (seen.size === 0) throw new AppError("validation_failed", "Answer at least one question.", { issues: [{ path: "answers", message: "empty" }] });
    const first = await trx.insertInto("pulse_respondents").values({ pulse_id: pulse.id, person_id: viewer.personId }).onConflict((oc) => oc.doNothing()).returning("person_id").executeTakeFirst();
    if (!first) throw new AppError("already_exists", "You have answered this pulse already; answers are given once.");
    const respondentKey = randomBytes(18).toString("base64url");
    await trx
      .insertInto("pulse_answers")
      .values(input.answers.map((answer) => ({ pulse_id: pulse.id, respondent_key: respondentKey, respondent_seat_id: seatId, item_id: answer.itemId, target_seat_id: answer.targetSeatId, value: answer.value })))
      .execute();
    // Who responded, for facilitators (presence): no key, no answers.
    await recordEvent(trx, now, { allianceId, type: "pulse.responded", actorId: viewer.personId, visibility: { level: "facilitators" }, payload: { pulseId: pulse.id, sequence: pulse.sequence } });
  });
}
