import { AppError } from "../errors";
import { createRandom, pick, randomInt } from "../random";
import type { Pathology } from "./alerts";
import { pathologies } from "./alerts";
import { compareFacts, DAY_MS } from "./facts";
import type { HealthDynamic, HealthFact, PositionStance, ProposalOutcome } from "./facts";

/**
 * A seeded agent-based simulator of alliance histories. Seats and people carry behaviour
 * parameters; months of meetings, agendas, proposals and positions, commitments with their
 * moves, tensions, breakdowns, charter work and pulses follow from them. A scenario injects
 * one pathology (reference/health-signals.md) at a known onset after a healthy warm-up. The
 * rich output is meant to be turned into real Trellis events; `facts` is the health input.
 */

/** The named scenarios: a healthy alliance and one per pathology. */
export const simulationScenarios = ["healthy", ...pathologies] as const;
export type SimulationScenario = (typeof simulationScenarios)[number];

/** Behaviour parameters, each on 0–1. */
export interface Behaviour {
  /** Answers requests fast and at all. */
  responsiveness: number;
  /** Keeps promises on time. */
  reliability: number;
  /** Adds agenda items, proposals, requests. */
  initiative: number;
  /** Voices disagreement and raises tensions. */
  candor: number;
  /** Shows up to meetings and takes positions. */
  attendance: number;
  /** Drives the agenda relative to others. */
  dominance: number;
}

export interface SimulationOptions {
  scenario?: SimulationScenario;
  /** Length of the history in calendar months (default: 12–18, drawn from the seed). */
  months?: number;
  seed: number;
  /** Epoch ms of the first day (default 2024-01-01T00:00:00Z). */
  start?: number;
  /** Number of seats (default: 4–8, drawn from the seed). */
  seats?: number;
  /** Activity multiplier for load tests (default 1). */
  intensity?: number;
}

export interface SimSeat {
  id: string;
  name: string;
  behaviour: Behaviour;
  personIds: string[];
}

export interface SimPerson {
  id: string;
  seatId: string;
  name: string;
  behaviour: Behaviour;
}

export interface SimAgendaItem {
  id: string;
  seatId: string;
  personId: string;
  title: string;
  addedAt: number;
}

export interface SimMeeting {
  id: string;
  cadenceId: string;
  scheduledAt: number;
  /** null when the occurrence was skipped. */
  heldAt: number | null;
  expectedSeatIds: string[];
  attendingSeatIds: string[];
  attendeeIds: string[];
  agenda: SimAgendaItem[];
}

export interface SimPosition {
  personId: string;
  seatId: string;
  stance: PositionStance;
  at: number;
}

export interface SimProposal {
  id: string;
  seatId: string;
  personId: string;
  title: string;
  createdAt: number;
  closedAt: number | null;
  outcome: ProposalOutcome | null;
  positions: SimPosition[];
}

/** A move of a conversation for action (reference/conversation-for-action.md). */
export type SimCommitmentMove = "request" | "promise" | "counter" | "accept_counter" | "decline" | "report" | "declare_satisfied" | "renege" | "revoke" | "cancel";

export interface SimCommitment {
  id: string;
  title: string;
  customerSeatId: string;
  customerPersonId: string;
  performerSeatId: string;
  performerPersonId: string;
  conditions: string | null;
  requestedAt: number;
  dueAt: number;
  /** Moves in order; a declaration by the facilitator marks a closure the customer did not declare. */
  moves: { move: SimCommitmentMove; by: "customer" | "performer" | "facilitator"; personId: string; at: number; dueAt?: number }[];
}

export interface SimClause {
  id: string;
  kind: "authored" | "amended";
  seatId: string;
  personId: string;
  title: string;
  at: number;
}

export interface SimRenewal {
  id: string;
  at: number;
  renewalPeriodDays: number;
}

export interface SimGoal {
  id: string;
  seatId: string;
  title: string;
  at: number;
  horizonAt: number;
}

export interface SimTension {
  id: string;
  raisedAt: number;
  /** The raising seat; null when raised anonymously (no link is kept). */
  seatId: string | null;
  towardSeatId: string | null;
  anonymous: boolean;
  resolvedAt: number | null;
}

export interface SimBreakdown {
  id: string;
  seatId: string;
  namedAt: number;
  closedAt: number | null;
}

export interface SimAssumption {
  id: string;
  seatId: string;
  testedAt: number;
}

export interface SimDivergence {
  id: string;
  seatIds: string[];
  foundAt: number;
  acknowledgedAt: number | null;
}

export interface SimPulseAggregate {
  seatId: string;
  aboutSeatId?: string;
  mean: number;
  respondents: number;
  invited: number;
}

export interface SimPulseItem {
  itemId: string;
  dynamic: HealthDynamic;
  text: string;
  scale: 5 | 7;
  reversed: boolean;
  aggregates: SimPulseAggregate[];
}

export interface SimPulse {
  id: string;
  at: number;
  items: SimPulseItem[];
}

/** What was injected, and when: the answer key for validation. */
export interface GroundTruth {
  pathology: Pathology;
  onset: number;
  seatId: string | null;
  /** Extra detail (e.g. the diverging dynamic and groups of a perception gap). */
  detail: Record<string, string>;
}

export interface SimulatedAlliance {
  scenario: SimulationScenario;
  seed: number;
  start: number;
  end: number;
  months: number;
  cadence: { id: string; intervalDays: number };
  seats: SimSeat[];
  people: SimPerson[];
  meetings: SimMeeting[];
  proposals: SimProposal[];
  commitments: SimCommitment[];
  clauses: SimClause[];
  renewals: SimRenewal[];
  goals: SimGoal[];
  tensions: SimTension[];
  breakdowns: SimBreakdown[];
  assumptions: SimAssumption[];
  divergences: SimDivergence[];
  pulses: SimPulse[];
  /** The health facts of this history, ordered by time then id. */
  facts: HealthFact[];
  truth: GroundTruth | null;
}

const organizationNames = [
  "Northwind Cooperative",
  "Riverbend Foundation",
  "Alder Research Institute",
  "Meridian Water Agency",
  "Kestrel Logistics",
  "Bluefield University",
  "Harbor Health Trust",
  "Summit Seed Fund",
  "Cedar Commons",
  "Lumen Energy",
  "Oakridge Municipal Services",
  "Fernway Growers Union",
];
const firstNames = ["Ana", "Ben", "Chloé", "Dev", "Eli", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kofi", "Lea", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Viktor", "Wen", "Yara", "Zoe"];
const lastNames = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Novak", "Silva", "Kowalski", "Mensah", "Ibarra", "Chen", "Rossi", "Nguyen", "Fischer", "Adeyemi"];
const topics = ["shared data standard", "pilot in the northern region", "joint funding bid", "supplier code of conduct", "training curriculum", "impact dashboard", "procurement pool", "field survey", "public briefing", "open dataset release", "member onboarding", "risk register"];

/** Pulse items used by the simulator (adapted from reference/pulse-bank.md). */
const pulseItems: { itemId: string; dynamic: HealthDynamic; text: string; scale: 5 | 7; reversed: boolean; directional: boolean }[] = [
  { itemId: "rhythm-goals-revisited", dynamic: "rhythm", text: "Our shared goals have been explicitly revisited in the last cycle.", scale: 7, reversed: false, directional: false },
  { itemId: "language-shared-meaning", dynamic: "language", text: "When we use key words like 'priority' or 'done', partners mean the same thing.", scale: 7, reversed: false, directional: false },
  { itemId: "presence-meeting-effectiveness", dynamic: "presence", text: "How effective was our last meeting?", scale: 5, reversed: false, directional: false },
  { itemId: "authorship-all-partners", dynamic: "authorship", text: "Decisions here reflect the input of all partners, not only the largest or best funded.", scale: 7, reversed: false, directional: false },
  { itemId: "trust-keeps-commitments", dynamic: "trust", text: "[Partner] keeps the commitments it makes to this alliance.", scale: 7, reversed: false, directional: true },
  { itemId: "candor-raise-problems", dynamic: "candor", text: "In this alliance people can bring up problems and tough issues.", scale: 7, reversed: false, directional: false },
  { itemId: "candor-silence-agreement", dynamic: "candor", text: "In this alliance, silence is usually taken as agreement.", scale: 7, reversed: true, directional: false },
];

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

function addMonths(start: number, months: number): number {
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
}

class Sampler {
  constructor(readonly random: () => number) {}
  uniform(min: number, max: number): number {
    return min + (max - min) * this.random();
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  int(min: number, max: number): number {
    return randomInt(this.random, min, max);
  }
  pick<T>(items: readonly T[]): T {
    return pick(this.random, items);
  }
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.random();
    const v = this.random();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  exponential(mean: number): number {
    return -Math.log(1 - this.random()) * mean;
  }
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.random();
    while (p > limit) {
      k++;
      p *= this.random();
    }
    return k;
  }
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.random() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
  binomial(n: number, p: number): number {
    let k = 0;
    for (let i = 0; i < n; i++) if (this.random() < p) k++;
    return k;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Simulates one alliance history for a scenario; the same options give the same history. */
export function simulateAlliance(options: SimulationOptions): SimulatedAlliance {
  const scenario = options.scenario ?? "healthy";
  if (!simulationScenarios.includes(scenario)) throw new AppError("bad_request", `Unknown scenario ${scenario}.`, { scenarios: simulationScenarios });
  const s = new Sampler(createRandom((hashString(scenario) ^ Math.imul(options.seed >>> 0, 2654435761)) >>> 0));
  const months = options.months ?? s.int(12, 18);
  if (!Number.isInteger(months) || months < 1 || months > 600) throw new AppError("bad_request", "months must be an integer from 1 to 600.", { months });
  const intensity = options.intensity ?? 1;
  if (!(intensity > 0 && intensity <= 1000)) throw new AppError("bad_request", "intensity must be in (0, 1000].", { intensity });
  const start = options.start ?? Date.UTC(2024, 0, 1);
  const end = addMonths(start, months);
  const totalDays = Math.round((end - start) / DAY_MS);
  const seatCount = options.seats ?? s.int(4, 8);
  if (!Number.isInteger(seatCount) || seatCount < 2 || seatCount > 40) throw new AppError("bad_request", "seats must be an integer from 2 to 40.", { seats: seatCount });

  // Seats and people.
  const names = s.shuffle(organizationNames);
  const seats: SimSeat[] = [];
  const people: SimPerson[] = [];
  for (let k = 1; k <= seatCount; k++) {
    const behaviour: Behaviour = {
      responsiveness: s.uniform(0.7, 0.97),
      reliability: s.uniform(0.76, 0.96),
      initiative: s.uniform(0.4, 0.9),
      candor: s.uniform(0.45, 0.9),
      attendance: s.uniform(0.78, 0.97),
      dominance: s.uniform(0.3, 0.7),
    };
    const seat: SimSeat = { id: `seat-${k}`, name: names[(k - 1) % names.length] + (k > names.length ? ` ${k}` : ""), behaviour, personIds: [] };
    const headcount = s.int(6, 12);
    for (let j = 1; j <= headcount; j++) {
      const id = `person-${k}-${j}`;
      const jitter = (x: number) => clamp01(x + s.normal(0, 0.05));
      people.push({
        id,
        seatId: seat.id,
        name: `${s.pick(firstNames)} ${s.pick(lastNames)}`,
        behaviour: {
          responsiveness: jitter(behaviour.responsiveness),
          reliability: jitter(behaviour.reliability),
          initiative: jitter(behaviour.initiative),
          candor: jitter(behaviour.candor),
          attendance: jitter(behaviour.attendance),
          dominance: jitter(behaviour.dominance),
        },
      });
      seat.personIds.push(id);
    }
    seats.push(seat);
  }
  const seatIds = seats.map((x) => x.id);

  // The injected pathology.
  let truth: GroundTruth | null = null;
  let onsetDay = Number.POSITIVE_INFINITY;
  if (scenario !== "healthy") {
    const maxOnset = Math.min(240, totalDays - 75);
    if (maxOnset < 60) throw new AppError("bad_request", "A pathology scenario needs at least 5 months of history.", { months });
    onsetDay = s.int(Math.min(120, maxOnset), maxOnset);
    const detail: Record<string, string> = {};
    let seatId: string | null = null;
    if (scenario === "one-sided" || scenario === "silent-partner") seatId = s.pick(seatIds);
    if (scenario === "perception-gap") {
      const shuffled = s.shuffle(seatIds);
      const k = s.int(2, seatCount - 2);
      detail.higher = shuffled.slice(0, k).sort().join(",");
      detail.lower = shuffled.slice(k).sort().join(",");
      const dynamics = s.shuffle(["authorship", "trust", "candor", "language", "rhythm"] as HealthDynamic[]).slice(0, s.int(1, 2));
      detail.dynamics = dynamics.sort().join(",");
      detail.gap = s.uniform(0.38, 0.5).toFixed(3);
    }
    truth = { pathology: scenario as Pathology, onset: start + onsetDay * DAY_MS, seatId, detail };
  }
  const isAfterOnset = (t: number) => t >= start + onsetDay * DAY_MS;
  const active = (p: Pathology, t: number) => truth !== null && truth.pathology === p && isAfterOnset(t);
  const seatById = new Map(seats.map((x) => [x.id, x]));
  const peopleOf = (seatId: string) => (seatById.get(seatId) as SimSeat).personIds;
  const behaviourOf = (seatId: string) => (seatById.get(seatId) as SimSeat).behaviour;
  const atDay = (day: number, hour = s.uniform(8, 18)) => start + day * DAY_MS + Math.floor(hour * 3_600_000);
  const baseWeight = seatIds.map((id) => behaviourOf(id).initiative * (0.5 + behaviourOf(id).dominance));
  const meanWeight = baseWeight.reduce((a, b) => a + b, 0) / seatCount;
  /** Authoring weight of a seat at time t, normalized to a mean of 1 in a healthy alliance. */
  const authorWeight = (k: number, t: number) => {
    const id = seatIds[k] as string;
    let w = (baseWeight[k] as number) / meanWeight;
    if (active("one-sided", t)) w *= id === truth?.seatId ? 6 : 0.3;
    if (active("silent-partner", t) && id === truth?.seatId) w *= 0.05;
    return w;
  };
  const authorAt = (t: number) => s.weighted(seatIds.map((_, k) => authorWeight(k, t)));

  // Cadence and meetings.
  const cadence = { id: "cadence-1", intervalDays: s.pick([7, 14]) };
  const skipBase = s.uniform(0.02, 0.07);
  const meetings: SimMeeting[] = [];
  let meetingNo = 0;
  let agendaNo = 0;
  for (let day = s.int(2, 6); day < totalDays; day += cadence.intervalDays) {
    const scheduledAt = atDay(day, 14);
    meetingNo++;
    const skip = s.chance(active("drift", scheduledAt) ? 0.6 : skipBase);
    const meeting: SimMeeting = { id: `meeting-${meetingNo}`, cadenceId: cadence.id, scheduledAt, heldAt: skip ? null : scheduledAt, expectedSeatIds: [...seatIds], attendingSeatIds: [], attendeeIds: [], agenda: [] };
    for (let k = 0; k < seatCount; k++) {
      const id = seatIds[k] as string;
      const items = s.poisson(0.7 * intensity * authorWeight(k, scheduledAt) * (active("drift", scheduledAt) ? 0.5 : 1));
      for (let i = 0; i < items; i++) {
        agendaNo++;
        meeting.agenda.push({ id: `agenda-item-${agendaNo}`, seatId: id, personId: s.pick(peopleOf(id)), title: `Discuss the ${s.pick(topics)}`, addedAt: Math.max(start, scheduledAt - Math.floor(s.uniform(1, 4) * DAY_MS)) });
      }
      if (!skip) {
        let attendance = behaviourOf(id).attendance;
        if (active("silent-partner", scheduledAt) && id === truth?.seatId) attendance = 0.08;
        if (s.chance(attendance)) {
          meeting.attendingSeatIds.push(id);
          const present = peopleOf(id).filter(() => s.chance(0.45));
          meeting.attendeeIds.push(...(present.length > 0 ? present : [s.pick(peopleOf(id))]));
        }
      }
    }
    meetings.push(meeting);
  }

  // Proposals and positions.
  const proposals: SimProposal[] = [];
  for (let day = 0; day < totalDays; day++) {
    const count = s.poisson((3 / 30) * intensity);
    for (let i = 0; i < count; i++) {
      const createdAt = atDay(day);
      const k = authorAt(createdAt);
      const authorSeat = seatIds[k] as string;
      const proposal: SimProposal = { id: `proposal-${proposals.length + 1}`, seatId: authorSeat, personId: s.pick(peopleOf(authorSeat)), title: `Adopt the ${s.pick(topics)}`, createdAt, closedAt: createdAt + 14 * DAY_MS, outcome: null, positions: [] };
      for (const id of seatIds) {
        const at = createdAt + Math.floor(s.uniform(1, 12) * DAY_MS);
        const b = behaviourOf(id);
        let voteProbability = 0.6 + 0.35 * b.attendance;
        if (active("silent-partner", at) && id === truth?.seatId) voteProbability = 0.08;
        if (!s.chance(voteProbability)) continue;
        let dissent = 0.04 + 0.16 * b.candor;
        if (active("false-harmony", at)) dissent *= 0.05;
        const voters = s.chance(0.3) ? 2 : 1;
        const persons = s.shuffle(peopleOf(id)).slice(0, voters);
        for (const personId of persons) {
          const r = s.random();
          const stance: PositionStance = r < dissent ? (s.chance(0.6) ? "disagree" : s.chance(0.75) ? "objection" : "block") : r < dissent + 0.05 ? "abstain" : "agree";
          proposal.positions.push({ personId, seatId: id, stance, at: at + Math.floor(s.uniform(0, 2) * 3_600_000) });
        }
      }
      const blocked = proposal.positions.some((p) => p.stance === "block");
      proposal.outcome = blocked ? "rejected" : s.chance(0.92) ? "adopted" : s.pick(["rejected", "withdrawn"] as const);
      proposals.push(proposal);
    }
  }

  // Charter clauses, amendments and renewals.
  const clauses: SimClause[] = [];
  for (let k = 0; k < seatCount; k++) {
    const id = seatIds[k] as string;
    const n = s.poisson(2 * authorWeight(k, start));
    for (let i = 0; i < n; i++) clauses.push({ id: `clause-${clauses.length + 1}`, kind: "authored", seatId: id, personId: s.pick(peopleOf(id)), title: `Clause on the ${s.pick(topics)}`, at: atDay(s.int(0, 28)) });
  }
  for (let day = 30; day < totalDays; day++) {
    const n = s.poisson((0.5 / 30) * intensity);
    for (let i = 0; i < n; i++) {
      const at = atDay(day);
      const id = seatIds[authorAt(at)] as string;
      clauses.push({ id: `clause-${clauses.length + 1}`, kind: "amended", seatId: id, personId: s.pick(peopleOf(id)), title: `Amend the clause on the ${s.pick(topics)}`, at });
    }
  }
  const renewals: SimRenewal[] = [];
  const renewalPeriodDays = s.pick([180, 365]);
  for (let day = s.int(20, 35); day < totalDays; day += renewalPeriodDays + s.int(-20, 25)) {
    const at = atDay(day);
    if (active("drift", at)) break;
    renewals.push({ id: `renewal-${renewals.length + 1}`, at, renewalPeriodDays });
  }

  // Goals.
  const goals: SimGoal[] = [];
  const addGoal = (day: number, longTerm: boolean) => {
    const at = atDay(day);
    if (active("drift", at)) return;
    const short = active("short-termism", at) || !longTerm;
    const horizonDays = short ? s.int(30, 85) : s.int(120, 720);
    goals.push({ id: `goal-${goals.length + 1}`, seatId: seatIds[authorAt(at)] as string, title: `Deliver the ${s.pick(topics)}`, at, horizonAt: at + horizonDays * DAY_MS });
  };
  for (let i = s.int(2, 3); i > 0; i--) addGoal(s.int(5, 30), true);
  for (let day = s.int(45, 90); day < totalDays; day += s.int(45, 90)) addGoal(day, s.chance(0.7));

  // Commitments as conversations for action.
  const commitments: SimCommitment[] = [];
  const longShare = s.uniform(0.22, 0.4);
  const conditionsShare = s.uniform(0.7, 0.95);
  for (let day = 0; day < totalDays; day++) {
    for (let k = 0; k < seatCount; k++) {
      const n = s.poisson((4 / 30) * intensity * authorWeight(k, atDay(day, 12)));
      for (let i = 0; i < n; i++) commitments.push(simulateCommitment(k, atDay(day)));
    }
  }
  function simulateCommitment(k: number, requestedAt: number): SimCommitment {
    const customerSeatId = seatIds[k] as string;
    const others = seatIds.filter((id) => id !== customerSeatId);
    const performerSeatId = s.pick(others);
    const isLong = !active("short-termism", requestedAt) && s.chance(longShare);
    const dueAt = requestedAt + Math.floor((isLong ? s.uniform(100, 300) : s.uniform(10, 60)) * DAY_MS);
    const c: SimCommitment = {
      id: `commitment-${commitments.length + 1}`,
      title: `Provide the ${s.pick(topics)}`,
      customerSeatId,
      customerPersonId: s.pick(peopleOf(customerSeatId)),
      performerSeatId,
      performerPersonId: s.pick(peopleOf(performerSeatId)),
      conditions: s.chance(conditionsShare) ? "Reviewed by both seats and shared on the alliance drive." : null,
      requestedAt,
      dueAt,
      moves: [],
    };
    c.moves.push({ move: "request", by: "customer", personId: c.customerPersonId, at: requestedAt, dueAt });
    const customer = c.customerPersonId;
    const performer = c.performerPersonId;
    const declaration = (reportAt: number): SimCommitment["moves"][number] => {
      const at = reportAt + Math.floor(s.uniform(0.1, 4) * DAY_MS);
      return s.chance(0.97) ? { move: "declare_satisfied", by: "customer", personId: customer, at } : { move: "declare_satisfied", by: "facilitator", personId: "facilitator", at };
    };
    const b = behaviourOf(performerSeatId);
    let neverAnswer = 0.25 * (1 - b.responsiveness);
    let delayMean = 1 + 6 * (1 - b.responsiveness);
    if (active("fraying-trust", requestedAt)) {
      neverAnswer = 0.3;
      delayMean *= 3;
    }
    if (active("silent-partner", requestedAt) && performerSeatId === truth?.seatId) neverAnswer = 0.85;
    if (s.chance(neverAnswer)) return c;
    const answerAt = requestedAt + Math.floor(Math.min(s.exponential(delayMean) + 0.05, 40) * DAY_MS);
    if (s.chance(0.07)) {
      c.moves.push({ move: "decline", by: "performer", personId: performer, at: answerAt });
      return c;
    }
    let promiseAt = answerAt;
    if (s.chance(0.1)) {
      const newDue = c.dueAt + Math.floor(s.uniform(7, 21) * DAY_MS);
      c.moves.push({ move: "counter", by: "performer", personId: performer, at: answerAt, dueAt: newDue });
      promiseAt = answerAt + Math.floor(s.uniform(1, 3) * DAY_MS);
      c.moves.push({ move: "accept_counter", by: "customer", personId: customer, at: promiseAt, dueAt: newDue });
      c.dueAt = newDue;
    } else {
      c.moves.push({ move: "promise", by: "performer", personId: performer, at: promiseAt, dueAt: c.dueAt });
    }
    if (c.dueAt <= promiseAt) c.dueAt = promiseAt + DAY_MS;
    if (s.chance(0.03)) {
      c.moves.push({ move: "cancel", by: "customer", personId: customer, at: Math.floor(s.uniform(promiseAt, c.dueAt)) });
      return c;
    }
    // The outcome follows the performer's behaviour when the work comes due.
    let reliability = b.reliability;
    let revokeShare = 0.25;
    let renegeShare = 0.25;
    if (active("fraying-trust", c.dueAt)) {
      reliability *= 0.45;
      revokeShare = 0.1;
      renegeShare = 0.45;
    }
    if (s.chance(reliability)) {
      const reportAt = Math.max(promiseAt + 3_600_000, c.dueAt - Math.floor(s.uniform(0, 5) * DAY_MS));
      c.moves.push({ move: "report", by: "performer", personId: performer, at: reportAt });
      c.moves.push(declaration(reportAt));
      return c;
    }
    const r = s.random();
    if (r < revokeShare) {
      c.moves.push({ move: "revoke", by: "performer", personId: performer, at: Math.max(promiseAt + 3_600_000, c.dueAt - Math.floor(s.uniform(2, 10) * DAY_MS)) });
    } else if (r < revokeShare + renegeShare) {
      c.moves.push({ move: "renege", by: "performer", personId: performer, at: c.dueAt + Math.floor(s.uniform(0, 10) * DAY_MS) });
    } else {
      const reportAt = c.dueAt + Math.floor(s.uniform(2, 20) * DAY_MS);
      c.moves.push({ move: "report", by: "performer", personId: performer, at: reportAt });
      c.moves.push(declaration(reportAt));
    }
    return c;
  }

  // Tensions, breakdowns, assumptions, divergences.
  const tensions: SimTension[] = [];
  const breakdowns: SimBreakdown[] = [];
  const assumptions: SimAssumption[] = [];
  const divergences: SimDivergence[] = [];
  const candorWeights = seatIds.map((id) => behaviourOf(id).candor);
  const meanCandor = candorWeights.reduce((a, b) => a + b, 0) / seatCount;
  const avoidanceSlows = (raisedAt: number, resolvedAt: number) => active("conflict-avoidance", resolvedAt) || active("conflict-avoidance", raisedAt);
  for (let day = 0; day < totalDays; day++) {
    const at0 = atDay(day, 12);
    let rate = ((0.7 * seatCount) / 30) * intensity * (meanCandor / 0.67);
    if (active("false-harmony", at0)) rate *= 0.1;
    for (let i = s.poisson(rate); i > 0; i--) {
      const raisedAt = atDay(day);
      const weights = seatIds.map((id, k) => (active("silent-partner", raisedAt) && id === truth?.seatId ? 0 : (candorWeights[k] as number)));
      const seatId = seatIds[s.weighted(weights)] as string;
      const anonymous = s.chance(active("false-harmony", raisedAt) ? 0.5 : 0.2);
      const toward = s.chance(0.6) ? s.pick(seatIds.filter((id) => id !== seatId)) : null;
      let resolvedAt: number | null = raisedAt + Math.floor((s.exponential(13) + 1) * DAY_MS);
      if (avoidanceSlows(raisedAt, resolvedAt)) resolvedAt = s.chance(0.85) ? null : resolvedAt + Math.floor(s.uniform(60, 150) * DAY_MS);
      tensions.push({ id: `tension-${tensions.length + 1}`, raisedAt, seatId: anonymous ? null : seatId, towardSeatId: toward, anonymous, resolvedAt });
    }
    for (let i = s.poisson((0.6 / 30) * intensity); i > 0; i--) {
      const namedAt = atDay(day);
      let closedAt: number | null = namedAt + Math.floor((s.exponential(20) + 2) * DAY_MS);
      if (avoidanceSlows(namedAt, closedAt) && s.chance(0.7)) closedAt = null;
      breakdowns.push({ id: `breakdown-${breakdowns.length + 1}`, seatId: seatIds[authorAt(namedAt)] as string, namedAt, closedAt });
    }
    for (let i = s.poisson((0.5 / 30) * intensity); i > 0; i--) {
      const testedAt = atDay(day);
      assumptions.push({ id: `assumption-${assumptions.length + 1}`, seatId: seatIds[authorAt(testedAt)] as string, testedAt });
    }
    for (let i = s.poisson((0.4 / 30) * intensity); i > 0; i--) {
      const foundAt = atDay(day);
      const involved = s.shuffle(seatIds).slice(0, s.int(2, Math.min(3, seatCount))).sort();
      const acknowledged = s.chance(active("false-harmony", foundAt) ? 0.1 : 0.85);
      divergences.push({ id: `divergence-${divergences.length + 1}`, seatIds: involved, foundAt, acknowledgedAt: acknowledged ? foundAt + Math.floor(s.uniform(3, 20) * DAY_MS) : null });
    }
  }

  // Pulses: individual answers are simulated, only aggregates are kept.
  const pulses: SimPulse[] = [];
  const level: Record<HealthDynamic, number> = { rhythm: 0, language: 0, presence: 0, authorship: 0, trust: 0, candor: 0 };
  for (const d of Object.keys(level) as HealthDynamic[]) level[d] = s.uniform(0.62, 0.8);
  const seatOffset = new Map<string, number>();
  for (const id of seatIds) for (const d of Object.keys(level)) seatOffset.set(`${id}|${d}`, s.normal(0, 0.04));
  const shiftOf = (seatId: string, dynamic: HealthDynamic, aboutSeatId: string | undefined, t: number) => {
    let shift = 0;
    if (active("one-sided", t) && dynamic === "authorship") shift += seatId === truth?.seatId ? 0.05 : -0.2;
    if (active("false-harmony", t) && dynamic === "candor") shift -= 0.3;
    if (active("fraying-trust", t) && dynamic === "trust") shift -= 0.15;
    if (active("drift", t) && dynamic === "rhythm") shift -= 0.3;
    if (active("conflict-avoidance", t) && dynamic === "candor") shift -= 0.1;
    if (active("perception-gap", t) && truth && (truth.detail.dynamics ?? "").split(",").includes(dynamic)) {
      const gap = Number(truth.detail.gap);
      shift += (truth.detail.higher ?? "").split(",").includes(seatId) ? gap / 2 : -gap / 2;
    }
    if (aboutSeatId !== undefined) shift += (behaviourOf(aboutSeatId).reliability - 0.86) * 0.5;
    return shift;
  };
  for (let day = s.int(10, 20); day < totalDays; day += 28) {
    const at = atDay(day, 17);
    const pulse: SimPulse = { id: `pulse-${pulses.length + 1}`, at, items: [] };
    const respondentsBySeat = new Map<string, number>();
    for (const id of seatIds) {
      let rate = 0.6 + 0.3 * behaviourOf(id).attendance;
      if (active("silent-partner", at) && id === truth?.seatId) rate = 0.1;
      respondentsBySeat.set(id, s.binomial(peopleOf(id).length, rate));
    }
    for (const item of pulseItems) {
      const simItem: SimPulseItem = { itemId: item.itemId, dynamic: item.dynamic, text: item.text, scale: item.scale, reversed: item.reversed, aggregates: [] };
      for (const id of seatIds) {
        const respondents = respondentsBySeat.get(id) as number;
        const invited = peopleOf(id).length;
        const abouts = item.directional ? seatIds.filter((x) => x !== id) : [undefined];
        for (const about of abouts) {
          const latent = level[item.dynamic] + (seatOffset.get(`${id}|${item.dynamic}`) as number) + shiftOf(id, item.dynamic, about, at);
          let total = 0;
          for (let r = 0; r < respondents; r++) {
            const steps = item.scale - 1;
            const answer = Math.min(steps, Math.max(0, Math.round(steps * clamp01(latent + s.normal(0, 0.15)))));
            total += answer / steps;
          }
          const mean = respondents > 0 ? Math.round((total / respondents) * 10_000) / 10_000 : 0;
          simItem.aggregates.push({ seatId: id, ...(about !== undefined ? { aboutSeatId: about } : {}), mean, respondents, invited });
        }
      }
      pulse.items.push(simItem);
    }
    pulses.push(pulse);
  }

  const sim: SimulatedAlliance = {
    scenario,
    seed: options.seed,
    start,
    end,
    months,
    cadence,
    seats,
    people,
    meetings,
    proposals,
    commitments,
    clauses,
    renewals,
    goals,
    tensions,
    breakdowns,
    assumptions,
    divergences,
    pulses,
    facts: [],
    truth,
  };
  trimToEnd(sim);
  sim.facts = simulationFacts(sim);
  return sim;
}

/** Drops everything that would happen at or after the end of the history. */
function trimToEnd(sim: SimulatedAlliance): void {
  const end = sim.end;
  sim.meetings = sim.meetings.filter((m) => m.scheduledAt < end);
  for (const m of sim.meetings) m.agenda = m.agenda.filter((a) => a.addedAt < end);
  sim.proposals = sim.proposals.filter((p) => p.createdAt < end);
  for (const p of sim.proposals) {
    p.positions = p.positions.filter((x) => x.at < end);
    if (p.closedAt !== null && p.closedAt >= end) {
      p.closedAt = null;
      p.outcome = null;
    }
  }
  sim.commitments = sim.commitments.filter((c) => c.requestedAt < end);
  for (const c of sim.commitments) c.moves = c.moves.filter((m) => m.at < end);
  sim.clauses = sim.clauses.filter((c) => c.at < end);
  sim.goals = sim.goals.filter((g) => g.at < end);
  for (const t of sim.tensions) if (t.resolvedAt !== null && t.resolvedAt >= end) t.resolvedAt = null;
  for (const b of sim.breakdowns) if (b.closedAt !== null && b.closedAt >= end) b.closedAt = null;
  for (const d of sim.divergences) if (d.acknowledgedAt !== null && d.acknowledgedAt >= end) d.acknowledgedAt = null;
  sim.pulses = sim.pulses.filter((p) => p.at < end);
}

/** Derives the health facts of a simulated history, as the product will derive them from its events. */
export function simulationFacts(sim: SimulatedAlliance): HealthFact[] {
  const facts: HealthFact[] = [];
  const seatIds = sim.seats.map((x) => x.id);
  for (const id of seatIds) facts.push({ id: `${id}:joined`, type: "seat.joined", at: sim.start, recordId: id, seatId: id });
  for (const m of sim.meetings) {
    facts.push({ id: `${m.id}:scheduled`, type: "meeting.scheduled", at: m.scheduledAt, recordId: m.id, cadenceId: m.cadenceId, expectedSeatIds: m.expectedSeatIds });
    if (m.heldAt !== null) facts.push({ id: `${m.id}:held`, type: "meeting.held", at: m.heldAt, recordId: m.id, expectedSeatIds: m.expectedSeatIds, attendingSeatIds: m.attendingSeatIds });
    for (const a of m.agenda) facts.push({ id: `${a.id}:added`, type: "agenda.item_added", at: a.addedAt, recordId: a.id, seatId: a.seatId, meetingId: m.id });
  }
  for (const p of sim.proposals) {
    facts.push({ id: `${p.id}:created`, type: "proposal.created", at: p.createdAt, recordId: p.id, seatId: p.seatId });
    p.positions.forEach((x, i) => facts.push({ id: `${p.id}:position-${i + 1}`, type: "position.taken", at: x.at, recordId: p.id, seatId: x.seatId, stance: x.stance }));
    if (p.closedAt !== null && p.outcome !== null) {
      const positioned = new Set(p.positions.map((x) => x.seatId));
      facts.push({
        id: `${p.id}:closed`,
        type: "proposal.closed",
        at: p.closedAt,
        recordId: p.id,
        outcome: p.outcome,
        dissentPresent: p.positions.some((x) => x.stance === "disagree" || x.stance === "block" || x.stance === "objection"),
        seatsPositioned: positioned.size,
        seatsEligible: seatIds.length,
      });
    }
  }
  for (const c of sim.clauses) facts.push({ id: `${c.id}:${c.kind}`, type: c.kind === "authored" ? "clause.authored" : "clause.amended", at: c.at, recordId: c.id, seatId: c.seatId });
  for (const r of sim.renewals) facts.push({ id: `${r.id}:renewed`, type: "charter.renewed", at: r.at, recordId: r.id, renewalPeriodDays: r.renewalPeriodDays });
  for (const g of sim.goals) facts.push({ id: `${g.id}:set`, type: "goal.set", at: g.at, recordId: g.id, horizonAt: g.horizonAt, seatId: g.seatId });
  for (const c of sim.commitments) {
    const parties = { customerSeatId: c.customerSeatId, performerSeatId: c.performerSeatId };
    let dueAt = c.moves[0]?.dueAt ?? c.dueAt;
    let answered = false;
    let reportedAt: number | null = null;
    c.moves.forEach((m, i) => {
      const id = `${c.id}:${i + 1}-${m.move}`;
      const base = { at: m.at, recordId: c.id, ...parties };
      if (m.move !== "request" && m.by === "performer" && !answered && (m.move === "promise" || m.move === "counter" || m.move === "decline")) {
        answered = true;
        facts.push({ id: `${c.id}:answered`, type: "commitment.answered", requestedAt: c.requestedAt, ...base });
      }
      switch (m.move) {
        case "request":
          facts.push({ id, type: "commitment.requested", dueAt, hasConditions: c.conditions !== null, ...base });
          break;
        case "promise":
        case "accept_counter":
          dueAt = m.dueAt ?? dueAt;
          facts.push({ id, type: "commitment.promised", dueAt, ...base });
          break;
        case "decline":
          facts.push({ id, type: "commitment.declined", ...base });
          break;
        case "report":
          reportedAt = m.at;
          facts.push({ id, type: "commitment.reported", dueAt, ...base });
          break;
        case "declare_satisfied":
          facts.push({ id, type: "commitment.accepted", onTime: reportedAt !== null && reportedAt <= dueAt, declaredByCustomer: m.by === "customer", ...base });
          break;
        case "renege":
          facts.push({ id, type: "commitment.reneged", ...base });
          break;
        case "revoke":
          facts.push({ id, type: "commitment.revoked", noticeDays: Math.max(0, Math.floor((dueAt - m.at) / DAY_MS)), ...base });
          break;
        case "cancel":
          facts.push({ id, type: "commitment.cancelled", declaredByCustomer: true, ...base });
          break;
        case "counter":
          break;
      }
    });
  }
  for (const t of sim.tensions) {
    facts.push({
      id: `${t.id}:raised`,
      type: "tension.raised",
      at: t.raisedAt,
      recordId: t.id,
      anonymous: t.anonymous,
      ...(t.seatId !== null ? { seatId: t.seatId } : {}),
      ...(t.towardSeatId !== null ? { towardSeatId: t.towardSeatId } : {}),
    });
    if (t.resolvedAt !== null) facts.push({ id: `${t.id}:resolved`, type: "tension.resolved", at: t.resolvedAt, recordId: t.id });
  }
  for (const b of sim.breakdowns) {
    facts.push({ id: `${b.id}:named`, type: "breakdown.named", at: b.namedAt, recordId: b.id, seatId: b.seatId });
    if (b.closedAt !== null) facts.push({ id: `${b.id}:closed`, type: "breakdown.closed", at: b.closedAt, recordId: b.id });
  }
  for (const a of sim.assumptions) facts.push({ id: `${a.id}:tested`, type: "assumption.tested", at: a.testedAt, recordId: a.id, seatId: a.seatId });
  for (const d of sim.divergences) {
    facts.push({ id: `${d.id}:found`, type: "alignment.divergence_found", at: d.foundAt, recordId: d.id, seatIds: d.seatIds });
    if (d.acknowledgedAt !== null) facts.push({ id: `${d.id}:acknowledged`, type: "alignment.divergence_acknowledged", at: d.acknowledgedAt, recordId: d.id });
  }
  for (const p of sim.pulses) {
    for (const item of p.items) {
      for (const a of item.aggregates) {
        const recordId = `${p.id}:${item.itemId}:${a.seatId}${a.aboutSeatId ? `:${a.aboutSeatId}` : ""}`;
        facts.push({
          id: `${recordId}:aggregate`,
          type: "pulse.response_aggregate",
          at: p.at,
          recordId,
          pulseId: p.id,
          itemId: item.itemId,
          dynamic: item.dynamic,
          seatId: a.seatId,
          ...(a.aboutSeatId !== undefined ? { aboutSeatId: a.aboutSeatId } : {}),
          mean: a.mean,
          respondents: a.respondents,
          invited: a.invited,
        });
      }
    }
  }
  return facts.sort(compareFacts);
}
