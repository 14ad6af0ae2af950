import { AppError, type AllianceViewer } from "@trellis/core";
import { isProposalOpen } from "@trellis/core/decisions";
import { loadProposal } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";

/** The proposer edits an open proposal's title, description or closing time (versioned). */
export async function updateProposal(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  proposalId: string,
  input: { version: number; title?: string | undefined; body?: string | undefined; closesAt?: string | null | undefined },
): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const stored = await loadProposal(trx, allianceId, proposalId, { viewer, forUpdate: true });
    if (!stored) throw new AppError("not_found", "No such proposal.");
    if (stored.proposal.proposerId !== viewer.personId) throw new AppError("forbidden", "Only the proposer edits a proposal.", { reason: "not_proposer" });
    if (stored.version !== input.version) throw new AppError("stale_version", "The proposal changed since you read it; reload and try again.", { version: stored.version });
    if (stored.state === "closed" || !isProposalOpen(stored.proposal, now)) throw new AppError("conflict", "This proposal is closed.", { reason: "closed" });
    if (input.closesAt && Date.parse(input.closesAt) <= now.getTime()) {
      throw new AppError("validation_failed", "The closing time must be in the future.", { field: "closesAt", reason: "in_the_past" });
    }
    const changes: Record<string, unknown> = {};
    if (input.title !== undefined && input.title.trim() !== stored.title) changes.title = input.title.trim();
    if (input.body !== undefined && input.body.trim() !== stored.body) changes.body = input.body.trim();
    const closesAt = input.closesAt === undefined ? undefined : input.closesAt === null ? null : new Date(input.closesAt).toISOString();
    if (closesAt !== undefined && closesAt !== stored.proposal.closesAt) changes.closesAt = closesAt;
    await trx
      .updateTable("decision_proposals")
      .set({
        ...(changes.title !== undefined ? { title: changes.title as string } : {}),
        ...(changes.body !== undefined ? { body: changes.body as string } : {}),
        ...("closesAt" in changes ? { closes_at: closesAt ?? null } : {}),
        updated_at: now,
        version: stored.version + 1,
      })
      .where("id", "=", proposalId)
      .execute();
    if (Object.keys(changes).length > 0) {
      await recordEvent(trx, now, { allianceId, type: "proposal.updated", actorId: viewer.personId, seatId: stored.proposal.proposerSeatId, payload: { proposalId, title: stored.title, changes } });
    }
  });
}
