import { AppError, type AllianceViewer } from "@trellis/core";
import { addMonthsToDate, charterRules, renewalDateOf, tallyRenewalRound, validateRenewalAnswer, type RenewalAnswer } from "@trellis/core/charter";
import { listRenewalAnswers, loadOpenRenewalRound, renewalRoundFromRow } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { loadCurrentCharter, resolveDelegateSeat } from "./charter-support";

/**
 * A delegate reaffirms the purpose or raises a concern for their seat in the open renewal round
 * (a new answer replaces theirs). When every seat has answered and none has a concern, the
 * alliance is renewed today and the round closes.
 */
export async function answerRenewal(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  input: { answer: RenewalAnswer["answer"]; reason?: string | null | undefined; seatId?: string | null | undefined },
): Promise<{ renewed: boolean; renewedOn: string | null }> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const seatId = await resolveDelegateSeat(trx, viewer, allianceId, input.seatId, "renewal.answer");
    const { head, charter } = await loadCurrentCharter(trx, allianceId, { forUpdate: true });
    const row = await loadOpenRenewalRound(trx, allianceId, { forUpdate: true });
    if (!row) throw new AppError("conflict", "No renewal round is open.", { reason: "no_open_round" });
    const round = renewalRoundFromRow(row);
    const answer: RenewalAnswer = { roundId: round.id, personId: viewer.personId, seatId, answer: input.answer, reason: input.reason?.trim() ? input.reason.trim() : null };
    validateRenewalAnswer(round, answer);
    await trx.deleteFrom("charter_renewal_answers").where("round_id", "=", round.id).where("person_id", "=", viewer.personId).execute();
    await trx
      .insertInto("charter_renewal_answers")
      .values({ round_id: round.id, alliance_id: allianceId, person_id: viewer.personId, seat_id: seatId, answer: answer.answer, reason: answer.reason, answered_at: now })
      .execute();
    await recordEvent(trx, now, { allianceId, type: "renewal.answered", actorId: viewer.personId, seatId, payload: { roundId: round.id, answer: answer.answer, reason: answer.reason } });
    const status = tallyRenewalRound(round, (await listRenewalAnswers(trx, round.id)).map((a) => a.answer));
    if (!status.renewed) return { renewed: false, renewedOn: null };
    const renewedOn = renewalDateOf(now);
    const until = addMonthsToDate(renewedOn, charterRules(charter).renewalPeriodMonths);
    await trx.updateTable("charter_renewal_rounds").set({ closed_at: now, renewed_on: renewedOn }).where("id", "=", round.id).execute();
    await trx.updateTable("charters").set({ renewed_on: renewedOn, version: head.version + 1 }).where("alliance_id", "=", allianceId).execute();
    await recordEvent(trx, now, { allianceId, type: "charter.renewed", actorId: null, payload: { roundId: round.id, renewedOn, until, seatCount: round.seatIds.length } });
    return { renewed: true, renewedOn };
  });
}
