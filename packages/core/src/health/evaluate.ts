import { AppError } from "../errors";
import type { HealthAlert, EvidenceRecord } from "./alerts";
import { alertsAt } from "./alerts";
import { DAY_MS, dayOf, healthDynamics } from "./facts";
import type { HealthDynamic, HealthFact, HealthFactType } from "./facts";
import type { SignalContext, SignalDefinition, SignalScope } from "./signals";
import { findSignalDefinition, pointEvidence, readSignal, signalDefinitions } from "./signals";
import type { HealthOptions, HealthState } from "./state";
import { activeSeats, applyFact, createHealthState, sumWindow } from "./state";

export type TrendDirection = "up" | "down" | "flat" | "unknown";

export interface Trend {
  /** The value one window earlier (at now − windowDays). */
  previous: number | null;
  delta: number | null;
  direction: TrendDirection;
}

/** A window of time in epoch ms: [from, to) covering whole UTC days. */
export interface HealthWindow {
  from: number;
  to: number;
  days: number;
}

export interface HealthSignal {
  id: string;
  dynamic: HealthDynamic;
  label: string;
  /** Where the value was computed: for a seat, an alliance-scope signal is the alliance's value. */
  scope: SignalScope;
  seatId: string | null;
  /** 0–1, 1 the healthy end; null when there is no evidence in the window. */
  value: number | null;
  raw: Record<string, number>;
  formula: string;
  weight: number;
  window: HealthWindow;
  trend: Trend;
  evidence: { factTypes: readonly HealthFactType[]; recordCount: number };
}

export interface SubIndex {
  dynamic: HealthDynamic;
  /** 0–100, the weighted mean of its signals with a value; null when none has one. */
  value: number | null;
  trend: Trend;
  signalIds: string[];
}

/**
 * The least evidence, in records behind a score's signals over the window, for its index to mean
 * something. Several signals read healthy with no records at all (no open tension, intent renewed
 * within its period, a health check not yet due), so a quiet alliance scores high: silence is not
 * health. Records are counted once per signal they feed (see HealthActivity), and a record usually
 * feeds two to four: one meeting of four seats held as scheduled counts about 10 (held and
 * scheduled, four seats expected, the seats present), a request answered about 4 (conditions,
 * request equity, responsiveness, the healthy no). 20 is then about two meetings, or one meeting
 * and a few requests, in 90 days: below that a handful of readings decide the index, and the
 * readings that need no records weigh as much as the rest.
 */
export const MIN_HEALTH_RECORDS = 20;

/**
 * How much evidence a score rests on. `records` sums the record counts of the score's own signals
 * that have a value (a record feeding several signals counts once per signal, so it measures the
 * weight of evidence, not distinct records); for a seat, only its seat-scope signals count, since
 * the alliance-wide signals a seat's sub-indices borrow are the alliance's evidence, not the seat's.
 * `enough` is records ≥ MIN_HEALTH_RECORDS; the index is computed either way.
 */
export interface HealthActivity {
  records: number;
  enough: boolean;
}

export interface HealthScore {
  seatId: string | null;
  /** 0–100: the mean of the sub-indices with a value (equal weights). */
  index: number | null;
  trend: Trend;
  dynamics: Record<HealthDynamic, SubIndex>;
  signals: HealthSignal[];
  /** The evidence behind the score in the window: below MIN_HEALTH_RECORDS the index is not yet meaningful. */
  activity: HealthActivity;
}

export interface HealthReport {
  now: number;
  window: HealthWindow;
  alliance: HealthScore;
  /** One score per seat active at `now`, ordered by seat id. */
  seats: HealthScore[];
  /** Every alert raised up to now (active and resolved), ordered by raisedAt. */
  alerts: HealthAlert[];
}

/** A score before presentation: every signal's reading, each sub-index and the index (unrounded). */
export interface RawScore {
  signals: Map<string, { def: SignalDefinition; value: number | null; raw: Record<string, number>; recordCount: number; scope: SignalScope }>;
  dynamics: Map<HealthDynamic, number | null>;
  index: number | null;
}

function contextAt(state: HealthState, day: number): SignalContext {
  const w = state.options.windowDays;
  const covered = Number.isFinite(state.firstDay) ? Math.max(0, Math.min(w, day - state.firstDay + 1)) : 0;
  return {
    state,
    day,
    windowDays: w,
    seats: activeSeats(state, day),
    sums: sumWindow(state, day - w, day),
    shifted: sumWindow(state, day - w - 14, day - 14),
    coverage: covered / w,
  };
}

function scoreAt(ctx: SignalContext, seat: number | null, allianceRaw: RawScore | null): RawScore {
  const signals: RawScore["signals"] = new Map();
  for (const def of signalDefinitions) {
    if (seat === null || def.scopes.includes("seat")) {
      const r = readSignal(def, ctx, seat);
      signals.set(def.id, { def, value: r.value, raw: r.raw, recordCount: r.recordCount, scope: seat === null ? "alliance" : "seat" });
    } else if (allianceRaw) {
      const a = allianceRaw.signals.get(def.id);
      if (a) signals.set(def.id, a);
    }
  }
  const dynamics = new Map<HealthDynamic, number | null>();
  let sum = 0;
  let count = 0;
  for (const dynamic of healthDynamics) {
    let ws = 0;
    let w = 0;
    for (const s of signals.values()) {
      if (s.def.dynamic !== dynamic || s.value === null) continue;
      ws += s.def.weight * s.value;
      w += s.def.weight;
    }
    const value = w > 0 ? (100 * ws) / w : null;
    dynamics.set(dynamic, value);
    if (value !== null) {
      sum += value;
      count++;
    }
  }
  return { signals, dynamics, index: count > 0 ? sum / count : null };
}

/** The scores of the trend's earlier window on one day: the alliance and every seat active then. */
export interface PreviousScores {
  day: number;
  alliance: RawScore;
  seats: Map<number, RawScore>;
}

/**
 * The scores of the earlier window, cached in the state: they change only when a fact dated on
 * or before that day arrives (applyFact then drops the cache), so a live system evaluating after
 * each fact computes them once a day instead of once a fact.
 */
function previousScoresAt(state: HealthState, day: number): PreviousScores {
  const cached = state.previousScores;
  if (cached && cached.day === day) return cached;
  const ctx = contextAt(state, day);
  const alliance = scoreAt(ctx, null, null);
  const seats = new Map<number, RawScore>();
  for (const seat of ctx.seats) seats.set(seat, scoreAt(ctx, seat, alliance));
  const scores = { day, alliance, seats };
  state.previousScores = scores;
  return scores;
}

function trendOf(current: number | null, previous: number | null, flat: number): Trend {
  if (current === null || previous === null) return { previous, delta: null, direction: "unknown" };
  const delta = Math.round((current - previous) * 10_000) / 10_000;
  return { previous, delta, direction: Math.abs(delta) < flat ? "flat" : delta > 0 ? "up" : "down" };
}

function roundIndex(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value);
}

function windowOf(day: number, days: number, shift = 0): HealthWindow {
  return { from: (day - days - shift + 1) * DAY_MS, to: (day - shift + 1) * DAY_MS, days };
}

/** The evidence behind a score: the record counts of its own signals with a value (see HealthActivity). */
function activityOf(current: RawScore, seatId: string | null): HealthActivity {
  const ownScope: SignalScope = seatId === null ? "alliance" : "seat";
  let records = 0;
  for (const s of current.signals.values()) if (s.scope === ownScope && s.value !== null) records += s.recordCount;
  return { records, enough: records >= MIN_HEALTH_RECORDS };
}

function toScore(current: RawScore, previous: RawScore | null, seatId: string | null, day: number, windowDays: number): HealthScore {
  const signals: HealthSignal[] = [];
  for (const s of current.signals.values()) {
    const prev = previous?.signals.get(s.def.id)?.value ?? null;
    const shift = s.def.evidenceWindow === "shifted" ? 14 : 0;
    signals.push({
      id: s.def.id,
      dynamic: s.def.dynamic,
      label: s.def.label,
      scope: s.scope,
      seatId: s.scope === "seat" ? seatId : null,
      value: s.value,
      raw: s.raw,
      formula: s.def.formula,
      weight: s.def.weight,
      window: s.def.evidenceWindow === "point" ? windowOf(day, 1) : windowOf(day, windowDays, shift),
      trend: trendOf(s.value, prev, 0.05),
      evidence: { factTypes: s.def.factTypes, recordCount: s.recordCount },
    });
  }
  const activity = activityOf(current, seatId);
  // The index and sub-indices move only between windows that both rest on enough activity: against
  // (or from) a window with too little, a "down 48 points" compares with a number that meant little.
  const comparable = previous !== null && activity.enough && activityOf(previous, seatId).enough ? previous : null;
  const dynamics = {} as Record<HealthDynamic, SubIndex>;
  for (const dynamic of healthDynamics) {
    const value = roundIndex(current.dynamics.get(dynamic));
    const prev = roundIndex(comparable?.dynamics.get(dynamic));
    dynamics[dynamic] = {
      dynamic,
      value,
      trend: trendOf(value, prev, 5),
      signalIds: signals.filter((s) => s.dynamic === dynamic).map((s) => s.id),
    };
  }
  const index = roundIndex(current.index);
  return { seatId, index, trend: trendOf(index, roundIndex(comparable?.index), 5), dynamics, signals, activity };
}

/**
 * Evaluates the health of an alliance at `now` from an incremental state: signals over the
 * window ending on now's UTC day, their trends against the window before, sub-indices and the
 * index for the alliance and each active seat, and every alert raised so far. Facts dated after
 * now's day are ignored. Its cost depends on the number of seats, not on the length of history
 * (window sums are differences of running totals; the earlier window's scores are cached).
 * Mutates only the state's caches (alert history, earlier window's scores).
 */
export function evaluate(state: HealthState, now: number): HealthReport {
  const day = dayOf(now);
  const w = state.options.windowDays;
  const ctx = contextAt(state, day);
  const previous = previousScoresAt(state, day - w);
  const allianceNow = scoreAt(ctx, null, null);
  const seats = ctx.seats.map((seat) => {
    const id = (state.seats[seat] as { id: string }).id;
    return toScore(scoreAt(ctx, seat, allianceNow), previous.seats.get(seat) ?? null, id, day, w);
  });
  return {
    now,
    window: windowOf(day, w),
    alliance: toScore(allianceNow, previous.alliance, null, day, w),
    seats,
    alerts: alertsAt(state, day),
  };
}

/** The full computation: folds every fact into a fresh state and evaluates it at `now`. */
export function computeHealth(facts: readonly HealthFact[], now: number, options: Partial<HealthOptions> = {}): HealthReport {
  const state = createHealthState(options);
  // An indexed loop: a for-of over a million facts can allocate an iterator result per fact when not optimized.
  for (let i = 0; i < facts.length; i++) applyFact(state, facts[i] as HealthFact);
  return evaluate(state, now);
}

export interface SignalExplanation {
  signal: HealthSignal;
  /** The records behind the value, newest first (up to `limit`). */
  records: EvidenceRecord[];
  /** How many matching records there are in the window (may exceed records.length). */
  totalRecords: number;
}

export interface DynamicExplanation {
  dynamic: HealthDynamic;
  seatId: string | null;
  value: number | null;
  formula: string;
  signals: (SignalExplanation & { contribution: number | null })[];
}

function seatIndexOf(state: HealthState, seatId: string | null): number | null {
  if (seatId === null) return null;
  const index = state.seatIndex.get(seatId);
  if (index === undefined) throw new AppError("not_found", `No seat ${seatId} in this alliance's health facts.`, { seatId });
  return index;
}

function collectRecords(state: HealthState, def: SignalDefinition, day: number, seatId: string | null, limit: number) {
  const w = state.options.windowDays;
  const facts: HealthFact[] = [];
  if (def.evidenceWindow === "point") {
    facts.push(...pointEvidence(def, state, day));
  } else {
    const end = def.evidenceWindow === "shifted" ? day - 14 : day;
    for (let d = end; d > end - w; d--) {
      const list = state.factsByDay.get(d);
      if (!list) continue;
      const matched = list.filter((f) => def.matches(f, def.scopes.includes("seat") ? seatId : null));
      matched.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      facts.push(...matched);
    }
  }
  return {
    records: facts.slice(0, limit).map((f) => ({ factId: f.id, type: f.type, recordId: f.recordId, at: f.at })),
    totalRecords: facts.length,
  };
}

/** Explains one signal at `now` for the alliance (seatId null) or a seat: its value, formula and the records behind it. */
export function explainSignal(state: HealthState, now: number, signalId: string, seatId: string | null = null, limit = 50): SignalExplanation {
  const def = findSignalDefinition(signalId);
  if (!def) throw new AppError("not_found", `No health signal ${signalId}.`, { signalId });
  const seat = seatIndexOf(state, seatId);
  const report = evaluateSignalsOnly(state, now, seat);
  const signal = report.signals.find((s) => s.id === signalId) as HealthSignal;
  return { signal, ...collectRecords(state, def, dayOf(now), seatId, limit) };
}

/** Explains a sub-index ("why is authorship 41?"): each signal with its weight, contribution and records. */
export function explainDynamic(state: HealthState, now: number, dynamic: HealthDynamic, seatId: string | null = null, limit = 20): DynamicExplanation {
  const seat = seatIndexOf(state, seatId);
  const score = evaluateSignalsOnly(state, now, seat);
  const signals = score.signals.filter((s) => s.dynamic === dynamic);
  const totalWeight = signals.reduce((a, s) => a + (s.value === null ? 0 : s.weight), 0);
  return {
    dynamic,
    seatId,
    value: score.dynamics[dynamic].value,
    formula: "100 × Σ(weight × value) / Σ weight over the signals that have a value.",
    signals: signals.map((s) => {
      const def = findSignalDefinition(s.id) as SignalDefinition;
      return {
        signal: s,
        contribution: s.value === null || totalWeight === 0 ? null : Math.round((10_000 * s.weight * s.value) / totalWeight) / 100,
        ...collectRecords(state, def, dayOf(now), s.scope === "seat" ? seatId : null, limit),
      };
    }),
  };
}

function evaluateSignalsOnly(state: HealthState, now: number, seat: number | null): HealthScore {
  const day = dayOf(now);
  const w = state.options.windowDays;
  const ctx = contextAt(state, day);
  const previous = previousScoresAt(state, day - w);
  const allianceNow = scoreAt(ctx, null, null);
  if (seat === null) return toScore(allianceNow, previous.alliance, null, day, w);
  const id = (state.seats[seat] as { id: string }).id;
  // Explanations show a trend even for a seat that was not active in the earlier window.
  const earlier = previous.seats.get(seat) ?? scoreAt(contextAt(state, day - w), seat, previous.alliance);
  return toScore(scoreAt(ctx, seat, allianceNow), earlier, id, day, w);
}
