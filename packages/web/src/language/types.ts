// The shapes the language API answers with (packages/server/src/presenters/register.presenter.ts,
// tension.presenter.ts, pulse.presenter.ts, story.presenter.ts).

export interface SeatRef {
  id: string;
  name: string;
}

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface RecordVisibility {
  level: "alliance" | "seats" | "facilitators" | "clean_team";
  seatIds?: string[];
  cleanTeamId?: string;
}

export type RegisterKind = "breakdown" | "tension" | "assumption" | "learning";

export interface RecordLink {
  id: string;
  type: string;
  recordId: string;
  relation: "closed_by" | "supports" | "learned_from" | "related";
}

export interface RecordComment {
  id: string;
  author: PersonRef;
  body: string;
  createdAt: string;
}

export interface LinkingRecord {
  linkId: string;
  relation: string;
  recordType: RegisterKind;
  recordId: string;
  title: string;
  status: string | null;
  at: string;
}

/** What every record's page carries besides the record. */
export interface RecordExtras {
  comments: RecordComment[];
  links: RecordLink[];
  linkedFrom: LinkingRecord[];
}

export type BreakdownStatus = "open" | "in_discussion" | "closed";

export interface Breakdown {
  id: string;
  whatHappened: string;
  whatWasExpected: string;
  impact: string;
  seats: SeatRef[];
  namedBy: PersonRef;
  status: BreakdownStatus;
  closure: { kind: "reinterpretation" | "action"; reinterpretation?: string; action?: { type: string; id: string }; note?: string | null } | null;
  namedAt: string;
  discussionOpenedAt: string | null;
  closedAt: string | null;
  visibility: RecordVisibility;
  version: number;
}

export type BreakdownDetail = Breakdown & RecordExtras & { can: { comment: boolean; openDiscussion: boolean; close: boolean } };

export type TensionStatus = "raised" | "in_dialogue" | "resolved" | "reframed";

export interface Tension {
  id: string;
  summary: string;
  detail: string | null;
  target: { kind: "seat"; seat: SeatRef } | { kind: "alliance" };
  anonymous: boolean;
  /** Present only for a named tension. */
  raisedBy?: { person: PersonRef; seat: SeatRef };
  status: TensionStatus;
  raisedAt: string;
  raisedOn: string;
  ageDays: number;
  isOpen: boolean;
  dialogueOpenedAt: string | null;
  closedAt: string | null;
  outcome: { kind: "resolved" | "reframed"; text: string } | null;
  visibility: RecordVisibility;
  version: number;
  /** Facilitators only, and only when an anonymous author chose to tell them. */
  disclosedAuthor?: { person: PersonRef; seat: SeatRef };
}

export type TensionDetail = Tension & RecordExtras & { can: { comment: boolean; move: boolean } };

export interface RaisedTension {
  tension: Tension;
  published: boolean;
  publishesAt: string | null;
}

export type AssumptionStatus = "untested" | "holding" | "invalidated";
export type ConfidenceLevel = "low" | "medium" | "high";

export interface Assumption {
  id: string;
  statement: string;
  holder: { kind: "seat"; seat: SeatRef } | { kind: "person"; person: PersonRef };
  confidence: number | ConfidenceLevel;
  confidenceValue: number;
  testPlan: string;
  status: AssumptionStatus;
  reviewOn: string;
  isReviewDue: boolean;
  decisionIds: string[];
  lastTest: { at: string; outcome: "holding" | "invalidated"; evidence: string } | null;
  recordedBy: PersonRef;
  recordedAt: string;
  visibility: RecordVisibility;
  version: number;
}

export type AssumptionDetail = Assumption & RecordExtras & { can: { comment: boolean; test: boolean; revise: boolean } };

export interface Learning {
  id: string;
  source: { kind: "experiment" | "event"; title: string; link: { type: string; id: string } | null };
  whatHappened: string;
  whatWasLearned: string;
  whatChanges: string;
  seats: SeatRef[];
  recordedBy: PersonRef;
  recordedAt: string;
  revisedAt: string | null;
  visibility: RecordVisibility;
  version: number;
}

export type LearningDetail = Learning & RecordExtras & { can: { comment: boolean; revise: boolean } };

// ---- pulses ----

export type PulseAnswer =
  | { status: "hidden"; k: number; message: string }
  | {
      status: "shown";
      measure: "mean" | "count" | "distribution";
      respondents: number;
      responses: number;
      score?: number;
      meanOnScale?: number | null;
      scale?: string | null;
      counts?: { value: number; label: string; count: number }[];
    };

export interface PulseItem {
  id: string;
  dynamic: string;
  facet: string | null;
  text: string;
  scale: string;
  reversed: boolean;
  directional: boolean;
  block: string;
}

export interface ResponseRate {
  respondents: number;
  invited: number;
  rate: number | null;
}

export type PulseStatus = "scheduled" | "open" | "closing" | "closed";

export interface Pulse {
  id: string;
  title: string;
  sequence: number;
  items: PulseItem[];
  blocks: string[];
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  status: PulseStatus;
  byCadence: boolean;
  responseRate: ResponseRate;
  me: { hasResponded: boolean; canAnswer: boolean };
}

export interface PulseQuestion {
  key: string;
  itemId: string;
  targetSeatId: string | null;
  text: string;
  scale: string;
  labels: string[];
  min: number;
  max: number;
}

export type PulseDetail = Pulse & { questions: PulseQuestion[]; answeringSeatId: string | null };

export interface SeatAnswer {
  seat: SeatRef;
  answer: PulseAnswer;
}

export interface PulseSummary {
  k: number;
  items: { item: PulseItem; overall: PulseAnswer; distribution: PulseAnswer; bySeat: SeatAnswer[]; aboutSeat: SeatAnswer[] }[];
  dynamics: { dynamic: string; itemIds: string[]; overall: PulseAnswer; bySeat: SeatAnswer[]; aboutSeat: SeatAnswer[] }[];
}

export interface PulseResults {
  pulse: Pulse;
  audience: { kind: "facilitator" | "partner"; seatId: string | null };
  responseRate: ResponseRate;
  results: PulseSummary;
}

export interface PulseTrend {
  points: { pulseId: string; title: string; closedAt: string | null; asked: boolean; answer: PulseAnswer | null }[];
  change: number | null;
}

export interface PerceptionGapRow {
  level: "item" | "dynamic";
  key: string;
  seats: { seat: SeatRef; score: number; respondents: number }[];
  spread: number | null;
  standardDeviation: number | null;
}

export interface PerceptionGap {
  pulseIds: string[];
  byItem: PerceptionGapRow[];
  byDynamic: PerceptionGapRow[];
  directional: { itemId: string | null; dynamic: string; seatA: SeatRef; seatB: SeatRef; aTowardB: number; bTowardA: number; gap: number }[];
}

export interface PulseSettings {
  minGroupSize: number;
  default: number;
  lowest: number;
  version: number;
  canChange: boolean;
}

export interface PulseCadence {
  firstOpensAt: string;
  everyWeeks: number;
  openDays: number;
  active: boolean;
  version: number;
}

// ---- the story ----

export interface StoryEntry {
  eventId: string;
  type: string;
  at: string;
  day: string;
  month: string;
  monthHeading: string;
  dynamic: string;
  headline: string;
  seats: { id: string; name: string; role?: string }[];
  record: { type: string; id: string } | null;
}

export interface Story {
  title: string;
  subtitle: string | null;
  count: number;
  entries: StoryEntry[];
}
