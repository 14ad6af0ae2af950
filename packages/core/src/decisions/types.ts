/**
 * Decisions: a proposal with a method, positions per person on behalf of a seat, and an
 * outcome tallied per person and per seat. Everything here is plain data (JSON-safe), so the
 * database stores it as is and the API returns it through a presenter.
 */

/** An exact fraction such as 2/3; compared by cross-multiplication, never as a rounded decimal. */
export interface Fraction {
  numerator: number;
  denominator: number;
}

/** A seat as decisions see it: its id and its weight (used by weighted methods only). */
export interface SeatRef {
  id: string;
  weight: number;
}

export const decisionMethodKinds = [
  "consent",
  "consensus",
  "majority",
  "weighted",
  "advice",
  "score",
  "ranked_choice",
  "dot_vote",
  "meeting_time",
] as const;
export type DecisionMethodKind = (typeof decisionMethodKinds)[number];

/** Methods decided by a yes/no stance; the others choose among options. */
export const stanceMethodKinds = ["consent", "consensus", "majority", "weighted", "advice"] as const;
export type StanceMethodKind = (typeof stanceMethodKinds)[number];
export const choiceMethodKinds = ["score", "ranked_choice", "dot_vote", "meeting_time"] as const;
export type ChoiceMethodKind = (typeof choiceMethodKinds)[number];

/** Ranked-choice counts: instant runoff (default) or a Borda count. */
export const rankedCounts = ["instant_runoff", "borda"] as const;
export type RankedCount = (typeof rankedCounts)[number];

/** A decision method with its own settings. */
export type DecisionMethod =
  | { kind: "consent" }
  | { kind: "consensus" }
  | { kind: "majority" }
  | { kind: "weighted" }
  | { kind: "advice"; deciderId: string }
  | { kind: "score"; min: number; max: number }
  | { kind: "ranked_choice"; count: RankedCount }
  | { kind: "dot_vote"; dotsPerPerson: number; maxPerOption: number | null }
  | { kind: "meeting_time" };

/** Every stance a person can take; each stance method allows a subset (see allowedStances). */
export const stances = ["agree", "abstain", "disagree", "block", "object"] as const;
export type Stance = (typeof stances)[number];

/**
 * How a seat's stance derives from its delegates' stances (stance methods only):
 * - "majority": the stance most of its participating delegates took; a tie at the top makes
 *   the seat split, and a split seat counts neither for nor against.
 * - "unanimous": the stance all its participating delegates took; any difference makes it split.
 * - "proportional": the seat's vote (1, or its weight) is shared equally among its participating
 *   delegates, so a split seat counts partly each way.
 * Choice methods always share a seat's vote equally among its delegates (see tallyProposal).
 */
export const seatRules = ["majority", "unanimous", "proportional"] as const;
export type SeatRule = (typeof seatRules)[number];

/** Quorum of seats: none, a number of seats, or a fraction of all seats (rounded up). */
export type Quorum =
  | { kind: "none" }
  | { kind: "seats"; count: number }
  | { kind: "fraction"; fraction: Fraction };

/** An option of a choice method; meeting-time options are slots and carry their start. */
export interface ProposalOption {
  id: string;
  label: string;
  startsAt?: string | null;
}

export interface Proposal {
  id: string;
  proposerId: string;
  proposerSeatId: string | null;
  method: DecisionMethod;
  /** Empty for stance methods. */
  options: readonly ProposalOption[];
  /** ISO instant; null when the proposal stays open until closed by hand. */
  closesAt: string | null;
  /** ISO instant when it was closed early (or at its closing time), else null. */
  closedAt: string | null;
  hiddenUntilClose: boolean;
  anonymous: boolean;
  quorum: Quorum;
  seatRule: SeatRule;
}

/** What a person said; the shape depends on the method. */
export type PositionValue =
  | { kind: "stance"; stance: Stance }
  | { kind: "scores"; scores: Readonly<Record<string, number>> }
  | { kind: "ranking"; ranking: readonly string[] }
  | { kind: "dots"; dots: Readonly<Record<string, number>> }
  | { kind: "availability"; slotIds: readonly string[] };

/**
 * One person's current position, on behalf of one seat. A changed position gets a new id, so
 * an answer to an objection always refers to the exact objection it answers.
 */
export interface Position {
  id: string;
  personId: string;
  seatId: string;
  value: PositionValue;
  reason: string | null;
}

/** The proposer's answer to a consent objection: addressed (explained) or integrated (changed). */
export interface ObjectionResponse {
  positionId: string;
  kind: "addressed" | "integrated";
  note: string;
  respondedBy: string;
}

/** The advice method's decision, recorded by the decider with the advice they took. */
export interface AdviceDecision {
  deciderId: string;
  decision: "adopt" | "reject";
  note: string;
  /** Ids of the advice positions the decider took. */
  adviceTaken: readonly string[];
}

export const outcomeResults = [
  "passed",
  "failed",
  "chosen",
  "tied",
  "no_votes",
  "no_quorum",
  "awaiting_decision",
] as const;
export type OutcomeResult = (typeof outcomeResults)[number];

export const failureReasons = [
  "quorum_not_met",
  "unaddressed_objection",
  "blocked",
  "no_agreement",
  "majority_not_reached",
  "decided_against",
] as const;
export type FailureReason = (typeof failureReasons)[number];

/** One line of the tally: a stance or an option, by person and by seat (units per method). */
export interface TallyLine {
  key: string;
  byPerson: number;
  bySeat: number;
}

/** One seat in the outcome. */
export interface DecisionSeatTally {
  seatId: string;
  weight: number;
  participated: boolean;
  /** How many of its delegates took a position. */
  delegates: number;
  /** Its delegates did not all take the same position. */
  split: boolean;
  /** Stance methods: the derived stance, "split" when the rule yields none; null otherwise. */
  stance: Stance | "split" | null;
  /** How many of its delegates chose each key (stance; first preference; scored; gave dots; available). */
  delegateCounts: Readonly<Record<string, number>>;
  /** What the seat adds to the bySeat column of each tally line. */
  contribution: Readonly<Record<string, number>>;
}

/** A place in a ranking; equal scores share a rank (1, 2, 2, 4). */
export interface RankEntry {
  optionId: string;
  score: number | null;
  rank: number;
}

export interface QuorumStatus {
  required: number;
  participating: number;
  met: boolean;
}

/** A consent objection as the outcome shows it (personId null when positions are anonymous). */
export interface ObjectionStatus {
  positionId: string;
  seatId: string;
  personId: string | null;
  reason: string;
  status: "open" | "addressed" | "integrated";
  note: string | null;
}

export interface BlockRecord {
  positionId: string;
  seatId: string;
  personId: string | null;
  reason: string;
}

export interface AdviceRecord {
  positionId: string;
  personId: string | null;
  stance: Stance;
  advice: string;
  taken: boolean;
}

/** One instant-runoff round: votes per continuing option, and who was eliminated and why. */
export interface RunoffRound {
  counts: Readonly<Record<string, number>>;
  exhausted: number;
  eliminated: string | null;
  tieBreak: "none" | "previous_rounds" | "option_order";
}

export interface SlotAvailability {
  optionId: string;
  startsAt: string | null;
  seatsAvailable: readonly string[];
  personsAvailable: number;
}

/** What only some methods report. */
export type OutcomeDetails =
  | { kind: "consent"; objections: readonly ObjectionStatus[] }
  | { kind: "consensus"; blocks: readonly BlockRecord[]; reservations: readonly BlockRecord[] }
  | { kind: "majority"; agree: number; disagree: number; abstain: number }
  | { kind: "weighted"; agree: number; disagree: number; abstain: number; totalWeight: number }
  | {
      kind: "advice";
      deciderId: string;
      decision: "adopt" | "reject" | null;
      note: string | null;
      adviceBySeat: readonly { seatId: string; advice: readonly AdviceRecord[] }[];
    }
  | { kind: "score"; min: number; max: number }
  | { kind: "instant_runoff"; rounds: readonly RunoffRound[] }
  | { kind: "borda" }
  | { kind: "dot_vote"; dotsPerPerson: number; dotsCast: number }
  | { kind: "meeting_time"; slots: readonly SlotAvailability[] };

/** The uniform result of every method. */
export interface Outcome {
  proposalId: string;
  method: DecisionMethodKind;
  result: OutcomeResult;
  /** Stance methods: passed or not (null while an advice decision is awaited); choice methods: null. */
  passed: boolean | null;
  /** Choice methods: the chosen option(s); more than one means a tie. */
  winners: readonly string[];
  ranking: readonly RankEntry[];
  failedBecause: readonly FailureReason[];
  /** The closing time has been reached (or the proposal was closed): the outcome is final. */
  final: boolean;
  quorum: QuorumStatus;
  tally: readonly TallyLine[];
  seats: readonly DecisionSeatTally[];
  seatsSplit: readonly string[];
  seatsNotParticipating: readonly string[];
  details: OutcomeDetails;
}

/** What the tally needs beside the proposal and positions. */
export interface TallyContext {
  seats: readonly SeatRef[];
  now: Date;
  /** Consent: the proposer's responses to objections. */
  objectionResponses?: readonly ObjectionResponse[];
  /** Advice: the decider's decision, once recorded. */
  adviceDecision?: AdviceDecision | null;
}
