// Charter: clauses in sections, amendments ratified by the charter's own rule, versions with
// word-level diffs, authorship balance, and renewal of the shared intent.
export * from "./types";
export type { DraftClause } from "./charter";
export {
  DEFAULT_RENEWAL_PERIOD_MONTHS,
  isValidAmendmentRule,
  validateCharterSetting,
  validateClauseFields,
  sortClausesBySection,
  createCharter,
  findClause,
  charterRules,
  charterDecisionQuorum,
} from "./charter";
export type { ProposeAmendmentInput } from "./amendment";
export { proposeAmendment, isAmendmentStale, findStaleAmendments, rebaseAmendment, withdrawAmendment, applyAmendment } from "./amendment";
export type { SeatRatification, RatificationVerdict, RatificationEvaluation } from "./ratification";
export { validateRatificationAnswer, deriveSeatAnswer, evaluateRatification, ratifyAmendment, rejectAmendment } from "./ratification";
export type { WordDiffPart, TokenEdit } from "./word-diff";
export { tokenizeWords, tokenEdits, diffWords, oldTextOfDiff, newTextOfDiff, applyWordDiff } from "./word-diff";
export { suggestRebasedText } from "./rebase-text";
export type { ClauseDiff, CharterDiff } from "./charter-diff";
export { diffCharters } from "./charter-diff";
export type { SeatAuthorship, AuthorshipBalance } from "./authorship";
export { giniCoefficient, clauseAuthors, authorshipBalance } from "./authorship";
export type { CharterRenewalStatus, RenewalRound, RenewalAnswer, SeatRenewal, RenewalRoundStatus } from "./renewal";
export { charterRenewalStatus, validateRenewalAnswer, tallyRenewalRound, renewalDateOf } from "./renewal";
export { parseCalendarDate, formatCalendarDate, addMonthsToDate } from "./calendar-date";
