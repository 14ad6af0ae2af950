import type { DecisionMethodKind, OutcomeResult, SeatRule, Stance } from "@trellis/core/decisions";
import type { PersonRef } from "../api/types";

// The shapes the decisions API answers with (packages/server/src/presenters/decision.presenter.ts
// and decision-log.presenter.ts).

export type MethodView =
  | { kind: "consent" }
  | { kind: "consensus" }
  | { kind: "majority" }
  | { kind: "weighted" }
  | { kind: "advice"; deciderId: string }
  | { kind: "score"; min: number; max: number }
  | { kind: "ranked_choice"; count: "instant_runoff" | "borda" }
  | { kind: "dot_vote"; dotsPerPerson: number; maxPerOption: number | null }
  | { kind: "meeting_time" };

export type QuorumView = { kind: "none" } | { kind: "seats"; count: number } | { kind: "fraction"; fraction: { numerator: number; denominator: number } };

export type PositionValueView =
  | { kind: "stance"; stance: Stance }
  | { kind: "scores"; scores: Record<string, number> }
  | { kind: "ranking"; ranking: string[] }
  | { kind: "dots"; dots: Record<string, number> }
  | { kind: "availability"; slotIds: string[] };

export interface PositionView {
  id: string;
  seatId: string;
  seatName: string;
  /** Null on an anonymous proposal. */
  person: PersonRef | null;
  value: PositionValueView;
  reason: string | null;
  takenAt: string;
}

export interface SeatTallyView {
  seatId: string;
  name: string;
  weight: number;
  participated: boolean;
  delegates: number;
  split: boolean;
  /** Stance methods: the derived stance or "split"; null for choice methods. */
  stance: string | null;
  delegateCounts: Record<string, number>;
  contribution: Record<string, number>;
}

export interface SeatName {
  seatId: string;
  name: string;
}

export interface OptionRef {
  optionId: string;
  label: string;
}

export interface ObjectionStatusView {
  positionId: string;
  seatId: string;
  personId: string | null;
  reason: string;
  status: "open" | "addressed" | "integrated";
  note: string | null;
}

export interface BlockRecordView {
  positionId: string;
  seatId: string;
  personId: string | null;
  reason: string;
}

export interface AdviceRecordView {
  positionId: string;
  personId: string | null;
  stance: Stance;
  advice: string;
  taken: boolean;
}

export interface RunoffRoundView {
  counts: Record<string, number>;
  exhausted: number;
  eliminated: string | null;
  tieBreak: "none" | "previous_rounds" | "option_order";
}

export interface SlotAvailabilityView {
  optionId: string;
  startsAt: string | null;
  seatsAvailable: string[];
  personsAvailable: number;
}

/** What only some methods report (core's OutcomeDetails). */
export type OutcomeDetailsView =
  | { kind: "consent"; objections: ObjectionStatusView[] }
  | { kind: "consensus"; blocks: BlockRecordView[]; reservations: BlockRecordView[] }
  | { kind: "majority"; agree: number; disagree: number; abstain: number }
  | { kind: "weighted"; agree: number; disagree: number; abstain: number; totalWeight: number }
  | { kind: "advice"; deciderId: string; decision: "adopt" | "reject" | null; note: string | null; adviceBySeat: { seatId: string; advice: AdviceRecordView[] }[] }
  | { kind: "score"; min: number; max: number }
  | { kind: "instant_runoff"; rounds: RunoffRoundView[] }
  | { kind: "borda" }
  | { kind: "dot_vote"; dotsPerPerson: number; dotsCast: number }
  | { kind: "meeting_time"; slots: SlotAvailabilityView[] };

export interface OutcomeView {
  proposalId: string;
  method: DecisionMethodKind;
  result: OutcomeResult;
  passed: boolean | null;
  winners: OptionRef[];
  ranking: (OptionRef & { score: number | null; rank: number })[];
  failedBecause: string[];
  final: boolean;
  quorum: { required: number; participating: number; met: boolean };
  tally: { key: string; label: string; byPerson: number; bySeat: number }[];
  seats: SeatTallyView[];
  seatsSplit: SeatName[];
  seatsNotParticipating: SeatName[];
  details: OutcomeDetailsView;
}

export interface StatementView {
  statement: string;
  reviewOn: string;
  reviewDue: boolean;
  recordedBy: PersonRef;
  recordedAt: string;
  version: number;
}

export interface ProposalSummary {
  id: string;
  title: string;
  method: MethodView;
  state: "open" | "closed";
  closesAt: string | null;
  closedAt: string | null;
  hiddenUntilClose: boolean;
  anonymous: boolean;
  proposer: { id: string; displayName: string; seatId: string | null; seatName: string | null };
  positionCount: number;
  seatsTakingPart: number;
  result: OutcomeResult | null;
  createdAt: string;
  version: number;
}

export interface ProposalOptionView {
  id: string;
  label: string;
  startsAt: string | null;
}

export interface ProposalView extends ProposalSummary {
  body: string;
  options: ProposalOptionView[];
  quorum: QuorumView;
  seatRule: SeatRule;
  allowedStances: Stance[];
  seats: { id: string; name: string; weight: number }[];
  participation: { seatsTakingPart: string[]; seatsNotTakingPart: string[]; positionCount: number };
  resultsVisible: boolean;
  outcome: OutcomeView | null;
  positions: PositionView[] | null;
  myPosition: PositionView | null;
  adviceDecision: { decider: PersonRef; decision: "adopt" | "reject"; note: string; adviceTaken: string[] } | null;
  statement: StatementView | null;
  can: { takePosition: boolean; edit: boolean; close: boolean; respondToObjections: boolean; decide: boolean; recordOutcome: boolean };
}

export interface DecisionLogEntry {
  proposalId: string;
  title: string;
  method: MethodView;
  result: OutcomeResult;
  passed: boolean | null;
  chosen: OptionRef[];
  closedAt: string;
  proposer: PersonRef;
  anonymous: boolean;
  quorum: { required: number; participating: number; met: boolean };
  seats: (SeatName & { part: string })[];
  seatsNotParticipating: SeatName[];
  seatsSplit: SeatName[];
  statement: { statement: string; reviewOn: string; reviewDue: boolean; recordedAt: string; recordedBy: string | null } | null;
}

/** What the proposal form sends (POST /proposals). */
export interface NewProposal {
  title: string;
  body?: string;
  method:
    | { kind: "consent" | "consensus" | "majority" | "weighted" | "meeting_time" }
    | { kind: "advice"; deciderId?: string }
    | { kind: "score"; min: number; max: number }
    | { kind: "ranked_choice"; count: "instant_runoff" | "borda" }
    | { kind: "dot_vote"; dotsPerPerson: number; maxPerOption: number | null };
  options?: { label: string; startsAt?: string | null }[];
  closesAt?: string | null;
  hiddenUntilClose?: boolean;
  anonymous?: boolean;
  quorum?: QuorumView;
  seatRule?: SeatRule;
  seatId?: string | null;
}

export interface DecisionLogFilter {
  q?: string;
  method?: DecisionMethodKind | "";
  result?: OutcomeResult | "";
  reviewDueOn?: string;
}
