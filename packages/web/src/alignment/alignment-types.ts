// The shapes the alignment-map API answers with, mirroring
// packages/server/src/presenters/alignment.presenter.ts and alignment-results.presenter.ts.

export type AlignmentVote = "agree" | "disagree" | "pass";
export type AlignmentModeration = "pending" | "accepted" | "rejected" | "meta";
export type AlignmentModerationOutcome = Exclude<AlignmentModeration, "pending">;
export type AlignmentLinkKind = "proposal" | "charter_clause";

export interface AlignmentProgress {
  voted: number;
  total: number;
}

export interface AlignmentMapSummary {
  id: string;
  question: string;
  description: string;
  status: "open" | "closed";
  source: "trellis" | "polis";
  link: { kind: string; id: string } | null;
  createdAt: string;
  updatedAt: string;
  counts: { statements: number; pending: number; voters: number; votes: number };
  results: { k: number; computedAt: string; isStale: boolean } | null;
}

export interface AlignmentMap extends AlignmentMapSummary {
  version: number;
  revision: number;
  visibility: { level: string; seatIds: string[] };
  createdBy: { id: string; displayName: string } | null;
  me: { hasJoined: boolean; progress: AlignmentProgress };
  can: { addStatement: boolean; moderate: boolean; vote: boolean; update: boolean };
}

export interface AlignmentStatementRef {
  id: string;
  number: number;
  body: string;
}

export interface AlignmentStatement extends AlignmentStatementRef {
  moderation: AlignmentModeration;
  isMine: boolean;
  myVote: AlignmentVote | null;
  createdAt: string;
  moderatedAt: string | null;
  version: number;
}

export interface AlignmentNext {
  statement: (AlignmentStatementRef & { moderation: string }) | null;
  progress: AlignmentProgress;
  changed?: boolean;
}

export interface AlignmentTally {
  agrees: number;
  disagrees: number;
  passes: number;
  votes: number;
}

export interface AlignmentPoint {
  x: number;
  y: number;
  group: number | null;
  isMe: boolean;
}

export interface AlignmentGroup {
  id: number;
  label: string;
  size: number;
  representative: (AlignmentStatementRef & AlignmentTally & { direction: "agree" | "disagree"; probability: number; repness: number })[];
}

export interface AlignmentSeat {
  seatId: string;
  name: string;
  voters: number;
  groupCounts: number[];
  unclustered: number;
  isSplit: boolean;
}

export interface AlignmentSeatPair {
  seats: { id: string; name: string }[];
  inDifferentGroups: boolean;
  sharedStatements: number;
  meanAbsoluteDifference: number;
  statements: (AlignmentStatementRef & { difference: number; first: AlignmentTally & { mean: number }; second: AlignmentTally & { mean: number } })[];
}

export interface AlignmentResults {
  mapId: string;
  /** collecting: fewer than minVoters have voted; computing: the first result is on its way; ready: a result to show. */
  status: "collecting" | "computing" | "ready";
  isStale: boolean;
  revision: number;
  computedRevision: number | null;
  computedAt: string | null;
  voters: number;
  votes: number;
  minVoters: number;
  k: number;
  points: AlignmentPoint[];
  me: { group: number | null; x: number; y: number } | null;
  groups: AlignmentGroup[];
  consensus: {
    agree: (AlignmentStatementRef & AlignmentTally & { probability: number })[];
    disagree: (AlignmentStatementRef & AlignmentTally & { probability: number })[];
  };
  bridging: (AlignmentStatementRef & AlignmentTally & { gac: number; groupAgreement: number[] })[];
  uncertain: (AlignmentStatementRef & { passes: number; votes: number; passRatio: number })[];
  divisive: (AlignmentStatementRef & { spread: number; gac: number; groupAgreement: number[]; mostAgreeingGroup: number; leastAgreeingGroup: number })[];
  seats: AlignmentSeat[];
  seatPairs: AlignmentSeatPair[];
  statements: (AlignmentStatementRef & AlignmentTally & { moderation: string; gac: number; groups: AlignmentTally[] })[];
}

/** A proposal as the decisions API lists it (only what the link picker reads). */
export interface ProposalRef {
  id: string;
  title: string;
  state: "open" | "closed";
}

/** The charter as its API answers (only what the link picker reads). */
export interface CharterClauses {
  sections: { section: string; clauses: { id: string; text: string }[] }[];
}
