import { AppError, type AllianceViewer } from "@trellis/core";
import {
  evaluateRatification,
  findClause,
  findStaleAmendments,
  isAmendmentStale,
  ratifyAmendment,
  validateRatificationAnswer,
  type Charter,
  type RatificationAnswer,
} from "@trellis/core/charter";
import type { SeatRef } from "@trellis/core/decisions";
import { listAmendmentsInStates, listRatificationAnswers, loadAmendment, type StoredAmendment, type Trx } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { clauseLabel, insertCharterVersion, loadCurrentCharter, loadSeats, resolveDelegateSeat } from "./charter-support";

export interface AnswerAmendmentInput {
  /** The draft the delegate read: answers count only for the current draft. */
  draft: number;
  answer: "consent" | "object";
  /** Required with an objection. */
  reason?: string | null | undefined;
  seatId?: string | null | undefined;
}

/**
 * A delegate consents to or objects to an amendment's current draft on behalf of their seat (a
 * new answer replaces their earlier one). When the answer meets the charter's amendment rule, the
 * amendment is ratified in the same transaction: the charter gets its next version and the other
 * open amendments to a clause that changed become stale.
 */
export async function answerAmendment(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  amendmentId: string,
  input: AnswerAmendmentInput,
): Promise<{ ratified: boolean; charterVersion: number | null; staleAmendmentIds: string[] }> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const seatId = await resolveDelegateSeat(trx, viewer, allianceId, input.seatId, "amendment.ratify");
    // The charter head is locked first: ratifications of one alliance queue up behind each other.
    const { head, charter } = await loadCurrentCharter(trx, allianceId, { forUpdate: true });
    const stored = await loadAmendment(trx, allianceId, amendmentId, { viewer, forUpdate: true });
    if (!stored) throw new AppError("not_found", "No such amendment.");
    const amendment = stored.amendment;
    if (amendment.state === "stale" || (amendment.state === "open" && isAmendmentStale(charter, amendment))) {
      throw new AppError("stale_version", "The clause changed since this amendment was written: the proposer rebases it first.", { amendmentId, reason: "amendment_stale" });
    }
    if (amendment.state !== "open") throw new AppError("illegal_move", `A ${amendment.state} amendment takes no more answers.`, { state: amendment.state });
    const { seats, seatIds } = await loadSeats(trx, allianceId);
    const answer: RatificationAnswer = {
      amendmentId,
      draft: input.draft,
      personId: viewer.personId,
      seatId,
      answer: input.answer,
      reason: input.reason?.trim() ? input.reason.trim() : null,
    };
    validateRatificationAnswer(amendment, answer, seatIds);
    const replaced = await trx
      .deleteFrom("charter_ratifications")
      .where("amendment_id", "=", amendmentId)
      .where("draft", "=", amendment.draft)
      .where("person_id", "=", viewer.personId)
      .returning("answer")
      .executeTakeFirst();
    await trx
      .insertInto("charter_ratifications")
      .values({ amendment_id: amendmentId, alliance_id: allianceId, draft: amendment.draft, person_id: viewer.personId, seat_id: seatId, answer: answer.answer, reason: answer.reason, answered_at: now })
      .execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "amendment.answered",
      actorId: viewer.personId,
      seatId,
      payload: { amendmentId, title: stored.title, draft: amendment.draft, answer: answer.answer, reason: answer.reason, changedFrom: replaced?.answer ?? null },
    });

    const seatRefs: SeatRef[] = seats.map((s) => ({ id: s.id, weight: s.weight }));
    const answers = (await listRatificationAnswers(trx, [amendmentId], amendment.draft)).map((a) => a.answer);
    const evaluation = evaluateRatification(charter, amendment, answers, seatRefs);
    if (!evaluation.met) return { ratified: false, charterVersion: null, staleAmendmentIds: [] };

    const result = ratifyAmendment(charter, amendment, answers, seatRefs, now.toISOString());
    const staleAmendmentIds = await adoptVersion(trx, { allianceId, head, previous: charter, next: result.charter, stored, now, actorId: viewer.personId, consentingSeats: evaluation.consentingSeats, allSeats: evaluation.consentingSeats.length === seats.length });
    return { ratified: true, charterVersion: result.charter.version, staleAmendmentIds };
  });
}

/**
 * Stores the ratified amendment's charter version, moves the head, settles the amendment and
 * marks the open amendments the new version made stale; appends the events. Returns the stale ids.
 */
async function adoptVersion(
  trx: Trx,
  input: {
    allianceId: string;
    head: { current_version: number; version: number };
    previous: Charter;
    next: Charter;
    stored: StoredAmendment;
    now: Date;
    actorId: string;
    consentingSeats: readonly string[];
    allSeats: boolean;
  },
): Promise<string[]> {
  const { allianceId, next, stored, now } = input;
  const amendment = stored.amendment;
  await insertCharterVersion(trx, next, now);
  await trx.updateTable("charters").set({ current_version: next.version, version: input.head.version + 1 }).where("alliance_id", "=", allianceId).execute();
  await trx
    .updateTable("charter_amendments")
    .set({ state: "ratified", settled_at: now, ratified_as_version: next.version, version: stored.version + 1 })
    .where("id", "=", amendment.id)
    .execute();
  const clause = findClause(next, amendment.clauseId) ?? findClause(input.previous, amendment.clauseId);
  await recordEvent(trx, now, {
    allianceId,
    type: "charter.amended",
    actorId: null,
    payload: {
      amendmentId: amendment.id,
      title: stored.title,
      kind: amendment.kind,
      clauseId: amendment.clauseId,
      clause: clause ? clauseLabel(clause) : null,
      section: clause?.section ?? null,
      version: next.version,
      fromVersion: input.previous.version,
      proposerSeatId: amendment.proposer.seatId,
      consentingSeats: [...input.consentingSeats],
      allSeats: input.allSeats,
    },
  });
  const open = (await listAmendmentsInStates(trx, allianceId, ["open"], { forUpdate: true })).filter((a) => a.amendment.id !== amendment.id);
  const stale = findStaleAmendments(next, open.map((a) => a.amendment));
  for (const staled of stale) {
    const row = open.find((a) => a.amendment.id === staled.id);
    if (!row) continue;
    await trx.updateTable("charter_amendments").set({ state: "stale", version: row.version + 1 }).where("id", "=", staled.id).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "amendment.became_stale",
      actorId: null,
      seatId: staled.proposer.seatId,
      payload: { amendmentId: staled.id, title: row.title, clauseId: staled.clauseId, byAmendmentId: amendment.id, byTitle: stored.title, version: next.version },
    });
  }
  return stale.map((a) => a.id);
}
