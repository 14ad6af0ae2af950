import { AppError, can, type AllianceViewer } from "@trellis/core";
import { tallyRenewalRound } from "@trellis/core/charter";
import { listDelegateSeatIds, listRenewalAnswers, listRenewalRounds, listSeatRefs, loadCharterHead, loadCharterVersion, loadOpenRenewalRound, renewalRoundFromRow } from "@trellis/db";
import type { ServerContext } from "../../context";
import type { RenewalView } from "../../presenters/charter.presenter";
import { loadNames, loadRenewalStatus } from "./show-charter";

/** Renewal: "renewed on", "renewal overdue by", the open round seat by seat, and past rounds. */
export async function getRenewalView(ctx: ServerContext, viewer: AllianceViewer, allianceId: string): Promise<RenewalView> {
  if (!can(viewer, "charter.view")) throw new AppError("forbidden", "Your role cannot read the charter.");
  const head = await loadCharterHead(ctx.db, allianceId);
  if (!head) throw new AppError("not_found", "This alliance has no charter yet.", { reason: "no_charter" });
  const charter = await loadCharterVersion(ctx.db, allianceId, head.current_version);
  if (!charter) throw new AppError("not_found", "The charter version in force is missing.");
  const status = await loadRenewalStatus(ctx.db, allianceId, head, charter, ctx.clock());
  const row = await loadOpenRenewalRound(ctx.db, allianceId);
  const seats = await listSeatRefs(ctx.db, allianceId);
  const delegateSeats = await listDelegateSeatIds(ctx.db, allianceId, viewer.personId);
  let openRound: RenewalView["openRound"] = null;
  let myAnswer: RenewalView["myAnswer"] = null;
  if (row) {
    const round = renewalRoundFromRow(row);
    const answers = await listRenewalAnswers(ctx.db, round.id);
    const names = await loadNames(ctx.db, seats, answers.map((a) => a.answer.personId));
    const person = (id: string) => ({ id, displayName: names.people.get(id) ?? "Someone" });
    const tally = tallyRenewalRound(round, answers.map((a) => a.answer));
    openRound = {
      id: round.id,
      openedOn: round.openedOn,
      seats: tally.seats.map((s) => ({
        seatId: s.seatId,
        name: names.seats.get(s.seatId) ?? "A former partner",
        answer: s.answer,
        split: s.split,
        concerns: s.concerns.map((c) => ({ person: person(c.personId), reason: c.reason })),
        delegates: answers
          .filter((a) => a.answer.seatId === s.seatId)
          .map((a) => ({ person: person(a.answer.personId), answer: a.answer.answer, reason: a.answer.reason, answeredAt: a.answeredAt.toISOString() })),
      })),
      pendingSeats: [...tally.pendingSeats],
      concernedSeats: [...tally.concernedSeats],
      complete: tally.complete,
    };
    const mine = answers.find((a) => a.answer.personId === viewer.personId);
    if (mine) myAnswer = { answer: mine.answer.answer, reason: mine.answer.reason, seatId: mine.answer.seatId };
  }
  const rounds = await listRenewalRounds(ctx.db, allianceId, viewer, 20);
  return {
    status,
    openRound,
    rounds: rounds.map((r) => ({ id: r.id, openedOn: r.opened_on, closedAt: r.closed_at ? r.closed_at.toISOString() : null, renewedOn: r.renewed_on })),
    myAnswer,
    can: { open: can(viewer, "renewal.open") && row === null && head.current_version >= 1, answer: row !== null && delegateSeats.some((id) => row.seat_ids.includes(id)) },
  };
}
