import { parseInstant } from "../decisions/numbers";
import { AppError } from "../errors";
import { findClause, sortClausesBySection, validateCharterSetting, validateClauseFields } from "./charter";
import type { Amendment, AmendmentKind, Charter, CharterSetting, Clause, ClausePlacement } from "./types";
import { amendmentKinds } from "./types";

function invalid(message: string, details: Record<string, unknown>): AppError {
  return new AppError("validation_failed", message, details);
}

export interface ProposeAmendmentInput {
  id: string;
  kind: AmendmentKind;
  /** The clause to change or remove, or the new clause's id for an add. */
  clauseId: string;
  /** Add only. */
  placement?: ClausePlacement | null;
  /** Add and change. */
  proposedText?: string | null;
  /** Governance settings: required when changing a clause that carries one (same key); optional on add. */
  proposedSetting?: CharterSetting | null;
  rationale: string;
  proposer: { personId: string; seatId: string };
  at: string;
}

function settingKeyTaken(charter: Charter, setting: CharterSetting | null, exceptClauseId: string): boolean {
  return setting !== null && charter.clauses.some((c) => c.id !== exceptClauseId && c.setting?.key === setting.key);
}

/**
 * Checks the proposed edit against the charter as it is now. A partner's own clause is added,
 * changed or removed only by that partner's delegates (forbidden otherwise); every amendment is
 * still ratified by the alliance.
 */
function validateEdit(
  charter: Charter,
  edit: { kind: AmendmentKind; clauseId: string; placement: ClausePlacement | null; proposedText: string | null; proposedSetting: CharterSetting | null; proposerSeatId: string },
  seatIds: readonly string[],
): Clause | undefined {
  const clause = findClause(charter, edit.clauseId);
  const ownSeat = (seatId: string | null): void => {
    if (seatId !== null && seatId !== edit.proposerSeatId) {
      throw new AppError("forbidden", "A partner's own clause is amended by that partner's delegates.", { clauseSeatId: seatId, reason: "other_seat_clause" });
    }
  };
  switch (edit.kind) {
    case "add": {
      if (clause) throw invalid("A clause with this id already exists.", { field: "clauseId", reason: "exists" });
      if (edit.placement === null) throw invalid("Say where the new clause goes.", { field: "placement", reason: "required" });
      validateClauseFields({ ...edit.placement, text: edit.proposedText ?? "", setting: edit.proposedSetting }, seatIds);
      ownSeat(edit.placement.seatId);
      if (settingKeyTaken(charter, edit.proposedSetting, edit.clauseId)) {
        throw invalid("Another clause already states this rule: change that clause instead.", { field: "proposedSetting", reason: "duplicate_setting" });
      }
      return undefined;
    }
    case "change": {
      if (!clause) throw new AppError("not_found", "No such clause in the current charter.", { clauseId: edit.clauseId });
      if (edit.placement !== null) throw invalid("A change keeps the clause where it is.", { field: "placement", reason: "not_allowed" });
      ownSeat(clause.seatId);
      validateClauseFields({ section: clause.section, seatId: clause.seatId, scopeSide: clause.scopeSide, text: edit.proposedText ?? "", setting: edit.proposedSetting }, seatIds);
      if ((clause.setting === null) !== (edit.proposedSetting === null) || (clause.setting && edit.proposedSetting && clause.setting.key !== edit.proposedSetting.key)) {
        throw invalid("A clause that states a rule keeps stating the same rule (and one that does not, does not).", { field: "proposedSetting", reason: "setting_mismatch" });
      }
      const sameSetting = JSON.stringify(clause.setting) === JSON.stringify(edit.proposedSetting);
      if (edit.proposedText === clause.text && sameSetting) throw invalid("The proposed clause is the same as the current one.", { field: "proposedText", reason: "unchanged" });
      return clause;
    }
    case "remove": {
      if (!clause) throw new AppError("not_found", "No such clause in the current charter.", { clauseId: edit.clauseId });
      ownSeat(clause.seatId);
      if (clause.setting !== null) {
        throw invalid("A clause that states a rule cannot be removed; change it instead.", { field: "clauseId", reason: "states_rule" });
      }
      if (edit.proposedText !== null || edit.proposedSetting !== null || edit.placement !== null) {
        throw invalid("A removal proposes no text.", { field: "proposedText", reason: "not_allowed" });
      }
      return clause;
    }
    default:
      throw invalid(`Unknown amendment kind ${String(edit.kind)}.`, { field: "kind", reason: "unknown" });
  }
}

/**
 * A delegate proposes an amendment against the current charter: it records the clause revision
 * and text it was written against, so a later change to that clause makes it stale.
 */
export function proposeAmendment(charter: Charter, input: ProposeAmendmentInput, seatIds: readonly string[]): Amendment {
  parseInstant(input.at, "at");
  if (!(amendmentKinds as readonly string[]).includes(input.kind)) throw invalid(`Unknown amendment kind ${String(input.kind)}.`, { field: "kind", reason: "unknown" });
  if (input.id === "") throw invalid("An amendment needs an id.", { field: "id", reason: "required" });
  if (input.rationale.trim() === "") throw invalid("Say why: an amendment needs a rationale.", { field: "rationale", reason: "required" });
  if (!seatIds.includes(input.proposer.seatId)) {
    throw invalid("Amendments are proposed by a seat's delegate.", { field: "proposer.seatId", reason: "unknown_seat" });
  }
  const placement = input.placement ?? null;
  const proposedText = input.kind === "remove" ? (input.proposedText ?? null) : (input.proposedText ?? "");
  const proposedSetting = input.proposedSetting ?? null;
  const clause = validateEdit(charter, { kind: input.kind, clauseId: input.clauseId, placement, proposedText, proposedSetting, proposerSeatId: input.proposer.seatId }, seatIds);
  return {
    id: input.id,
    kind: input.kind,
    clauseId: input.clauseId,
    placement,
    baseClauseRevision: clause?.revision ?? null,
    baseText: clause?.text ?? null,
    proposedText,
    proposedSetting,
    rationale: input.rationale,
    proposer: { ...input.proposer },
    state: "open",
    draft: 1,
    proposedAt: input.at,
    settledAt: null,
    ratifiedAsVersion: null,
  };
}

/**
 * True when the charter moved under the amendment: the clause it changes or removes was changed
 * or removed since, or the clause it adds (or the rule it states) now exists.
 */
export function isAmendmentStale(charter: Charter, amendment: Amendment): boolean {
  const clause = findClause(charter, amendment.clauseId);
  if (amendment.kind === "add") return clause !== undefined || settingKeyTaken(charter, amendment.proposedSetting, amendment.clauseId);
  return clause === undefined || clause.revision !== amendment.baseClauseRevision;
}

/** The open amendments that the charter has made stale, each moved to "stale" (others are left out). */
export function findStaleAmendments(charter: Charter, amendments: readonly Amendment[]): Amendment[] {
  return amendments.filter((a) => a.state === "open" && isAmendmentStale(charter, a)).map((a) => ({ ...a, state: "stale" as const }));
}

/**
 * Rebases (or revises) an open or stale amendment onto the current clause with new proposed
 * text: a new draft, so earlier ratification answers no longer count. A change or removal of a
 * clause that no longer exists cannot be rebased (conflict): propose an addition instead.
 */
export function rebaseAmendment(
  charter: Charter,
  amendment: Amendment,
  input: { proposedText: string | null; proposedSetting?: CharterSetting | null; rationale?: string },
  seatIds: readonly string[],
): Amendment {
  if (amendment.state !== "open" && amendment.state !== "stale") {
    throw new AppError("illegal_move", `A ${amendment.state} amendment cannot be rebased.`, { state: amendment.state });
  }
  if (amendment.kind !== "add" && !findClause(charter, amendment.clauseId)) {
    throw new AppError("conflict", "The clause was removed since: propose an addition instead.", { clauseId: amendment.clauseId, reason: "clause_removed" });
  }
  const rationale = input.rationale ?? amendment.rationale;
  if (rationale.trim() === "") throw invalid("Say why: an amendment needs a rationale.", { field: "rationale", reason: "required" });
  const proposedSetting = input.proposedSetting === undefined ? amendment.proposedSetting : input.proposedSetting;
  if (proposedSetting !== null) validateCharterSetting(proposedSetting);
  const clause = validateEdit(
    charter,
    { kind: amendment.kind, clauseId: amendment.clauseId, placement: amendment.placement, proposedText: input.proposedText, proposedSetting, proposerSeatId: amendment.proposer.seatId },
    seatIds,
  );
  return {
    ...amendment,
    proposedText: input.proposedText,
    proposedSetting,
    rationale,
    baseClauseRevision: clause?.revision ?? null,
    baseText: clause?.text ?? null,
    state: "open",
    draft: amendment.draft + 1,
  };
}

/** The proposer withdraws an open or stale amendment. */
export function withdrawAmendment(amendment: Amendment, at: string): Amendment {
  parseInstant(at, "at");
  if (amendment.state !== "open" && amendment.state !== "stale") {
    throw new AppError("illegal_move", `A ${amendment.state} amendment cannot be withdrawn.`, { state: amendment.state });
  }
  return { ...amendment, state: "withdrawn", settledAt: at };
}

/**
 * Applies an amendment to produce the next charter version (no rule check: see ratifyAmendment).
 * The clause records the proposer's seat as its writer (add) or as an amender (change).
 */
export function applyAmendment(charter: Charter, amendment: Amendment, at: string): Charter {
  parseInstant(at, "at");
  if (isAmendmentStale(charter, amendment)) {
    throw new AppError("stale_version", "The clause changed since this amendment was written: rebase it first.", { amendmentId: amendment.id, clauseId: amendment.clauseId });
  }
  const version = charter.version + 1;
  const entry = { seatId: amendment.proposer.seatId, personId: amendment.proposer.personId, charterVersion: version, amendmentId: amendment.id, at };
  let clauses: Clause[];
  switch (amendment.kind) {
    case "add": {
      const placement = amendment.placement;
      if (placement === null || amendment.proposedText === null) throw invalid("An addition needs a placement and text.", { field: "placement", reason: "required" });
      const added: Clause = {
        id: amendment.clauseId,
        section: placement.section,
        seatId: placement.seatId,
        scopeSide: placement.scopeSide,
        text: amendment.proposedText,
        setting: amendment.proposedSetting,
        revision: 1,
        authorship: [{ kind: "wrote", ...entry }],
      };
      // New clauses go to the end of their section.
      clauses = sortClausesBySection([...charter.clauses, added]);
      break;
    }
    case "change":
      clauses = charter.clauses.map((c) =>
        c.id === amendment.clauseId
          ? { ...c, text: amendment.proposedText ?? c.text, setting: amendment.proposedSetting, revision: c.revision + 1, authorship: [...c.authorship, { kind: "amended" as const, ...entry }] }
          : c,
      );
      break;
    case "remove":
      clauses = charter.clauses.filter((c) => c.id !== amendment.clauseId);
      break;
  }
  return { allianceId: charter.allianceId, version, adoptedAt: at, amendmentId: amendment.id, clauses };
}
