import type { CommitmentRole, CommitmentState, EscalationLevel, LoopReason, MoveName } from "@trellis/core/commitments";
import type { LedgerMeasures } from "@trellis/core/commitments/measure-ledger";

// The shapes the commitments API answers with (packages/server/src/presenters/commitment*.presenter.ts).

export interface Party {
  person: { id: string; displayName: string };
  seat: { id: string; name: string };
}

export interface MoveOption {
  move: MoveName;
  label: string;
  terms: "none" | "optional" | "required";
  needsAnswerBy: boolean;
}

export interface CommitmentSummary {
  id: string;
  allianceId: string;
  title: string;
  state: CommitmentState;
  stateLabel: string;
  isOpen: boolean;
  version: number;
  conditions: string;
  dueAt: string;
  timeZone: string;
  dueLocal: string;
  customer: Party;
  performer: Party;
  links: { meetingId: string | null; proposalId: string | null; charterClauseId: string | null; goalId: string | null };
  visibility: { level: string; seatIds: string[]; cleanTeamId: string | null };
  pendingRenegotiation: {
    by: CommitmentRole;
    person: { id: string; displayName: string };
    at: string;
    conditions: string | null;
    dueAt: string | null;
    timeZone: string | null;
  } | null;
  commitToCommitBy: string | null;
  deadline: { at: string | null; kind: "due" | "answer_by" | null; waitsOn: CommitmentRole | null; level: EscalationLevel; isOverdue: boolean; overdueDays: number };
  turn: { role: CommitmentRole; personId: string; reason: LoopReason; reasonLabel: string } | null;
  myRole: CommitmentRole | null;
  availableMoves: MoveOption[];
  negotiationRounds: number;
  createdAt: string;
  updatedAt: string;
  openedAt: string | null;
  closedAt: string | null;
  lastMove: { move: MoveName; label: string; at: string } | null;
  nudgedAt: string | null;
}

export interface ThreadEntry {
  seq: number;
  move: MoveName;
  label: string;
  by: { id: string; displayName: string };
  role: CommitmentRole;
  at: string;
  message: string | null;
  terms: { conditions: string | null; dueAt: string | null; timeZone: string | null } | null;
  answerBy: string | null;
}

export interface CommitmentDetail extends CommitmentSummary {
  thread: ThreadEntry[];
  canNudge: boolean;
}

export type LoopSide = "waits_on_me" | "i_wait_on";

export interface LoopItem extends CommitmentSummary {
  loop: { side: LoopSide; reason: LoopReason; reasonLabel: string; counterpart: Party };
}

export interface LoopCounts {
  waitsOnMe: number;
  iWaitOn: number;
  overdueWaitsOnMe: number;
  overdueIWaitOn: number;
  waitsOnMeByReason: Partial<Record<LoopReason, number>>;
  iWaitOnByReason: Partial<Record<LoopReason, number>>;
}

export interface LoopPage {
  items: LoopItem[];
  nextCursor: string | null;
  counts: LoopCounts;
}

export interface LoopCountsEverywhere {
  total: { waitsOnMe: number; iWaitOn: number; overdueWaitsOnMe: number; overdueIWaitOn: number };
  alliances: (LoopCounts & { allianceId: string; name: string; slug: string })[];
}

/** The ledger's measures, as core computes them (the API sends them as they are). */
export type { LedgerMeasures };

export interface SeatRef {
  id: string;
  name: string;
}

export interface PairLedger {
  customerSeat: SeatRef;
  performerSeat: SeatRef;
  measures: LedgerMeasures;
}

export interface Ledger {
  asOf: string;
  from: string | null;
  to: string | null;
  alliance: LedgerMeasures;
  seats: { seat: SeatRef; measures: LedgerMeasures }[];
  pairs: PairLedger[];
}

export interface SeatLedger {
  asOf: string;
  from: string | null;
  to: string | null;
  seat: SeatRef;
  measures: LedgerMeasures;
  pairs: PairLedger[];
}

export interface CommitmentNetwork {
  asOf: string;
  from: string | null;
  to: string | null;
  nodes: { id: string; name: string; kind: string; commitments: number; promisesMade: number; requestsMade: number; promiseKeepingRate: number | null; overdueOpenLoops: number }[];
  edges: { id: string; source: string; target: string; count: number; open: number; promisesCameDue: number; keptOnTime: number; keptOnTimeRate: number | null }[];
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  allianceId: string | null;
  record: { type: string; id: string } | null;
  path: string | null;
  actorId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
  unreadCount: number;
}

/** What a move sends: the version seen, the move, and words or new terms where the move takes them. */
export interface MoveInput {
  version: number;
  move: MoveName;
  message?: string;
  conditions?: string;
  dueAt?: string;
  timeZone?: string;
  answerBy?: string;
}

export interface NewCommitmentInput {
  opening: "request" | "offer";
  title: string;
  conditions: string;
  dueAt: string;
  timeZone: string;
  seatId?: string;
  counterpart: { personId: string; seatId?: string };
  visibility?: { level: "alliance" } | { level: "seats"; seatIds: string[] };
  message?: string;
}
