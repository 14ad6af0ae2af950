import { randomUUID } from "node:crypto";
import { AppError, type AllianceViewer } from "@trellis/core";
import { findClause, proposeAmendment as proposeCoreAmendment, type AmendmentKind, type CharterSetting, type ClausePlacement } from "@trellis/core/charter";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { clauseLabel, loadCurrentCharter, loadSeats, resolveDelegateSeat } from "./charter-support";

export interface ProposeAmendmentInput {
  /** The seat proposing (needed only by a delegate of several seats). */
  seatId?: string | null | undefined;
  title?: string | undefined;
  kind: AmendmentKind;
  /** The clause to change or remove (not for an addition). */
  clauseId?: string | undefined;
  /** Where an added clause goes. */
  placement?: { section: ClausePlacement["section"]; seatId?: string | null | undefined; scopeSide?: ClausePlacement["scopeSide"] | undefined } | undefined;
  proposedText?: string | null | undefined;
  proposedSetting?: CharterSetting | null | undefined;
  rationale: string;
}

const sectionNames: Record<string, string> = {
  purpose: "purpose",
  scope: "scope",
  principles: "principles",
  governance: "governance",
  objectives: "objectives",
  contributions: "contributions",
};

/**
 * A seat's delegate proposes to add, change or remove a clause, with a rationale. The amendment
 * records the clause revision it was written against, so a later change to that clause makes it stale.
 */
export async function proposeAmendment(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: ProposeAmendmentInput): Promise<{ id: string }> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const seatId = await resolveDelegateSeat(trx, viewer, allianceId, input.seatId, "amendment.propose");
    const { head, charter } = await loadCurrentCharter(trx, allianceId);
    const { seatIds } = await loadSeats(trx, allianceId);
    if (input.kind !== "add" && !input.clauseId) throw new AppError("validation_failed", "Say which clause to change or remove.", { field: "clauseId", reason: "required" });
    if (input.kind === "add" && input.clauseId) throw new AppError("validation_failed", "An added clause gets its id when it is proposed.", { field: "clauseId", reason: "not_allowed" });
    const placement: ClausePlacement | null = input.placement ? { section: input.placement.section, seatId: input.placement.seatId ?? null, scopeSide: input.placement.scopeSide ?? null } : null;
    const id = randomUUID();
    const amendment = proposeCoreAmendment(
      charter,
      {
        id,
        kind: input.kind,
        clauseId: input.kind === "add" ? randomUUID() : (input.clauseId ?? ""),
        placement,
        proposedText: input.proposedText === undefined ? undefined : input.proposedText === null ? null : input.proposedText.trim(),
        proposedSetting: input.proposedSetting ?? null,
        rationale: input.rationale.trim(),
        proposer: { personId: viewer.personId, seatId },
        at: now.toISOString(),
      },
      seatIds,
    );
    const clause = findClause(charter, amendment.clauseId);
    const section = clause?.section ?? placement?.section ?? "purpose";
    const title =
      input.title?.trim() ||
      (amendment.kind === "add" ? `Add a ${sectionNames[section]} clause` : `${amendment.kind === "change" ? "Change" : "Remove"}: ${clauseLabel(clause ?? { text: "" })}`);
    await trx
      .insertInto("charter_amendments")
      .values({
        id,
        alliance_id: allianceId,
        title,
        kind: amendment.kind,
        clause_id: amendment.clauseId,
        placement: amendment.placement ? JSON.stringify(amendment.placement) : null,
        base_clause_revision: amendment.baseClauseRevision,
        base_text: amendment.baseText,
        proposed_text: amendment.proposedText,
        proposed_setting: amendment.proposedSetting ? JSON.stringify(amendment.proposedSetting) : null,
        rationale: amendment.rationale,
        proposer_id: viewer.personId,
        proposer_seat_id: seatId,
        based_on_version: head.current_version,
        proposed_at: now,
      })
      .execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "amendment.proposed",
      actorId: viewer.personId,
      seatId,
      payload: {
        amendmentId: id,
        title,
        kind: amendment.kind,
        clauseId: amendment.clauseId,
        section,
        clause: clause ? clauseLabel(clause) : null,
        proposedText: amendment.proposedText,
        rationale: amendment.rationale,
        basedOnVersion: head.current_version,
      },
    });
    return { id };
  });
}
