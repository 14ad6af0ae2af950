import { AppError, can, type AllianceViewer } from "@trellis/core";
import { loopReasonLabels, planNudge, type Nudge } from "@trellis/core/commitments";
import { loadCommitment, loadPartyDirectory } from "@trellis/db";
import type { ServerContext } from "../../context";
import { notifyPerson, sendNotificationMails } from "../notifications/notify-person";
import { recordEvent } from "../record-event";
import { commitmentNudgedEvent, describeDue, namedParty } from "./commitment-events";
import { assertLength } from "./create-commitment";

/** A second nudge of the same loop within this time is refused: one reminder is enough. */
export const nudgeCooldownMs = 12 * 3600_000;

/**
 * A facilitator reminds the party an open loop waits on (core planNudge): an event on the chain,
 * an in-app notification and an email. Not a move: the commitment's state and version stay.
 */
export async function nudgeCommitment(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, commitmentId: string, input: { message?: string | undefined }): Promise<Nudge> {
  if (!can(viewer, "commitment.nudge")) throw new AppError("forbidden", "Only a facilitator can nudge a commitment.");
  assertLength(input.message ?? "", 2000, "message");
  const now = ctx.clock();
  const { nudge, notified } = await ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadCommitment(trx, allianceId, commitmentId, viewer, { forUpdate: true });
    if (!loaded) throw new AppError("not_found", "No such commitment.");
    const { commitment, row } = loaded;
    const nudge = planNudge(commitment, viewer, now);
    if (row.nudged_at !== null && now.getTime() - row.nudged_at.getTime() < nudgeCooldownMs) {
      throw new AppError("conflict", "This loop was nudged less than 12 hours ago; give it time.", { nudgedAt: row.nudged_at.toISOString() });
    }
    await trx.updateTable("commitments").set({ nudged_at: now }).where("id", "=", commitment.id).execute();
    const directory = await loadPartyDirectory(trx, allianceId, [commitment.customer.personId, commitment.performer.personId, viewer.personId]);
    const message = input.message?.trim() ? input.message.trim() : undefined;
    await recordEvent(trx, now, {
      allianceId,
      type: commitmentNudgedEvent,
      actorId: viewer.personId,
      visibility: commitment.visibility,
      payload: {
        commitmentId: commitment.id,
        title: commitment.title,
        state: commitment.state,
        to: namedParty(nudge.to, directory),
        toRole: nudge.toRole,
        reason: nudge.reason,
        reasonLabel: loopReasonLabels[nudge.reason],
        level: nudge.level,
        overdueMs: nudge.overdueMs,
        ...(message ? { message } : {}),
      },
    });
    const facilitator = directory.people.get(viewer.personId)?.displayName ?? "The facilitator";
    const notified = await notifyPerson(trx, ctx.settings.publicUrl, {
      personId: nudge.to.personId,
      allianceId,
      kind: "commitment.nudge",
      title: `${facilitator} reminds you of “${commitment.title}”: ${loopReasonLabels[nudge.reason]}`,
      body: [message ? `“${message}”` : null, `Due: ${describeDue(commitment.dueAt, commitment.timeZone)}`, nudge.overdueMs > 0 ? `It is ${Math.floor(nudge.overdueMs / 86_400_000)} day(s) overdue.` : null]
        .filter(Boolean)
        .join("\n"),
      record: { type: "commitment", id: commitment.id },
      actorId: viewer.personId,
      at: now,
    });
    return { nudge, notified };
  });
  await sendNotificationMails(ctx, [notified]);
  return nudge;
}
