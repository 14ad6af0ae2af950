import { AppError, can, type AllianceViewer } from "@trellis/core";
import { charterRenewalStatus, charterRules, renewalDateOf } from "@trellis/core/charter";
import { loadCharterAdoptedOn, loadOpenRenewalRound } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { loadCurrentCharter, loadSeats } from "./charter-support";

/**
 * Opens a renewal round: every seat is asked to reaffirm the purpose or raise a concern. A
 * facilitator opens one by hand (viewer), or the renewal job when the period comes due (viewer
 * null). The seats' delegates get a mail after the commit.
 */
export async function openRenewalRound(ctx: ServerContext, viewer: AllianceViewer | null, allianceId: string): Promise<{ id: string; openedOn: string; seatIds: string[] }> {
  if (viewer && !can(viewer, "renewal.open")) throw new AppError("forbidden", "Only a facilitator opens a renewal round by hand.");
  const now = ctx.clock();
  const opened = await ctx.db.transaction().execute(async (trx) => {
    const { head, charter } = await loadCurrentCharter(trx, allianceId, { forUpdate: true });
    if (head.current_version < 1) throw new AppError("conflict", "The charter has no clauses in force yet: there is nothing to renew.", { reason: "no_charter_in_force" });
    if (await loadOpenRenewalRound(trx, allianceId)) throw new AppError("already_exists", "A renewal round is open already.");
    const { seatIds } = await loadSeats(trx, allianceId);
    if (seatIds.length === 0) throw new AppError("conflict", "The alliance has no seats to ask.", { reason: "no_seats" });
    const openedOn = renewalDateOf(now);
    const adoptedOn = (await loadCharterAdoptedOn(trx, allianceId)) ?? openedOn;
    const status = charterRenewalStatus({ adoptedOn, renewedOn: head.renewed_on, periodMonths: charterRules(charter).renewalPeriodMonths, now });
    const round = await trx
      .insertInto("charter_renewal_rounds")
      .values({ alliance_id: allianceId, opened_on: openedOn, opened_at: now, opened_by: viewer?.personId ?? null, seat_ids: seatIds })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, now, {
      allianceId,
      type: "renewal.opened",
      actorId: viewer?.personId ?? null,
      payload: { roundId: round.id, openedOn, dueOn: status.nextDueOn, overdueByDays: status.overdueByDays, seatCount: seatIds.length, byHand: viewer !== null },
    });
    const alliance = await trx.selectFrom("alliances").select("name").where("id", "=", allianceId).executeTakeFirstOrThrow();
    const delegates = await trx
      .selectFrom("memberships as m")
      .innerJoin("people as p", "p.id", "m.person_id")
      .select(["p.email", "p.display_name"])
      .where("m.alliance_id", "=", allianceId)
      .where("m.role", "=", "delegate")
      .distinct()
      .execute();
    return { id: round.id, openedOn, seatIds, allianceName: alliance.name, delegates, purpose: charter.clauses.filter((c) => c.section === "purpose").map((c) => c.text) };
  });
  for (const delegate of opened.delegates) {
    await ctx.mailer.send({
      to: delegate.email,
      subject: `${opened.allianceName}: time to renew the alliance's purpose`,
      text: [
        `Hello ${delegate.display_name},`,
        "",
        `The renewal period of ${opened.allianceName}'s charter has come round. Every seat is asked to reaffirm the purpose, or to raise a concern:`,
        "",
        ...opened.purpose.map((text) => `  "${text}"`),
        "",
        `Answer for your seat on the charter page: ${ctx.settings.publicUrl}/alliances/${allianceId}/charter`,
      ].join("\n"),
    });
  }
  return { id: opened.id, openedOn: opened.openedOn, seatIds: opened.seatIds };
}
