import type { AmendmentKind, AmendmentRule, AmendmentState, CharterSetting, ScopeSide, SectionKind } from "@trellis/core/charter";
import type { PersonRef } from "../api/types";

// The charter API's answers (packages/server/src/presenters/charter.presenter.ts).

export interface SeatName {
  seatId: string;
  name: string;
}

export interface AuthorshipEntry {
  kind: "wrote" | "amended";
  seatId: string | null;
  seatName: string | null;
  person: PersonRef;
  charterVersion: number;
  amendmentId: string | null;
  at: string;
}

export interface Clause {
  id: string;
  section: SectionKind;
  seatId: string | null;
  seatName: string | null;
  scopeSide: ScopeSide | null;
  text: string;
  setting: CharterSetting | null;
  revision: number;
  authors: { wroteBy: SeatName | null; facilitatorWritten: boolean; amendedBy: SeatName[] };
  authorship: AuthorshipEntry[];
  openAmendments: number;
}

export interface AuthorshipBalance {
  seats: { seatId: string; name: string; wrote: number; amended: number; total: number; share: number }[];
  withoutSeat: number;
  gini: number | null;
  equity: number | null;
}

export interface RenewalStatus {
  renewedOn: string | null;
  since: string;
  periodMonths: number;
  nextDueOn: string;
  isDue: boolean;
  isOverdue: boolean;
  overdueByDays: number;
  dueInDays: number;
}

export interface Fraction {
  numerator: number;
  denominator: number;
}

export interface CharterSeat {
  id: string;
  name: string;
  weight: number;
}

export interface CharterView {
  allianceId: string;
  version: number;
  currentVersion: number;
  isCurrent: boolean;
  adoptedAt: string | null;
  amendmentId: string | null;
  rules: { amendmentRule: AmendmentRule; renewalPeriodMonths: number; decisionQuorum: Fraction | null };
  seats: CharterSeat[];
  sections: { section: SectionKind; clauses: Clause[] }[];
  authorship: AuthorshipBalance;
  renewal: RenewalStatus | null;
  can: { propose: boolean; openRenewal: boolean };
}

export interface CharterVersionList {
  currentVersion: number;
  items: {
    version: number;
    adoptedAt: string | null;
    amendment: { id: string; title: string; kind: string; proposerSeatId: string | null; proposerSeatName: string | null } | null;
  }[];
}

export interface WordDiffPart {
  op: "equal" | "delete" | "insert";
  text: string;
}

export type ClauseChange = "added" | "removed" | "changed" | "unchanged";

export interface CharterDiff {
  fromVersion: number;
  toVersion: number;
  added: number;
  removed: number;
  changed: number;
  clauses: { clauseId: string; section: SectionKind; seatId: string | null; seatName: string | null; change: ClauseChange; parts: WordDiffPart[]; settingChanged: boolean }[];
}

export interface SeatRatification {
  seatId: string;
  name: string;
  weight: number;
  answer: "consents" | "objects" | null;
  split: boolean;
  consenting: number;
  objecting: number;
  objections: { person: PersonRef; reason: string }[];
  delegates: { person: PersonRef; answer: "consent" | "object"; reason: string | null; answeredAt: string }[];
}

export interface Ratification {
  draft: number;
  rule: AmendmentRule;
  verdict: "met" | "pending" | "unreachable" | null;
  met: boolean;
  seats: SeatRatification[];
  consentingSeats: string[];
  objectingSeats: string[];
  pendingSeats: string[];
  consentingWeight: number;
  totalWeight: number;
}

export interface AmendmentSummary {
  id: string;
  title: string;
  kind: AmendmentKind;
  clauseId: string;
  section: SectionKind;
  state: AmendmentState;
  draft: number;
  version: number;
  rationale: string;
  proposer: { id: string; displayName: string; seatId: string; seatName: string };
  proposedAt: string;
  settledAt: string | null;
  ratifiedAsVersion: number | null;
  basedOnVersion: number;
}

export interface AmendmentView extends AmendmentSummary {
  placement: { section: SectionKind; seatId: string | null; scopeSide: ScopeSide | null } | null;
  proposedText: string | null;
  proposedSetting: CharterSetting | null;
  baseText: string | null;
  baseClauseRevision: number | null;
  currentClause: { text: string; revision: number; seatId: string | null; scopeSide: ScopeSide | null } | null;
  diff: WordDiffPart[];
  stale: boolean;
  suggestedRebase: string | null;
  ratification: Ratification;
  myAnswer: { answer: "consent" | "object"; reason: string | null; seatId: string } | null;
  commentCount: number;
  can: { answer: boolean; rebase: boolean; withdraw: boolean; reject: boolean; comment: boolean };
}

export interface AmendmentComment {
  id: string;
  author: PersonRef;
  seatId: string | null;
  seatName: string | null;
  body: string;
  createdAt: string;
}

export interface RenewalView {
  status: RenewalStatus | null;
  openRound: {
    id: string;
    openedOn: string;
    seats: {
      seatId: string;
      name: string;
      answer: "reaffirms" | "concern" | null;
      split: boolean;
      concerns: { person: PersonRef; reason: string }[];
      delegates: { person: PersonRef; answer: "reaffirm" | "concern"; reason: string | null; answeredAt: string }[];
    }[];
    pendingSeats: string[];
    concernedSeats: string[];
    complete: boolean;
  } | null;
  rounds: { id: string; openedOn: string; closedAt: string | null; renewedOn: string | null }[];
  myAnswer: { answer: "reaffirm" | "concern"; reason: string | null; seatId: string } | null;
  can: { open: boolean; answer: boolean };
}

/** What a proposal sends (POST /amendments). */
export interface ProposeAmendmentInput {
  seatId?: string | null;
  title?: string;
  kind: AmendmentKind;
  clauseId?: string;
  placement?: { section: SectionKind; seatId?: string | null; scopeSide?: ScopeSide | null };
  proposedText?: string | null;
  proposedSetting?: CharterSetting | null;
  rationale: string;
}
