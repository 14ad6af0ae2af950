import { randomBytes, randomUUID } from "node:crypto";
import { AppError, can, type AllianceViewer } from "@trellis/core";
import { charterDecisionQuorum } from "@trellis/core/charter";
import { validateProposal, type DecisionMethod, type Proposal, type Quorum, type SeatRule } from "@trellis/core/decisions";
import { loadCharterHead, loadCharterVersion } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";
import { loadSeatRefs } from "./decision-support";

/** The method as a client sends it: the advice decider defaults to the proposer. */
export type DecisionMethodInput = Exclude<DecisionMethod, { kind: "advice" }> | { kind: "advice"; deciderId?: string | undefined };

export interface CreateProposalInput {
  title: string;
  body?: string | undefined;
  method: DecisionMethodInput;
  /** Choice methods: the options (meeting time: slots with a start). Ids are given here: o1, o2, ... */
  options?: readonly { label: string; startsAt?: string | null | undefined }[] | undefined;
  /** When the proposal closes by itself (the closing job); null or absent: closed by hand. */
  closesAt?: string | null | undefined;
  hiddenUntilClose?: boolean | undefined;
  anonymous?: boolean | undefined;
  /** Absent: the charter's decision quorum, if it sets one. */
  quorum?: Quorum | undefined;
  seatRule?: SeatRule | undefined;
  /** The seat proposing, for someone acting for several. */
  seatId?: string | null | undefined;
}

/**
 * Puts a proposal to the alliance with its method, options, closing time and privacy settings.
 * The proposer acts for their seat (a facilitator may propose without one).
 */
export async function createProposal(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: CreateProposalInput): Promise<{ id: string }> {
  if (!can(viewer, "proposal.create")) throw new AppError("forbidden", "Your role cannot put proposals to the alliance.");
  const now = ctx.clock();
  if (input.seatId && !viewer.seatIds.includes(input.seatId)) throw new AppError("forbidden", "You propose only for a seat you act for.", { reason: "other_seat" });
  const proposerSeatId = input.seatId ?? (viewer.seatIds.length === 1 ? (viewer.seatIds[0] ?? null) : null);
  if (proposerSeatId === null && !viewer.roles.includes("facilitator")) {
    throw new AppError("validation_failed", "You act for several seats: say which one proposes (seatId).", { field: "seatId", reason: "required" });
  }
  if (input.closesAt && Date.parse(input.closesAt) <= now.getTime()) {
    throw new AppError("validation_failed", "The closing time must be in the future.", { field: "closesAt", reason: "in_the_past" });
  }
  if (input.method.kind === "consent" && input.hiddenUntilClose) {
    throw new AppError("validation_failed", "Consent needs objections in the open, so the proposer can address them before it closes.", { field: "hiddenUntilClose", reason: "not_with_consent" });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const { refs } = await loadSeatRefs(trx, allianceId);
    let method: DecisionMethod;
    if (input.method.kind === "advice") {
      const deciderId = input.method.deciderId ?? viewer.personId;
      const decider = await trx.selectFrom("memberships").select("person_id").where("alliance_id", "=", allianceId).where("person_id", "=", deciderId).executeTakeFirst();
      if (!decider) throw new AppError("validation_failed", "The decider must belong to the alliance.", { field: "method.deciderId", reason: "not_a_member" });
      method = { kind: "advice", deciderId };
    } else {
      method = input.method;
    }
    let quorum = input.quorum;
    if (quorum === undefined) {
      const head = await loadCharterHead(trx, allianceId);
      const charter = head ? await loadCharterVersion(trx, allianceId, head.current_version) : null;
      quorum = charter ? charterDecisionQuorum(charter) : { kind: "none" };
    }
    const id = randomUUID();
    const proposal: Proposal = {
      id,
      proposerId: viewer.personId,
      proposerSeatId,
      method,
      options: (input.options ?? []).map((o, i) => ({ id: `o${i + 1}`, label: o.label.trim(), startsAt: o.startsAt ?? null })),
      closesAt: input.closesAt ? new Date(input.closesAt).toISOString() : null,
      closedAt: null,
      hiddenUntilClose: input.hiddenUntilClose ?? false,
      anonymous: input.anonymous ?? false,
      quorum,
      seatRule: input.seatRule ?? "majority",
    };
    validateProposal(proposal, refs);
    const title = input.title.trim();
    await trx
      .insertInto("decision_proposals")
      .values({
        id,
        alliance_id: allianceId,
        title,
        body: input.body?.trim() ?? "",
        proposer_id: viewer.personId,
        proposer_seat_id: proposerSeatId,
        method: JSON.stringify(method),
        method_kind: method.kind,
        options: JSON.stringify(proposal.options),
        closes_at: proposal.closesAt,
        hidden_until_close: proposal.hiddenUntilClose,
        anonymous: proposal.anonymous,
        quorum: JSON.stringify(quorum),
        seat_rule: proposal.seatRule,
        author_salt: randomBytes(32).toString("hex"),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "proposal.created",
      actorId: viewer.personId,
      seatId: proposerSeatId,
      payload: {
        proposalId: id,
        title,
        method: method.kind,
        options: proposal.options.map((o) => o.label),
        closesAt: proposal.closesAt,
        hiddenUntilClose: proposal.hiddenUntilClose,
        anonymous: proposal.anonymous,
        quorum,
      },
    });
    return { id };
  });
}
