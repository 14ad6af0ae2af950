import type { AlertSignal, HealthActivity, HealthDynamic, Pathology, Trend } from "@trellis/core/health";

// The shapes the health API answers with (docs/briefs/health-api.md, packages/server/src/presenters/health.presenter.ts).
// Those the API passes on from the engine as they are come from core: the pathologies, a trend
// (change against the window 90 days earlier), the activity behind a score (below the engine's
// minimum the index is not yet meaningful) and a signal quoted as an alert's evidence.
export type { AlertSignal, HealthActivity, Pathology, Trend };

export type Dynamic = HealthDynamic;

export interface HealthWindow {
  from: string;
  to: string;
  days: number;
}

/** One signal: value on 0–1 (1 the healthy end), null without evidence in the window. */
export interface Signal {
  id: string;
  dynamic: Dynamic;
  label: string;
  scope: "alliance" | "seat";
  seatId: string | null;
  value: number | null;
  trend: Trend;
  raw: Record<string, number>;
  formula: string;
  weight: number;
  window: HealthWindow;
  recordCount: number;
}

export interface SubIndex {
  dynamic: Dynamic;
  value: number | null;
  trend: Trend;
  signals: Signal[];
}

/** A record behind a signal or an alert; `path` is the web page that shows it. */
export interface EvidenceRecord {
  recordType: string;
  recordId: string;
  factType: string;
  eventSeq: number | null;
  at: string;
  title: string | null;
  path: string;
}

export interface HealthAlert {
  id: string;
  key: string;
  pathology: Pathology;
  title: string;
  seatId: string | null;
  seatName: string | null;
  status: "active" | "resolved";
  onset: string;
  updatedAt: string;
  resolvedAt: string | null;
  score: number;
  peakScore: number;
  description: string;
  /** Facilitators only. */
  suggestedMove: string | null;
  /** Facilitators only. */
  evidence: { signals: AlertSignal[]; records: EvidenceRecord[] } | null;
}

export interface SeatHealth {
  seatId: string;
  seatName: string;
  index: number | null;
  trend: Trend;
  activity: HealthActivity;
  dynamics: { dynamic: Dynamic; value: number | null; trend: Trend }[];
  /** Facilitators: every seat; partners: their own seats only; else null. */
  signals: Signal[] | null;
}

export interface PerceptionGap {
  dynamic: Dynamic;
  spread: number | null;
  pulseId: string | null;
  /** Per-seat means (groups of at least k): facilitators only. */
  seats: { seatId: string; seatName: string; mean: number; respondents: number }[] | null;
}

export interface AllianceHealth {
  allianceId: string;
  asOf: string;
  lastSeq: number;
  window: HealthWindow;
  index: number | null;
  trend: Trend;
  activity: HealthActivity;
  dynamics: SubIndex[];
  seats: SeatHealth[];
  perceptionGap: PerceptionGap[];
  alerts: HealthAlert[];
  viewer: { isFacilitator: boolean; pulseMinGroupSize: number };
}

export interface HealthExplanation {
  allianceId: string;
  asOf: string;
  dynamic: Dynamic;
  seatId: string | null;
  value: number | null;
  formula: string;
  signals: { signal: Signal; contribution: number | null; records: EvidenceRecord[]; totalRecords: number }[];
}

export interface HealthHistory {
  allianceId: string;
  seatId: string | null;
  weeks: { weekEnd: string; index: number | null; activity: HealthActivity; dynamics: Record<Dynamic, number | null>; activeAlerts: number }[];
}

export interface PortfolioItem {
  allianceId: string;
  name: string;
  slug: string;
  stage: string;
  index: number | null;
  /** Null when never computed, or computed before the activity was kept. */
  activity: HealthActivity | null;
  trend: Trend;
  series: { weekEnd: string; index: number | null }[];
  dynamics: Record<string, number | null>;
  openAlerts: { id: string; pathology: Pathology; title: string; seatId: string | null; seatName: string | null; onset: string }[];
  stalledLoops: number;
  silentSeats: { seatId: string; seatName: string }[];
  unresolvedObjections: number;
  openTensions: number;
  renewal: { dueOn: string | null; overdue: boolean };
  computedAt: string | null;
  stale: boolean;
}

export interface Portfolio {
  items: PortfolioItem[];
  nextCursor: string | null;
  total: number;
}

export type PortfolioSort = "index" | "name" | "alerts" | "trend" | "renewal" | "updated";

export interface PortfolioFilters {
  sort: PortfolioSort;
  order: "asc" | "desc";
  q?: string;
  hasAlerts?: "true" | "false";
  pathology?: Pathology;
  stage?: string;
}

/** What to explain: a whole dynamic or one signal, for the alliance or one seat. */
export type ExplainTarget = { dynamic: Dynamic; signal?: undefined; seatId: string | null } | { signal: string; dynamic?: undefined; seatId: string | null };
