import { isValidFraction, parseInstant } from "../decisions/numbers";
import type { Quorum } from "../decisions/types";
import { AppError } from "../errors";
import type { AmendmentRule, Charter, CharterRules, CharterSetting, Clause, ClausePlacement, SectionKind } from "./types";
import { sectionKinds, seatSectionKinds } from "./types";

/** When the charter sets no renewal period, alignment is renewed yearly. */
export const DEFAULT_RENEWAL_PERIOD_MONTHS = 12;

function invalid(message: string, details: Record<string, unknown>): AppError {
  return new AppError("validation_failed", message, details);
}

/** True when the amendment rule is well formed: thresholds are whole-number fractions above one half and at most 1. */
export function isValidAmendmentRule(rule: AmendmentRule): boolean {
  switch (rule.kind) {
    case "unanimous":
      return true;
    case "qualified_majority":
    case "weighted":
      return isValidFraction(rule.threshold) && rule.threshold.numerator * 2 > rule.threshold.denominator;
    default:
      return false;
  }
}

/** Throws validation_failed unless the setting is well formed. */
export function validateCharterSetting(setting: CharterSetting): void {
  switch (setting.key) {
    case "amendment_rule":
      if (!isValidAmendmentRule(setting.rule)) {
        throw invalid("An amendment rule is unanimous, or a qualified or weighted majority with a threshold above one half.", {
          field: "setting.rule",
          reason: "invalid_rule",
        });
      }
      return;
    case "renewal_period":
      if (!Number.isInteger(setting.months) || setting.months < 1 || setting.months > 120) {
        throw invalid("A renewal period is a whole number of months from 1 to 120.", { field: "setting.months", reason: "out_of_range" });
      }
      return;
    case "decision_quorum":
      if (!isValidFraction(setting.fraction)) throw invalid("A quorum is a fraction of seats in (0, 1].", { field: "setting.fraction", reason: "invalid" });
      return;
    default:
      throw invalid("Unknown charter setting.", { field: "setting.key", reason: "unknown" });
  }
}

/**
 * Throws validation_failed unless a clause's placement, text and setting fit together:
 * a seat's own clause only in objectives or contributions and only for a seat of the alliance,
 * a scope side only in scope, a setting only in governance.
 */
export function validateClauseFields(
  fields: ClausePlacement & { text: string; setting: CharterSetting | null },
  seatIds: readonly string[],
): void {
  if (!(sectionKinds as readonly string[]).includes(fields.section)) {
    throw invalid(`Unknown charter section ${String(fields.section)}.`, { field: "section", reason: "unknown" });
  }
  if (fields.text.trim() === "") throw invalid("A clause needs text.", { field: "text", reason: "required" });
  if (fields.seatId !== null) {
    if (!(seatSectionKinds as readonly SectionKind[]).includes(fields.section)) {
      throw invalid("Only objectives and contributions hold a partner's own clauses.", { field: "seatId", reason: "shared_section" });
    }
    if (!seatIds.includes(fields.seatId)) throw invalid("The clause's seat is not a seat of this alliance.", { field: "seatId", reason: "unknown_seat" });
  }
  if (fields.scopeSide !== null && fields.section !== "scope") {
    throw invalid("Only scope clauses say in or out of scope.", { field: "scopeSide", reason: "not_scope" });
  }
  if (fields.scopeSide !== null && fields.scopeSide !== "in" && fields.scopeSide !== "out") {
    throw invalid("A scope clause is in or out of scope.", { field: "scopeSide", reason: "invalid" });
  }
  if (fields.setting !== null) {
    if (fields.section !== "governance") throw invalid("Only governance clauses carry a rule setting.", { field: "setting", reason: "not_governance" });
    validateCharterSetting(fields.setting);
  }
}

/** Orders clauses by section (reading order), keeping the order within each section. */
export function sortClausesBySection(clauses: readonly Clause[]): Clause[] {
  return clauses
    .map((clause, i) => ({ clause, i }))
    .sort((a, b) => sectionKinds.indexOf(a.clause.section) - sectionKinds.indexOf(b.clause.section) || a.i - b.i)
    .map((x) => x.clause);
}

/** A clause as first drafted, before the charter exists. */
export interface DraftClause {
  id: string;
  section: SectionKind;
  seatId?: string | null;
  scopeSide?: ClausePlacement["scopeSide"];
  text: string;
  setting?: CharterSetting | null;
  author: { personId: string; seatId: string | null };
}

/**
 * Creates a charter: version 0 when empty (every clause then arrives by amendment), or version 1
 * holding a first draft the alliance has agreed (each clause records who wrote it).
 */
export function createCharter(input: { allianceId: string; at: string; seatIds: readonly string[]; clauses?: readonly DraftClause[] }): Charter {
  parseInstant(input.at, "at");
  const drafts = input.clauses ?? [];
  const version = drafts.length > 0 ? 1 : 0;
  const ids = new Set<string>();
  const settingKeys = new Set<string>();
  const clauses: Clause[] = drafts.map((draft) => {
    const fields = { section: draft.section, seatId: draft.seatId ?? null, scopeSide: draft.scopeSide ?? null, text: draft.text, setting: draft.setting ?? null };
    if (draft.id === "" || ids.has(draft.id)) throw invalid("Clause ids must be distinct and non-empty.", { field: "clauses.id", clauseId: draft.id, reason: "duplicate_or_empty" });
    ids.add(draft.id);
    validateClauseFields(fields, input.seatIds);
    if (fields.setting !== null) {
      if (settingKeys.has(fields.setting.key)) throw invalid("One clause per rule setting.", { field: "setting", key: fields.setting.key, reason: "duplicate_setting" });
      settingKeys.add(fields.setting.key);
    }
    if (draft.author.seatId !== null && !input.seatIds.includes(draft.author.seatId)) {
      throw invalid("The author's seat is not a seat of this alliance.", { field: "author.seatId", reason: "unknown_seat" });
    }
    return {
      id: draft.id,
      ...fields,
      revision: 1,
      authorship: [{ kind: "wrote", seatId: draft.author.seatId, personId: draft.author.personId, charterVersion: 1, amendmentId: null, at: input.at }],
    };
  });
  return { allianceId: input.allianceId, version, adoptedAt: version > 0 ? input.at : null, amendmentId: null, clauses: sortClausesBySection(clauses) };
}

/** The clause with this id, or undefined. */
export function findClause(charter: Charter, clauseId: string): Clause | undefined {
  return charter.clauses.find((c) => c.id === clauseId);
}

/** The rules in force: from the governance clauses' settings; unanimous, 12 months and no quorum by default. */
export function charterRules(charter: Charter): CharterRules {
  const rules: CharterRules = { amendmentRule: { kind: "unanimous" }, renewalPeriodMonths: DEFAULT_RENEWAL_PERIOD_MONTHS, decisionQuorum: null };
  for (const clause of charter.clauses) {
    const setting = clause.setting;
    if (setting === null) continue;
    if (setting.key === "amendment_rule") rules.amendmentRule = setting.rule;
    else if (setting.key === "renewal_period") rules.renewalPeriodMonths = setting.months;
    else rules.decisionQuorum = setting.fraction;
  }
  return rules;
}

/** The default quorum for the alliance's proposals, as the charter sets it (none when it sets none). */
export function charterDecisionQuorum(charter: Charter): Quorum {
  const fraction = charterRules(charter).decisionQuorum;
  return fraction === null ? { kind: "none" } : { kind: "fraction", fraction };
}
