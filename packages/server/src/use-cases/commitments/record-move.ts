import type { Commitment } from "@trellis/core/commitments";
import { insertCommitmentMove, loadPartyDirectory, type Trx } from "@trellis/db";
import type { ServerContext } from "../../context";
import { notifyPerson, type Notified } from "../notifications/notify-person";
import { recordEvent } from "../record-event";
import { commitmentEventTypes, moveEventPayload } from "./commitment-events";
import { describeMoveForCounterpart } from "./commitment-messages";

/**
 * The part every move shares, inside the move's transaction (the commitment row is already
 * written): the event on the alliance's chain, the move in the thread, and the notification to
 * the party the move is addressed to (the other one). Returns the mail to send after the commit.
 */
export async function recordMove(ctx: ServerContext, trx: Trx, before: Commitment, after: Commitment, at: Date): Promise<{ eventSeq: number; notified: Notified }> {
  const record = after.history[after.history.length - 1];
  if (!record) throw new Error("recordMove needs a commitment with the move in its history");
  const directory = await loadPartyDirectory(trx, after.allianceId, [after.customer.personId, after.performer.personId]);
  const speaker = record.role === "customer" ? after.customer : after.performer;
  const recipient = record.role === "customer" ? after.performer : after.customer;
  const event = await recordEvent(trx, at, {
    allianceId: after.allianceId,
    type: commitmentEventTypes[record.move],
    actorId: record.by,
    seatId: speaker.seatId,
    visibility: after.visibility,
    payload: moveEventPayload(before, after, record, directory),
  });
  await insertCommitmentMove(trx, after, after.history.length, record, event.seq);
  const message = describeMoveForCounterpart(after, record, directory);
  const notified = await notifyPerson(trx, ctx.settings.publicUrl, {
    personId: recipient.personId,
    allianceId: after.allianceId,
    kind: "commitment.move",
    title: message.title,
    body: message.body,
    record: { type: "commitment", id: after.id },
    actorId: record.by,
    at,
  });
  return { eventSeq: event.seq, notified };
}
