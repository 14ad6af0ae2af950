// Decisions: proposals, positions per person on behalf of a seat, and outcomes tallied per
// person and per seat for every method.
export * from "./types";
export { TALLY_EPSILON, isNearlyEqual, meetsFraction, isValidFraction } from "./numbers";
export { isStanceMethod, validateSeats, requiredQuorumSeats, validateProposal, isProposalOpen, canShowResults } from "./proposal";
export { allowedStances, isReasonRequired, validatePositionContent, validatePosition, validatePositions } from "./position";
export type { SeatStance } from "./seat-rule";
export { deriveSeatStance } from "./seat-rule";
export type { WeightedBallot, InstantRunoffResult } from "./ranked-count";
export { countInstantRunoff, countBorda } from "./ranked-count";
export { rankByScore } from "./ranking";
export { tallyProposal } from "./tally-proposal";
export type { OutcomeStatement } from "./outcome-record";
export { validateOutcomeStatement, isReviewDue, validateObjectionResponse, validateAdviceDecision } from "./outcome-record";
