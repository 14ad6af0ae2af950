import { AppError, can, type AllianceViewer } from "@trellis/core";
import { applyMove, stateLabels, type Commitment, type MoveName } from "@trellis/core/commitments";
import { loadCommitment, updateCommitmentRow } from "@trellis/db";
import type { ServerContext } from "../../context";
import { sendNotificationMails } from "../notifications/notify-person";
import { assertLength, assertStorableInstant } from "./create-commitment";
import { recordMove } from "./record-move";

/** A move with the version it was made on; terms only where the move carries them. */
export interface MoveCommitmentInput {
  /** The version the person saw: a move on an older one is refused (409 stale_version). */
  version: number;
  move: MoveName;
  message?: string | undefined;
  conditions?: string | undefined;
  dueAt?: string | undefined;
  timeZone?: string | undefined;
  answerBy?: string | undefined;
}

/**
 * Makes a move: locks the commitment, checks the version (two people moving at once: exactly one
 * wins, the other gets stale_version with the current version), applies core's rule, and writes
 * the new state, the move and its event in one transaction; then mails the other party.
 */
export async function moveCommitment(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, commitmentId: string, input: MoveCommitmentInput): Promise<Commitment> {
  if (!can(viewer, "commitment.move")) {
    throw new AppError("forbidden", "Only the customer and the performer can make moves in a commitment.", { move: input.move });
  }
  assertLength(input.message ?? "", 4000, "message");
  assertLength(input.conditions ?? "", 4000, "conditions");
  assertStorableInstant(input.dueAt, "dueAt");
  assertStorableInstant(input.answerBy, "answerBy");
  const now = ctx.clock();
  const { after, notified } = await ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadCommitment(trx, allianceId, commitmentId, viewer, { forUpdate: true });
    if (!loaded) throw new AppError("not_found", "No such commitment.");
    const before = loaded.commitment;
    if (before.version !== input.version) {
      throw new AppError("stale_version", `Someone moved this commitment first: it is now ${stateLabels[before.state]} (version ${before.version}). Look at it again before you answer.`, {
        version: before.version,
        state: before.state,
      });
    }
    const after = applyMove(
      before,
      {
        name: input.move,
        ...(input.message !== undefined ? { message: input.message } : {}),
        ...(input.conditions !== undefined ? { conditions: input.conditions } : {}),
        ...(input.dueAt !== undefined ? { dueAt: input.dueAt } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.answerBy !== undefined ? { answerBy: input.answerBy } : {}),
      },
      viewer,
      now,
    );
    if (!(await updateCommitmentRow(trx, after, before.version, now))) {
      throw new AppError("stale_version", "Someone moved this commitment first. Look at it again before you answer.", { version: before.version + 1 });
    }
    const { notified } = await recordMove(ctx, trx, before, after, now);
    return { after, notified };
  });
  await sendNotificationMails(ctx, [notified]);
  return after;
}
