import { AppError, type AllianceViewer } from "@trellis/core";
import { isProposalOpen, validateObjectionResponse, type ObjectionResponse } from "@trellis/core/decisions";
import { listPositions, loadProposal } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";

/**
 * The proposer answers a consent objection: addressed (explained why it does not harm) or
 * integrated (the proposal changed; the revised text may come with it). A consent proposal
 * passes only when every objection is answered.
 */
export async function respondToObjection(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  proposalId: string,
  positionId: string,
  input: { kind: ObjectionResponse["kind"]; note: string; revisedBody?: string | undefined; version?: number | undefined },
): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const stored = await loadProposal(trx, allianceId, proposalId, { viewer, forUpdate: true });
    if (!stored) throw new AppError("not_found", "No such proposal.");
    if (stored.state === "closed" || !isProposalOpen(stored.proposal, now)) {
      throw new AppError("conflict", "This proposal is closed: its objections can no longer be answered.", { reason: "closed" });
    }
    const positions = await listPositions(trx, proposalId);
    const response: ObjectionResponse = { positionId, kind: input.kind, note: input.note.trim(), respondedBy: viewer.personId };
    validateObjectionResponse(stored.proposal, response, positions.map((p) => p.position));
    const revised = input.kind === "integrated" && input.revisedBody !== undefined && input.revisedBody.trim() !== stored.body;
    if (input.revisedBody !== undefined && input.kind !== "integrated") {
      throw new AppError("validation_failed", "Only an integrated objection changes the proposal's text.", { field: "revisedBody", reason: "not_integrated" });
    }
    if (revised) {
      if (input.version !== undefined && input.version !== stored.version) throw new AppError("stale_version", "The proposal changed since you read it; reload and try again.", { version: stored.version });
      await trx.updateTable("decision_proposals").set({ body: (input.revisedBody ?? "").trim(), updated_at: now, version: stored.version + 1 }).where("id", "=", proposalId).execute();
    }
    await trx
      .insertInto("decision_objection_responses")
      .values({ proposal_id: proposalId, alliance_id: allianceId, position_id: positionId, kind: response.kind, note: response.note, responded_by: viewer.personId, responded_at: now })
      .execute();
    const objection = positions.find((p) => p.position.id === positionId);
    await recordEvent(trx, now, {
      allianceId,
      type: input.kind === "integrated" ? "objection.integrated" : "objection.addressed",
      actorId: viewer.personId,
      seatId: stored.proposal.proposerSeatId,
      payload: {
        proposalId,
        title: stored.title,
        positionId,
        note: response.note,
        proposalRevised: revised,
        ...(stored.proposal.anonymous ? {} : { objectionSeatId: objection?.position.seatId ?? null }),
      },
    });
  });
}
