import { C, PULSE_SCALE } from "./counters";
import { DAY_MS } from "./facts";
import type { HealthDynamic, HealthFact, HealthFactType } from "./facts";
import { giniEquity, lastPulse, lastRenewal } from "./signals";
import type { HealthState, IssueTrack, WindowSums } from "./state";
import { activeSeats, firstIndexWhere, sumWindow } from "./state";

/**
 * Alerts for the pathologies of shared/reference/health-signals.md. Detection runs on a fixed
 * weekly grid (each Sunday, once the week is complete) so the alert history is a function of the
 * facts alone: evaluating often, rarely, incrementally or in one go gives the same alerts.
 * Each rule has hysteresis: a raise threshold held for `raiseAfter` consecutive checks, a lower
 * clear threshold held for `clearAfter` checks; so an alert is raised once, updated while it
 * persists and resolved when its evidence clears, without flapping.
 */

export const pathologies = [
  "one-sided",
  "false-harmony",
  "fraying-trust",
  "drift",
  "silent-partner",
  "conflict-avoidance",
  "short-termism",
  "perception-gap",
] as const;
export type Pathology = (typeof pathologies)[number];

/** A detection rule: thresholds on a score where 1 means "the evidence meets the raise bar". */
export interface AlertRule {
  pathology: Pathology;
  title: string;
  seatSpecific: boolean;
  /** Raise when score ≥ raiseAt for raiseAfter consecutive weekly checks. */
  raiseAt: number;
  raiseAfter: number;
  /** Resolve when score < clearBelow for clearAfter consecutive weekly checks. */
  clearBelow: number;
  clearAfter: number;
  description: string;
  suggestedMove: string;
}

/** The rules, tuned on simulated alliances with seeds 1–1000 only (see docs/health-validation.md). */
export const alertRules: Record<Pathology, AlertRule> = {
  "one-sided": {
    pathology: "one-sided",
    title: "One-sided alliance",
    seatSpecific: true,
    raiseAt: 1,
    raiseAfter: 2,
    clearBelow: 0.8,
    clearAfter: 3,
    description: "One seat authors most agenda items, proposals, clauses and requests; the others mostly receive.",
    suggestedMove:
      "Before the next meeting, ask every other seat to add at least one agenda item; rotate who chairs and who drafts proposals, and agree with the dominant seat's delegates that it holds back new proposals for one cycle so others can lead.",
  },
  "false-harmony": {
    pathology: "false-harmony",
    title: "False harmony",
    seatSpecific: false,
    raiseAt: 1,
    raiseAfter: 2,
    clearBelow: 0.7,
    clearAfter: 3,
    description: "Decisions pass with no dissent while candor is low: few or no tensions raised, low candor in pulses, or divergence nobody has named.",
    suggestedMove:
      "Open the next meeting with a round where each seat names one concern or disagreement about the work; put the unacknowledged divergences from the alignment map on the agenda, and run an anonymous candor pulse to see whether people feel safe to object.",
  },
  "fraying-trust": {
    pathology: "fraying-trust",
    title: "Fraying trust",
    seatSpecific: false,
    raiseAt: 1,
    raiseAfter: 2,
    clearBelow: 0.7,
    clearAfter: 3,
    description: "Promise-keeping falls, reneges rise and requests go unanswered.",
    suggestedMove:
      "Review the commitment ledger together, without blame: walk through late and reneged promises and unanswered requests, invite performers to revoke openly or renegotiate dates instead of missing them, and agree how partners say no early.",
  },
  drift: {
    pathology: "drift",
    title: "Drift",
    seatSpecific: false,
    raiseAt: 1,
    raiseAfter: 2,
    clearBelow: 0.7,
    clearAfter: 3,
    description: "Meetings are skipped, renewals of shared intent are overdue and goals are not revisited.",
    suggestedMove:
      "Put a renewal of shared intent on the next agenda: restate the goals, confirm the meeting cadence with every seat, and schedule the overdue charter renewal with a date and an owner.",
  },
  "silent-partner": {
    pathology: "silent-partner",
    title: "Silent partner",
    seatSpecific: true,
    raiseAt: 1,
    raiseAfter: 2,
    clearBelow: 0.7,
    clearAfter: 3,
    description: "A seat has stopped attending, taking positions and answering requests.",
    suggestedMove:
      "Contact the silent seat's delegates one to one before the next meeting: ask what changed, whether the alliance still serves their organization, and what would make taking part worthwhile; agree on one concrete way back in.",
  },
  "conflict-avoidance": {
    pathology: "conflict-avoidance",
    title: "Conflict avoidance",
    seatSpecific: false,
    raiseAt: 1,
    raiseAfter: 2,
    clearBelow: 0.7,
    clearAfter: 3,
    description: "Tensions are raised but left open far past the alliance's usual resolution time.",
    suggestedMove:
      "List the tensions open longer than the usual resolution time, give each an owner and a date, and reserve a facilitated slot in the next meeting to work through the oldest ones.",
  },
  "short-termism": {
    pathology: "short-termism",
    title: "Short-termism",
    seatSpecific: false,
    raiseAt: 1,
    raiseAfter: 2,
    clearBelow: 0.7,
    clearAfter: 3,
    description: "No new commitments or goals reach beyond the next quarter.",
    suggestedMove:
      "Schedule a session on the long-term agenda: revisit the charter's purpose and set at least one goal and a few commitments that reach beyond the next quarter, with owners.",
  },
  "perception-gap": {
    pathology: "perception-gap",
    title: "Perception gap",
    seatSpecific: false,
    raiseAt: 1,
    raiseAfter: 2,
    clearBelow: 0.7,
    clearAfter: 3,
    description: "Groups of partners rate the same aspect of the alliance very differently.",
    suggestedMove:
      "Share the diverging ratings as aggregates (never individual answers) and make the difference the agenda of a facilitated review: ask each group what it sees and why, without blame, and agree on one change each side can notice.",
  },
};

/** A signal quoted as evidence for an alert, with the threshold it was judged against. */
export interface AlertSignal {
  id: string;
  label: string;
  value: number;
  threshold: number;
  /** "at_least": the pathology shows when value ≥ threshold; "at_most": when value ≤ threshold. */
  comparison: "at_least" | "at_most";
  windowDays: number;
}

/** A record behind a signal or alert, linkable in the product. */
export interface EvidenceRecord {
  factId: string;
  type: HealthFactType;
  recordId: string;
  at: number;
}

export interface HealthAlert {
  /** Stable: pathology, seat and the day raised. */
  id: string;
  pathology: Pathology;
  title: string;
  seatId: string | null;
  status: "active" | "resolved";
  raisedAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  /** The detection score at the last update (1 = raise threshold). */
  score: number;
  /** Strongest score seen while active. */
  peakScore: number;
  description: string;
  suggestedMove: string;
  evidence: { signals: AlertSignal[]; records: EvidenceRecord[] };
}

interface Detection {
  pathology: Pathology;
  seat: number;
  score: number;
  signals: AlertSignal[];
  records(): HealthFact[];
}

interface Tracker {
  raiseStreak: number;
  clearStreak: number;
  active: HealthAlert | null;
}

interface Snapshot {
  day: number;
  trackers: Map<string, Tracker>;
  closedCount: number;
}

/** The cached alert history of an incremental state. */
export interface AlertTimeline {
  /** Last weekly check computed (a UTC day number), or -Infinity. */
  lastCheckpoint: number;
  /** Earliest day touched by a fact that arrived after its check was computed. */
  dirtyFrom: number;
  trackers: Map<string, Tracker>;
  closed: HealthAlert[];
  snapshots: Snapshot[];
}

/** Creates an empty alert history. */
export function createAlertTimeline(): AlertTimeline {
  return { lastCheckpoint: Number.NEGATIVE_INFINITY, dirtyFrom: Number.POSITIVE_INFINITY, trackers: new Map(), closed: [], snapshots: [] };
}

/** Days of history before any alert may be raised: too little evidence before. */
export const ALERT_WARMUP_DAYS = 56;
const EVIDENCE_LIMIT = 10;

/** True for the weekly check days (Sundays, UTC). */
export function isCheckpointDay(day: number): boolean {
  return (((day + 4) % 7) + 7) % 7 === 0;
}

function firstCheckpointFrom(day: number): number {
  let d = day;
  while (!isCheckpointDay(d)) d++;
  return d;
}

interface CheckContext {
  state: HealthState;
  day: number;
  seats: number[];
  /** Sums over (day − shift − days, day − shift], memoized per check. */
  sums(days: number, shift?: number): WindowSums;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function seatId(state: HealthState, seat: number): string {
  return (state.seats[seat] as { id: string }).id;
}

/** The most recent facts matching `predicate` in days (day − days, day], newest first, ordered deterministically. */
export function recentFacts(state: HealthState, day: number, days: number, predicate: (f: HealthFact) => boolean, limit = EVIDENCE_LIMIT): HealthFact[] {
  const out: HealthFact[] = [];
  for (let d = day; d > day - days && out.length < limit; d--) {
    const facts = state.factsByDay.get(d);
    if (!facts) continue;
    const matched = facts.filter(predicate).sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    for (const f of matched) {
      if (out.length >= limit) break;
      out.push(f);
    }
  }
  return out;
}

const authored = (s: Float64Array) => (s[C.agendaItems] as number) + (s[C.proposals] as number) + (s[C.clauses] as number) + (s[C.requests] as number);

function detectOneSided(ctx: CheckContext): Detection[] {
  const n = ctx.seats.length;
  if (n < 3) return [];
  const w = ctx.sums(56);
  const counts = ctx.seats.map((i) => authored(w.seats[i] as Float64Array));
  const total = counts.reduce((a, b) => a + b, 0);
  if (total < 4 * n) return [];
  let top = 0;
  for (let k = 1; k < n; k++) if ((counts[k] as number) > (counts[top] as number)) top = k;
  const share = (counts[top] as number) / total;
  const bar = Math.max(0.5, 2.4 / n);
  const seat = ctx.seats[top] as number;
  const id = seatId(ctx.state, seat);
  const equity = giniEquity(counts) ?? 1;
  return [
    {
      pathology: "one-sided",
      seat,
      score: share / bar,
      signals: [
        { id: "authorship.top_seat_share", label: "Share of agenda items, proposals, clauses and requests authored by this seat", value: round3(share), threshold: round3(bar), comparison: "at_least", windowDays: 56 },
        { id: "authorship.equity", label: "Authorship equity across seats (1 − Gini)", value: round3(equity), threshold: 1, comparison: "at_most", windowDays: 56 },
      ],
      records: () =>
        recentFacts(ctx.state, ctx.day, 56, (f) =>
          f.type === "commitment.requested"
            ? f.customerSeatId === id
            : (f.type === "agenda.item_added" || f.type === "proposal.created" || f.type === "clause.authored" || f.type === "clause.amended") && f.seatId === id,
        ),
    },
  ];
}

function latestPulseMean(state: HealthState, day: number, dynamic: HealthDynamic, maxAge: number): number | null {
  const pulse = lastPulse(state, day);
  if (!pulse || day - pulse.day >= maxAge) return null;
  let sum = 0;
  let n = 0;
  for (const a of pulse.aggregates) {
    if (a.day > day || a.dynamic !== dynamic) continue;
    sum += a.micro * a.respondents;
    n += a.respondents;
  }
  return n > 0 ? sum / n / PULSE_SCALE : null;
}

/** Mean of a dynamic over the pulses started in (from, to], weighted by respondents. */
function pulseMeanBetween(state: HealthState, dynamic: HealthDynamic, from: number, to: number): number | null {
  let sum = 0;
  let n = 0;
  const list = state.pulseList;
  for (let i = firstIndexWhere(list, (p) => p.day > from); i < list.length; i++) {
    const p = list[i] as (typeof list)[number];
    if (p.day > to) break;
    for (const a of p.aggregates) {
      if (a.day > to || a.dynamic !== dynamic) continue;
      sum += a.micro * a.respondents;
      n += a.respondents;
    }
  }
  return n > 0 ? sum / n / PULSE_SCALE : null;
}

/** A pulse reading is low when the latest pulse is at most 0.5, or 0.15 below the alliance's own earlier pulses. */
function lowPulse(state: HealthState, day: number, dynamic: HealthDynamic): { latest: number | null; baseline: number | null; isLow: boolean; isSharpDrop: boolean } {
  const latest = latestPulseMean(state, day, dynamic, 42);
  const baseline = pulseMeanBetween(state, dynamic, day - 180, day - 42);
  const isLow = latest !== null && (latest <= 0.5 || (baseline !== null && latest - baseline <= -0.15));
  // An alliance-wide mean over dozens of respondents moves a few hundredths between healthy pulses; 0.18 is a real change.
  const isSharpDrop = latest !== null && baseline !== null && latest - baseline <= -0.18;
  return { latest, baseline, isLow, isSharpDrop };
}

/** Issues of a kind raised in (from, to] and how many of them are still open at `day`. */
function openShare(state: HealthState, kind: "tension" | "breakdown" | "divergence", from: number, to: number, day: number) {
  let raised = 0;
  let open = 0;
  const facts: HealthFact[] = [];
  const byDay = state.issuesByDay[kind];
  for (let d = from + 1; d <= to; d++) {
    const list = byDay.get(d);
    if (!list) continue;
    for (const t of list) {
      raised++;
      if (t.resolvedDay > day) {
        open++;
        if (t.raisedFact) facts.push(t.raisedFact);
      }
    }
  }
  facts.sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : 1));
  return { raised, open, facts };
}

/**
 * Walks the Poisson(mean) distribution upward from 0, calling `visit(k, ln P(K ≤ k))` until it
 * returns false; in log space, so large means do not underflow.
 */
function walkPoissonLogCdf(mean: number, visit: (k: number, logCdf: number) => boolean): void {
  let logTerm = -mean;
  let logSum = logTerm;
  for (let k = 0; visit(k, Math.min(0, logSum)); ) {
    k++;
    logTerm += Math.log(mean / k);
    logSum = logSum > logTerm ? logSum + Math.log1p(Math.exp(logTerm - logSum)) : logTerm + Math.log1p(Math.exp(logSum - logTerm));
  }
}

/** ln P(K ≤ k) for K ~ Poisson(mean). */
function poissonLogAtMost(k: number, mean: number): number {
  if (mean <= 0) return 0;
  let out = 0;
  walkPoissonLogCdf(mean, (i, logCdf) => {
    out = logCdf;
    return i < k;
  });
  return out;
}

/** The largest count k with P(K ≤ k) ≤ p for K ~ Poisson(mean); −1 when even 0 is not that rare. */
function poissonLowBar(mean: number, p: number): number {
  if (mean <= 0) return -1;
  const logP = Math.log(p);
  let bar = -1;
  walkPoissonLogCdf(mean, (k, logCdf) => {
    if (logCdf > logP) return false;
    bar = k;
    return true;
  });
  return bar;
}

/**
 * How many tensions this alliance usually raises in `days`: its own rate over the 44 weeks
 * before the last 8 (at least 8 tensions over at least 8 weeks of history), else about 0.7 per
 * seat per month.
 */
function usualTensions(ctx: CheckContext, days: number): number {
  const raised = ctx.sums(308, 56).alliance[C.tensionsRaised] as number;
  const covered = Math.max(0, Math.min(308, ctx.day - 56 - ctx.state.firstDay + 1));
  return raised >= 8 && covered >= 56 ? (raised / covered) * days : (0.7 * ctx.seats.length * days) / 30;
}

/**
 * False harmony (reference/health-signals.md): decisions pass with no dissent while candor is
 * low; tensions are not raised; the alignment map shows divergence nobody has named. Four
 * signs, each on 0–1: low dissent (42 days, when at least 10 positions were taken), few
 * tensions (35 days) judged against the alliance's own usual rate as Poisson evidence, a
 * candor pulse low or sharply down, and an unacknowledged divergence. When too few positions
 * were taken to judge dissent, that sign is unknown rather than absent, and the score is read
 * from the other three (scaled up by the share of weight they carry).
 */
function detectFalseHarmony(ctx: CheckContext): Detection[] {
  const w42 = ctx.sums(42).alliance;
  const positions = w42[C.positions] as number;
  const dissent = w42[C.dissentPositions] as number;
  const rate = positions >= 10 ? dissent / positions : null;
  const lowDissent = rate === null ? 0 : clamp01((0.07 - rate) / 0.04);
  const tensions = ctx.sums(35).alliance[C.tensionsRaised] as number;
  const expected = usualTensions(ctx, 35);
  // Full weight when so few tensions would happen by chance at most 1 time in 10^2.5 at the usual rate.
  const evidence = -poissonLogAtMost(tensions, expected) / Math.LN10;
  const fewTensions = evidence > 0 ? clamp01(evidence / 2.5) : 0;
  const fewBar = poissonLowBar(expected, 0.05);
  const candorPulse = lowPulse(ctx.state, ctx.day, "candor");
  const candor = candorPulse.latest;
  const candorWeight = candorPulse.isSharpDrop ? 0.6 : candorPulse.isLow ? 0.35 : 0;
  const divergences = openShare(ctx.state, "divergence", ctx.day - 90, ctx.day - 21, ctx.day);
  const unnamed = divergences.open >= 1 ? 1 : 0;
  // Any three of the four signs; or no dissent (or too few decisions to tell) while tensions dry up and the candor pulse drops sharply.
  const weighted = 0.4 * lowDissent + 0.35 * fewTensions + candorWeight + 0.3 * unnamed;
  const score = rate === null ? (weighted * 1.65) / 1.25 : weighted;
  const signals: AlertSignal[] = [
    { id: "candor.dissent_rate", label: rate === null ? `Dissenting positions / positions (too few positions to judge: ${positions})` : "Dissenting positions / positions", value: rate === null ? 0 : round3(rate), threshold: 0.03, comparison: "at_most", windowDays: 42 },
    { id: "candor.tensions_raised", label: `Tensions raised (about ${expected.toFixed(1)} at this alliance's usual rate; the threshold is the count that low 1 time in 20)`, value: tensions, threshold: Math.max(0, fewBar), comparison: "at_most", windowDays: 35 },
    { id: "candor.unacknowledged_divergences", label: "Divergences found 3 to 13 weeks ago and still not acknowledged", value: divergences.open, threshold: 1, comparison: "at_least", windowDays: 90 },
  ];
  if (candor !== null) signals.push({ id: "candor.pulse", label: "Latest candor pulse (0–1); low at 0.5 or 0.15 below earlier pulses", value: round3(candor), threshold: round3(Math.max(0.5, (candorPulse.baseline ?? 0) - 0.15)), comparison: "at_most", windowDays: 42 });
  return [
    {
      pathology: "false-harmony",
      seat: -1,
      score,
      signals,
      records: () => [
        ...divergences.facts.slice(0, 3),
        ...recentFacts(ctx.state, ctx.day, 42, (f) => f.type === "proposal.closed" && !f.dissentPresent, EVIDENCE_LIMIT - Math.min(3, divergences.facts.length)),
      ],
    },
  ];
}

/** Sums two counters over the seats, leaving out the seat with the lowest ratio when there are at least 4 seats. */
function ratioWithoutWorst(ctx: CheckContext, w: WindowSums, good: (s: Float64Array) => number, all: (s: Float64Array) => number) {
  const rows = ctx.seats.map((i) => ({ good: good(w.seats[i] as Float64Array), all: all(w.seats[i] as Float64Array) }));
  let worst = -1;
  if (rows.length >= 4) {
    let worstRatio = Number.POSITIVE_INFINITY;
    rows.forEach((r, k) => {
      if (r.all > 0 && r.good / r.all < worstRatio) {
        worstRatio = r.good / r.all;
        worst = k;
      }
    });
  }
  let g = 0;
  let a = 0;
  rows.forEach((r, k) => {
    if (k === worst) return;
    g += r.good;
    a += r.all;
  });
  return { good: g, all: a };
}

function detectFrayingTrust(ctx: CheckContext): Detection[] {
  // Trust fraying is alliance-wide: the seat with the worst record is left out, so one silent seat does not look like it.
  const closures = ratioWithoutWorst(ctx, ctx.sums(49), (s) => s[C.kept] as number, (s) => (s[C.kept] as number) + (s[C.late] as number) + (s[C.reneged] as number));
  const answers = ratioWithoutWorst(ctx, ctx.sums(35, 7), (s) => s[C.answeredWithin7] as number, (s) => s[C.requestsReceived] as number);
  if (closures.all < 6 || answers.all < 6) return [];
  const keeping = closures.good / closures.all;
  const answerRate = answers.good / answers.all;
  const score = ((1 - keeping) / 0.28 + (1 - answerRate) / 0.28) / 2;
  const reneged = ctx.sums(49).alliance[C.reneged] as number;
  return [
    {
      pathology: "fraying-trust",
      seat: -1,
      score,
      signals: [
        { id: "trust.promise_keeping", label: "Promises kept on time (all seats but the one with the worst record)", value: round3(keeping), threshold: 0.7, comparison: "at_most", windowDays: 49 },
        { id: "trust.reneged", label: "Promises reneged", value: reneged, threshold: 1, comparison: "at_least", windowDays: 49 },
        { id: "presence.answered_within_7_days", label: "Requests answered within 7 days (requests made 6 to 1 weeks ago, all seats but the least responsive)", value: round3(answerRate), threshold: 0.7, comparison: "at_most", windowDays: 35 },
      ],
      records: () => recentFacts(ctx.state, ctx.day, 49, (f) => f.type === "commitment.reneged" || (f.type === "commitment.accepted" && !f.onTime)),
    },
  ];
}

function detectDrift(ctx: CheckContext): Detection[] {
  const a = ctx.sums(56).alliance;
  const scheduled = a[C.meetingsScheduled] as number;
  const held = a[C.meetingsHeld] as number;
  if (scheduled < 3) return [];
  const skipped = Math.max(0, scheduled - held);
  const skipShare = skipped / scheduled;
  const skipScore = Math.min(1.5, skipShare / 0.4) * (skipped >= 2 ? 1 : 0.5);
  const last = lastRenewal(ctx.state, ctx.day);
  const period = last ? last.periodDays : 365;
  const overdue = ctx.day - (last ? last.day : ctx.state.firstDay) - period;
  const rhythmPulse = lowPulse(ctx.state, ctx.day, "rhythm");
  const rhythm = rhythmPulse.latest;
  // Goals count as stale only in an alliance that has set goals before.
  const goalsRecent = ctx.sums(90).alliance[C.goalsSet] as number;
  const goalsBefore = ctx.sums(275, 90).alliance[C.goalsSet] as number;
  const goalsStale = goalsRecent === 0 && goalsBefore > 0;
  const score = 0.6 * skipScore + (rhythmPulse.isSharpDrop ? 0.8 : rhythmPulse.isLow ? 0.5 : 0) + (overdue > 14 ? 0.4 : 0) + (goalsStale ? 0.2 : 0);
  const signals: AlertSignal[] = [
    { id: "rhythm.meetings_skipped", label: "Share of scheduled meetings not held", value: round3(skipShare), threshold: 0.4, comparison: "at_least", windowDays: 56 },
    { id: "rhythm.renewal_overdue_days", label: "Days the renewal of shared intent is overdue", value: Math.max(0, overdue), threshold: 14, comparison: "at_least", windowDays: 0 },
    { id: "rhythm.goals_set", label: "Goals set or revisited", value: goalsRecent, threshold: 0, comparison: "at_most", windowDays: 90 },
  ];
  if (rhythm !== null) signals.push({ id: "rhythm.pulse", label: "Latest pulse: shared goals revisited (0–1); low at 0.5 or 0.15 below earlier pulses", value: round3(rhythm), threshold: round3(Math.max(0.5, (rhythmPulse.baseline ?? 0) - 0.15)), comparison: "at_most", windowDays: 42 });
  return [
    {
      pathology: "drift",
      seat: -1,
      score,
      signals,
      records: () => {
        const heldIds = new Set(recentFacts(ctx.state, ctx.day, 63, (f) => f.type === "meeting.held", 1000).map((f) => f.recordId));
        const skippedFacts = recentFacts(ctx.state, ctx.day, 56, (f) => f.type === "meeting.scheduled" && !heldIds.has(f.recordId));
        return last ? [...skippedFacts, last.fact].slice(0, EVIDENCE_LIMIT) : skippedFacts;
      },
    },
  ];
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function detectSilentPartner(ctx: CheckContext): Detection[] {
  const n = ctx.seats.length;
  if (n < 3) return [];
  const out: Detection[] = [];
  const w = ctx.sums(42);
  const answerWindow = ctx.sums(35, 7);
  const positions = ctx.seats.map((i) => (w.seats[i] as Float64Array)[C.seatPositions] as number);
  const authoredCounts = ctx.seats.map((i) => authored(w.seats[i] as Float64Array));
  for (let k = 0; k < n; k++) {
    const seat = ctx.seats[k] as number;
    const s = w.seats[seat] as Float64Array;
    const expected = s[C.attendanceExpected] as number;
    const attendance = expected >= 2 ? (s[C.attendancePresent] as number) / expected : null;
    const peerPositions = median(positions.filter((_, j) => j !== k));
    const voting = peerPositions >= 2 ? Math.min(1, (positions[k] as number) / peerPositions) : null;
    const ans = answerWindow.seats[seat] as Float64Array;
    const received = ans[C.requestsReceived] as number;
    const answering = received >= 2 ? (ans[C.answeredWithin7] as number) / received : null;
    const peerAuthored = median(authoredCounts.filter((_, j) => j !== k));
    const authoring = peerAuthored >= 2 ? Math.min(1, (authoredCounts[k] as number) / peerAuthored) : null;
    // Attendance and positions weigh double: silence is first of all absence.
    const parts: [number | null, number, number][] = [
      [attendance, 2, 0.7],
      [voting, 2, 0.7],
      [answering, 1, 0.6],
      [authoring, 1, 0.5],
    ];
    let weighted = 0;
    let weights = 0;
    for (const [value, weight, bar] of parts) {
      if (value === null) continue;
      weighted += weight * clamp01((bar - value) / 0.5);
      weights += weight;
    }
    if (weights < 3) continue;
    const score = weighted / weights / 0.68;
    if (score <= 0) continue;
    const id = seatId(ctx.state, seat);
    const signals: AlertSignal[] = [];
    if (attendance !== null) signals.push({ id: "presence.attendance", label: "Attendance of this seat", value: round3(attendance), threshold: 0.35, comparison: "at_most", windowDays: 42 });
    if (voting !== null) signals.push({ id: "authorship.positions_vs_peers", label: "Proposals this seat took a position on, relative to the median seat", value: round3(voting), threshold: 0.35, comparison: "at_most", windowDays: 42 });
    if (answering !== null) signals.push({ id: "presence.answered_within_7_days", label: "Requests to this seat answered within 7 days", value: round3(answering), threshold: 0.25, comparison: "at_most", windowDays: 35 });
    if (authoring !== null) signals.push({ id: "authorship.authored_vs_peers", label: "Items authored, relative to the median seat", value: round3(authoring), threshold: 0.15, comparison: "at_most", windowDays: 42 });
    out.push({
      pathology: "silent-partner",
      seat,
      score,
      signals,
      records: () =>
        recentFacts(ctx.state, ctx.day, 42, (f) =>
          (f.type === "meeting.held" && f.expectedSeatIds.includes(id) && !f.attendingSeatIds.includes(id)) ||
          (f.type === "commitment.requested" && f.performerSeatId === id),
        ),
    });
  }
  return out;
}

/**
 * Conflict avoidance as a CUSUM over tensions (and breakdowns) in the order they were raised: an open tension of
 * age a adds the log-likelihood ratio of "left open" (85%) against the alliance's norm (resolved
 * after about 1 + Exp(m) days, m its mean time to resolve, so open with probability e^(−(a−1)/m)); a resolved one subtracts 4.
 * The sum restarts at 0, so a healthy past does not mask a recent change.
 */
function detectConflictAvoidance(ctx: CheckContext): Detection[] {
  const day = ctx.day;
  const { tension: tensionsByDay, breakdown: breakdownsByDay } = ctx.state.issuesByDay;
  // Tensions and breakdowns raised 120 to 3 days ago, by day raised, then record id (a breakdown first on a tie).
  const tensions: IssueTrack[] = [];
  for (let d = day - 119; d <= day - 3; d++) {
    const t = tensionsByDay.get(d) ?? [];
    const b = breakdownsByDay.get(d) ?? [];
    let i = 0;
    let j = 0;
    while (i < t.length || j < b.length) {
      const x = t[i];
      const y = b[j];
      if (y && (!x || y.recordId <= x.recordId)) {
        tensions.push(y);
        j++;
      } else if (x) {
        tensions.push(x);
        i++;
      }
    }
  }
  // The alliance's own norm: mean days to resolve, over at least 8 issues raised 2 to 12 months ago (never under 10 days; defaults 13 and 20).
  const norm = (byDay: Map<number, IssueTrack[]>, fallback: number) => {
    let total = 0;
    let count = 0;
    for (let d = day - 364; d <= day - 60; d++) {
      const list = byDay.get(d);
      if (!list) continue;
      for (const t of list) {
        if (t.resolvedDay > day) continue;
        total += t.resolvedDay - d;
        count++;
      }
    }
    return count >= 8 ? Math.min(60, Math.max(10, total / count - 1)) : fallback;
  };
  const tensionNorm = norm(tensionsByDay, 13);
  const breakdownNorm = norm(breakdownsByDay, 20);
  let sum = 0;
  let open = 0;
  let aged = 0;
  let evidence: HealthFact[] = [];
  for (const t of tensions) {
    const age = day - (t.raisedDay as number);
    const isTension = t.kind === "tension";
    if (t.resolvedDay > day) {
      // Breakdowns have a slower norm (about 2 + Exp(20) days) and a weaker avoidance effect (70% left open); they count half.
      sum += isTension ? Math.log(0.85) + (Math.min(age, 60) - 1) / tensionNorm : 0.5 * (Math.log(0.7) + (Math.min(age, 80) - 2) / breakdownNorm);
      if (isTension) {
        open++;
        if (age > 28) aged++;
      }
      if (t.raisedFact) evidence.push(t.raisedFact);
    } else {
      sum -= isTension ? 4 : 2;
    }
    if (sum <= 0) {
      sum = 0;
      evidence = [];
    }
  }
  return [
    {
      pathology: "conflict-avoidance",
      seat: -1,
      score: sum / 5.5,
      signals: [
        { id: "language.tension_avoidance_evidence", label: "Evidence that tensions are left open past the norm (CUSUM of log-likelihood ratios)", value: round3(sum), threshold: 5.5, comparison: "at_least", windowDays: 120 },
        { id: "language.open_tensions", label: "Tensions open (raised in the last 120 days)", value: open, threshold: 3, comparison: "at_least", windowDays: 120 },
        { id: "language.tensions_open_past_4_weeks", label: "Tensions open for more than 28 days", value: aged, threshold: 2, comparison: "at_least", windowDays: 120 },
      ],
      records: () => evidence.slice(0, EVIDENCE_LIMIT),
    },
  ];
}

/**
 * Short-termism as a sequential test: p = the alliance's own share of requests due beyond the
 * next quarter (requests made 8 to 52 weeks ago; 0.25 when fewer than 20), clamped to 0.1–0.5.
 * A run of R requests without a long-horizon request or goal has probability (1 − p)^R in a
 * healthy alliance; the score reaches 1 when that probability falls to 1 in 800 and the run spans 4 weeks.
 */
function detectShortTermism(ctx: CheckContext): Detection[] {
  const table = ctx.state.alliance;
  let run = 0;
  let since = 0;
  let found = false;
  for (let d = ctx.day; d > ctx.day - 180; d--) {
    if (table.get(d, C.requestsLong) > 0 || table.get(d, C.goalsLong) > 0) {
      found = true;
      break;
    }
    run += table.get(d, C.requests);
    since++;
  }
  if (!found && ctx.day - ctx.state.firstDay < 180) since = ctx.day - ctx.state.firstDay + 1;
  const history = ctx.sums(308, 56).alliance;
  const requests = history[C.requests] as number;
  const p = requests >= 20 ? Math.min(0.5, Math.max(0.1, (history[C.requestsLong] as number) / requests)) : 0.25;
  const evidence = -run * Math.log(1 - p);
  const score = Math.min(evidence / Math.log(800), since / 28);
  return [
    {
      pathology: "short-termism",
      seat: -1,
      score,
      signals: [
        { id: "rhythm.requests_since_long_horizon", label: "Requests since the last one due beyond the next quarter", value: run, threshold: Math.ceil(Math.log(800) / -Math.log(1 - p)), comparison: "at_least", windowDays: 0 },
        { id: "rhythm.usual_long_horizon_share", label: "Usual share of requests due beyond the next quarter", value: round3(p), threshold: 0, comparison: "at_least", windowDays: 308 },
        { id: "rhythm.days_since_long_horizon", label: "Days since the last commitment or goal beyond the next quarter", value: since, threshold: 28, comparison: "at_least", windowDays: 0 },
      ],
      records: () => recentFacts(ctx.state, ctx.day, since, (f) => f.type === "commitment.requested" || f.type === "goal.set"),
    },
  ];
}

function detectPerceptionGap(ctx: CheckContext): Detection[] {
  const pulse = lastPulse(ctx.state, ctx.day);
  if (!pulse || ctx.day - pulse.day >= 42) return [];
  const active = new Set(ctx.seats);
  const items = new Map<string, { dynamic: HealthDynamic; bySeat: Map<number, { sum: number; n: number }> }>();
  for (const a of pulse.aggregates) {
    if (a.day > ctx.day || !active.has(a.seatIndex)) continue;
    let item = items.get(a.itemId);
    if (!item) {
      item = { dynamic: a.dynamic, bySeat: new Map() };
      items.set(a.itemId, item);
    }
    const cell = item.bySeat.get(a.seatIndex) ?? { sum: 0, n: 0 };
    cell.sum += a.micro * a.respondents;
    cell.n += a.respondents;
    item.bySeat.set(a.seatIndex, cell);
  }
  let best = { gap: 0, itemId: "", dynamic: "rhythm" as HealthDynamic, high: [] as number[], low: [] as number[] };
  for (const itemId of [...items.keys()].sort()) {
    const item = items.get(itemId) as { dynamic: HealthDynamic; bySeat: Map<number, { sum: number; n: number }> };
    const means = [...item.bySeat.entries()]
      .map(([seat, c]) => ({ seat, id: seatId(ctx.state, seat), mean: c.sum / c.n / PULSE_SCALE }))
      .sort((x, y) => x.mean - y.mean || (x.id < y.id ? -1 : 1));
    const m = means.length;
    if (m < 4) continue;
    for (let k = 2; k <= m - 2; k++) {
      const low = means.slice(0, k);
      const high = means.slice(k);
      // Two internally consistent groups, not one outlier pulling a mixed group: half the larger in-group range is subtracted.
      const spread = Math.max((high[high.length - 1] as { mean: number }).mean - (high[0] as { mean: number }).mean, (low[low.length - 1] as { mean: number }).mean - (low[0] as { mean: number }).mean);
      const gap = high.reduce((s, x) => s + x.mean, 0) / high.length - low.reduce((s, x) => s + x.mean, 0) / low.length - 0.5 * spread;
      if (gap > best.gap) best = { gap, itemId, dynamic: item.dynamic, high: high.map((x) => x.seat), low: low.map((x) => x.seat) };
    }
  }
  if (best.itemId === "") return [];
  const itemId = best.itemId;
  return [
    {
      pathology: "perception-gap",
      seat: -1,
      score: best.gap / 0.27,
      signals: [
        {
          id: `${best.dynamic}.pulse_gap`,
          label: `Gap between groups of seats, less half the larger in-group range, on pulse item ${itemId} (${best.dynamic}); higher: ${best.high.map((s) => seatId(ctx.state, s)).join(", ")}; lower: ${best.low.map((s) => seatId(ctx.state, s)).join(", ")}`,
          value: round3(best.gap),
          threshold: 0.27,
          comparison: "at_least",
          windowDays: 42,
        },
      ],
      records: () =>
        pulse.aggregates
          .filter((a) => a.day <= ctx.day && a.itemId === itemId)
          .map((a) => a.fact)
          .sort((x, y) => (x.id < y.id ? -1 : 1))
          .slice(0, EVIDENCE_LIMIT),
    },
  ];
}

const detectors = [
  detectOneSided,
  detectFalseHarmony,
  detectFrayingTrust,
  detectDrift,
  detectSilentPartner,
  detectConflictAvoidance,
  detectShortTermism,
  detectPerceptionGap,
];

/** Runs every detector at one weekly check day; exported for tuning and tests. */
export function detectAt(state: HealthState, day: number): Detection[] {
  if (day - state.firstDay + 1 < ALERT_WARMUP_DAYS) return [];
  const cache = new Map<string, WindowSums>();
  const ctx: CheckContext = {
    state,
    day,
    seats: activeSeats(state, day),
    sums(days, shift = 0) {
      const key = `${days}|${shift}`;
      let w = cache.get(key);
      if (!w) {
        w = sumWindow(state, day - shift - days, day - shift);
        cache.set(key, w);
      }
      return w;
    },
  };
  return detectors.flatMap((d) => d(ctx));
}

function toRecords(facts: HealthFact[]): EvidenceRecord[] {
  return facts.map((f) => ({ factId: f.id, type: f.type, recordId: f.recordId, at: f.at }));
}

function runCheckpoint(state: HealthState, timeline: AlertTimeline, day: number): void {
  const at = (day + 1) * DAY_MS;
  const detections = new Map<string, Detection>();
  for (const d of detectAt(state, day)) detections.set(`${d.pathology}|${d.seat}`, d);
  const keys = new Set([...timeline.trackers.keys(), ...detections.keys()]);
  for (const key of [...keys].sort()) {
    const detection = detections.get(key);
    const [pathology, seatText] = key.split("|") as [Pathology, string];
    const rule = alertRules[pathology];
    const seat = Number(seatText);
    const score = detection ? detection.score : 0;
    const tracker = timeline.trackers.get(key) ?? { raiseStreak: 0, clearStreak: 0, active: null };
    if (!tracker.active) {
      tracker.raiseStreak = score >= rule.raiseAt ? tracker.raiseStreak + 1 : 0;
      if (tracker.raiseStreak >= rule.raiseAfter && detection) {
        const sid = seat >= 0 ? seatId(state, seat) : null;
        tracker.active = {
          id: `${pathology}:${sid ?? "alliance"}:${day + 1}`,
          pathology,
          title: rule.title,
          seatId: sid,
          status: "active",
          raisedAt: at,
          updatedAt: at,
          resolvedAt: null,
          score: round3(score),
          peakScore: round3(score),
          description: rule.description,
          suggestedMove: rule.suggestedMove,
          evidence: { signals: detection.signals, records: toRecords(detection.records()) },
        };
        tracker.raiseStreak = 0;
        tracker.clearStreak = 0;
      }
    } else {
      tracker.clearStreak = score < rule.clearBelow ? tracker.clearStreak + 1 : 0;
      const previous = tracker.active;
      const evidence = detection ? { signals: detection.signals, records: toRecords(detection.records()) } : previous.evidence;
      if (tracker.clearStreak >= rule.clearAfter) {
        timeline.closed.push({ ...previous, status: "resolved", updatedAt: at, resolvedAt: at, score: round3(score), evidence });
        tracker.active = null;
        tracker.clearStreak = 0;
        tracker.raiseStreak = 0;
      } else {
        tracker.active = { ...previous, updatedAt: at, score: round3(score), peakScore: Math.max(previous.peakScore, round3(score)), evidence };
      }
    }
    if (tracker.active || tracker.raiseStreak > 0 || tracker.clearStreak > 0) timeline.trackers.set(key, tracker);
    else timeline.trackers.delete(key);
  }
}

function cloneTrackers(trackers: Map<string, Tracker>): Map<string, Tracker> {
  const out = new Map<string, Tracker>();
  for (const [k, t] of trackers) out.set(k, { ...t });
  return out;
}

/**
 * Brings the cached alert history up to date for evaluation on `day`: recomputes from the
 * first week touched by late facts, then runs every completed weekly check before `day`.
 */
export function advanceTimeline(state: HealthState, day: number): void {
  const timeline = state.timeline;
  if (timeline.dirtyFrom <= timeline.lastCheckpoint) {
    while (timeline.snapshots.length > 0 && (timeline.snapshots[timeline.snapshots.length - 1] as Snapshot).day >= timeline.dirtyFrom) timeline.snapshots.pop();
    const last = timeline.snapshots[timeline.snapshots.length - 1];
    if (last) {
      timeline.trackers = cloneTrackers(last.trackers);
      timeline.closed.length = last.closedCount;
      timeline.lastCheckpoint = last.day;
    } else {
      timeline.trackers = new Map();
      timeline.closed.length = 0;
      timeline.lastCheckpoint = Number.NEGATIVE_INFINITY;
    }
  }
  timeline.dirtyFrom = Number.POSITIVE_INFINITY;
  if (!Number.isFinite(state.firstDay)) return;
  let next = Number.isFinite(timeline.lastCheckpoint) ? timeline.lastCheckpoint + 7 : firstCheckpointFrom(state.firstDay);
  // A check runs once its week is complete: on a later day than the check day.
  while (next < day) {
    runCheckpoint(state, timeline, next);
    timeline.lastCheckpoint = next;
    timeline.snapshots.push({ day: next, trackers: cloneTrackers(timeline.trackers), closedCount: timeline.closed.length });
    next += 7;
  }
}

function compareAlerts(a: HealthAlert, b: HealthAlert): number {
  return a.raisedAt - b.raisedAt || (a.pathology < b.pathology ? -1 : a.pathology > b.pathology ? 1 : 0) || ((a.seatId ?? "") < (b.seatId ?? "") ? -1 : (a.seatId ?? "") > (b.seatId ?? "") ? 1 : 0);
}

/** Every alert raised up to `day` (active and resolved), as of the last completed check before it. */
export function alertsAt(state: HealthState, day: number): HealthAlert[] {
  advanceTimeline(state, Math.max(day, Number.isFinite(state.timeline.lastCheckpoint) ? state.timeline.lastCheckpoint + 1 : day));
  const timeline = state.timeline;
  let trackers = timeline.trackers;
  let closedCount = timeline.closed.length;
  if (timeline.lastCheckpoint >= day) {
    // A query into the past: read the snapshot of the last check before `day`.
    let lo = 0;
    let hi = timeline.snapshots.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((timeline.snapshots[mid] as Snapshot).day < day) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const snap = timeline.snapshots[found];
    trackers = snap ? snap.trackers : new Map();
    closedCount = snap ? snap.closedCount : 0;
  }
  const active = [...trackers.values()].flatMap((t) => (t.active ? [t.active] : []));
  return [...timeline.closed.slice(0, closedCount), ...active].sort(compareAlerts);
}
