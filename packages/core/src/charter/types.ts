/**
 * The charter: the alliance's shared story, co-written clause by clause. Every version is a
 * full Charter value (the database keeps them all), changed only by ratified amendments.
 */
import type { Fraction } from "../decisions/types";

/** Sections in reading order. Objectives and contributions hold shared clauses and each partner's own. */
export const sectionKinds = ["purpose", "scope", "principles", "governance", "objectives", "contributions"] as const;
export type SectionKind = (typeof sectionKinds)[number];

/** Sections where a clause may belong to one seat (that partner's own objective or contribution). */
export const seatSectionKinds = ["objectives", "contributions"] as const satisfies readonly SectionKind[];

/** A scope clause says what is pre-competitive (in) or explicitly out of scope. */
export type ScopeSide = "in" | "out";

/**
 * How amendments are ratified. A seat's answer derives from its delegates (see deriveSeatAnswer).
 * - unanimous: every seat consents (the default).
 * - qualified_majority: consenting seats / all seats >= threshold (e.g. 2/3).
 * - weighted: consenting seats' weight / all seats' weight >= threshold.
 * Thresholds are exact fractions above one half.
 */
export type AmendmentRule =
  | { kind: "unanimous" }
  | { kind: "qualified_majority"; threshold: Fraction }
  | { kind: "weighted"; threshold: Fraction };

/**
 * A governance clause may carry the machine-readable rule it states, so the rule is amended
 * like any clause (ratified under the rule in force) and text and rule never drift apart.
 */
export type CharterSetting =
  | { key: "amendment_rule"; rule: AmendmentRule }
  | { key: "renewal_period"; months: number }
  | { key: "decision_quorum"; fraction: Fraction };
export type CharterSettingKey = CharterSetting["key"];

/** The rules in force, read from the governance clauses' settings (with defaults). */
export interface CharterRules {
  amendmentRule: AmendmentRule;
  renewalPeriodMonths: number;
  /** Default quorum for decisions, as a fraction of seats; null when the charter sets none. */
  decisionQuorum: Fraction | null;
}

/** Who wrote or amended a clause: seatId null for someone without a seat (a facilitator). */
export interface AuthorshipEntry {
  kind: "wrote" | "amended";
  seatId: string | null;
  personId: string;
  /** The charter version the writing took effect in. */
  charterVersion: number;
  amendmentId: string | null;
  at: string;
}

export interface Clause {
  id: string;
  section: SectionKind;
  /** The seat of a partner-specific clause (objectives, contributions); null for a shared clause. */
  seatId: string | null;
  /** Scope clauses only: in scope (pre-competitive) or out; null elsewhere. */
  scopeSide: ScopeSide | null;
  text: string;
  setting: CharterSetting | null;
  /** The clause text's own version: 1 when written, +1 for each ratified change. */
  revision: number;
  authorship: readonly AuthorshipEntry[];
}

export interface Charter {
  allianceId: string;
  /** 0 for an empty charter, +1 for each ratified amendment. */
  version: number;
  /** ISO instant this version took effect; null for an empty charter. */
  adoptedAt: string | null;
  /** The amendment that produced this version; null for the first draft. */
  amendmentId: string | null;
  /** In reading order: grouped by section in sectionKinds order. */
  clauses: readonly Clause[];
}

export const amendmentKinds = ["add", "change", "remove"] as const;
export type AmendmentKind = (typeof amendmentKinds)[number];

/**
 * open -> ratified | rejected | withdrawn | stale; stale -> open (rebase) | withdrawn.
 * Stale: the clause changed (or went) since the amendment was written against it.
 */
export const amendmentStates = ["open", "ratified", "rejected", "withdrawn", "stale"] as const;
export type AmendmentState = (typeof amendmentStates)[number];

/** Where an added clause goes. */
export interface ClausePlacement {
  section: SectionKind;
  seatId: string | null;
  scopeSide: ScopeSide | null;
}

export interface Amendment {
  id: string;
  kind: AmendmentKind;
  /** The clause changed or removed, or the id the added clause will have. */
  clauseId: string;
  /** Add only. */
  placement: ClausePlacement | null;
  /** Change and remove: the clause revision and text the amendment was written against. */
  baseClauseRevision: number | null;
  baseText: string | null;
  /** Add and change: the proposed text; null for remove. */
  proposedText: string | null;
  /** Add and change of a governance clause that carries a setting. */
  proposedSetting: CharterSetting | null;
  rationale: string;
  proposer: { personId: string; seatId: string };
  state: AmendmentState;
  /** 1, +1 for each rebase or revision: ratification answers count only for the current draft. */
  draft: number;
  proposedAt: string;
  settledAt: string | null;
  /** The charter version a ratified amendment produced. */
  ratifiedAsVersion: number | null;
}

/** One delegate's answer to an amendment's current draft. */
export interface RatificationAnswer {
  amendmentId: string;
  draft: number;
  personId: string;
  seatId: string;
  answer: "consent" | "object";
  /** Required with an objection. */
  reason: string | null;
}
