import { AppError } from "../errors";
import { compareText, isClearlyGreater, parseInstant, sum } from "./numbers";
import { allowedStances, validatePositions } from "./position";
import { isProposalOpen, requiredQuorumSeats, validateProposal } from "./proposal";
import { countBorda, countInstantRunoff } from "./ranked-count";
import type { WeightedBallot } from "./ranked-count";
import { rankByScore, topScorers } from "./ranking";
import { deriveSeatStance } from "./seat-rule";
import type {
  AdviceRecord,
  BlockRecord,
  FailureReason,
  ObjectionStatus,
  Outcome,
  OutcomeDetails,
  OutcomeResult,
  Position,
  Proposal,
  QuorumStatus,
  RankEntry,
  SeatRef,
  DecisionSeatTally,
  Stance,
  TallyContext,
  TallyLine,
} from "./types";

/** What each method decides; the shared parts (quorum, participation) are added around it. */
interface MethodResult {
  result: OutcomeResult;
  passed: boolean | null;
  winners: readonly string[];
  ranking: readonly RankEntry[];
  failedBecause: readonly FailureReason[];
  tally: readonly TallyLine[];
  seats: readonly DecisionSeatTally[];
  details: OutcomeDetails;
}

interface Common {
  proposal: Proposal;
  context: TallyContext;
  /** Seats sorted by id: every sum runs in this order, so reordering inputs changes nothing. */
  seats: readonly SeatRef[];
  /** Positions per seat, sorted by person id. */
  positionsBySeat: ReadonlyMap<string, readonly Position[]>;
  /** All positions, sorted by seat then person. */
  positions: readonly Position[];
  quorum: QuorumStatus;
}

function stanceOf(position: Position): Stance {
  if (position.value.kind !== "stance") throw new AppError("validation_failed", "Expected a stance.", { field: "value.kind" });
  return position.value.stance;
}

function personShown(common: Common, position: Position): string | null {
  return common.proposal.anonymous ? null : position.personId;
}

function yesNoResult(quorumMet: boolean, passed: boolean): OutcomeResult {
  if (!quorumMet) return "no_quorum";
  return passed ? "passed" : "failed";
}

/** Consent, consensus, majority, weighted and advice: seats derive a stance by the proposal's seat rule. */
function tallyStanceMethod(common: Common): MethodResult {
  const { proposal } = common;
  const method = proposal.method;
  const stanceKeys = allowedStances(method);
  const weighted = method.kind === "weighted";

  const seatTallies: DecisionSeatTally[] = common.seats.map((seat) => {
    const own = common.positionsBySeat.get(seat.id) ?? [];
    const derived = deriveSeatStance(own.map(stanceOf), proposal.seatRule);
    const factor = weighted ? seat.weight : 1;
    const contribution: Record<string, number> = {};
    for (const [stance, share] of Object.entries(derived.shares)) contribution[stance] = share * factor;
    return {
      seatId: seat.id,
      weight: seat.weight,
      participated: own.length > 0,
      delegates: own.length,
      split: derived.split,
      stance: derived.stance,
      delegateCounts: derived.delegateCounts,
      contribution,
    };
  });
  const tally: TallyLine[] = stanceKeys.map((stance) => ({
    key: stance,
    byPerson: common.positions.filter((p) => stanceOf(p) === stance).length,
    bySeat: sum(seatTallies.map((s) => s.contribution[stance] ?? 0)),
  }));
  const bySeat = (stance: Stance): number => tally.find((line) => line.key === stance)?.bySeat ?? 0;
  const quorumMet = common.quorum.met;
  const failed: FailureReason[] = quorumMet ? [] : ["quorum_not_met"];
  const base = { winners: [], ranking: [], tally, seats: seatTallies };

  switch (method.kind) {
    case "consent": {
      const responses = (common.context.objectionResponses ?? []).filter((r) => r.respondedBy === proposal.proposerId);
      const objections: ObjectionStatus[] = common.positions
        .filter((p) => stanceOf(p) === "object")
        .map((p) => {
          const answers = responses.filter((r) => r.positionId === p.id);
          // Integrating an objection is the stronger answer; it wins over "addressed" if both exist.
          const answer = answers.find((r) => r.kind === "integrated") ?? answers[0];
          return {
            positionId: p.id,
            seatId: p.seatId,
            personId: personShown(common, p),
            reason: p.reason ?? "",
            status: answer ? answer.kind : "open",
            note: answer ? answer.note : null,
          };
        });
      const unaddressed = objections.some((o) => o.status === "open");
      if (unaddressed) failed.push("unaddressed_objection");
      const passed = quorumMet && !unaddressed;
      return { ...base, result: yesNoResult(quorumMet, passed), passed, failedBecause: failed, details: { kind: "consent", objections } };
    }
    case "consensus": {
      const record = (p: Position): BlockRecord => ({ positionId: p.id, seatId: p.seatId, personId: personShown(common, p), reason: p.reason ?? "" });
      const blocks = common.positions.filter((p) => stanceOf(p) === "block").map(record);
      const reservations = common.positions.filter((p) => stanceOf(p) === "disagree").map(record);
      if (blocks.length > 0) failed.push("blocked");
      const agreement = isClearlyGreater(bySeat("agree"), bySeat("disagree"));
      if (!agreement) failed.push("no_agreement");
      const passed = quorumMet && blocks.length === 0 && agreement;
      return { ...base, result: yesNoResult(quorumMet, passed), passed, failedBecause: failed, details: { kind: "consensus", blocks, reservations } };
    }
    case "majority":
    case "weighted": {
      const agree = bySeat("agree");
      const disagree = bySeat("disagree");
      const majority = isClearlyGreater(agree, disagree);
      if (!majority) failed.push("majority_not_reached");
      const passed = quorumMet && majority;
      const counts = { agree, disagree, abstain: bySeat("abstain") };
      const details: OutcomeDetails =
        method.kind === "weighted"
          ? { kind: "weighted", ...counts, totalWeight: sum(common.seats.map((s) => s.weight)) }
          : { kind: "majority", ...counts };
      return { ...base, result: yesNoResult(quorumMet, passed), passed, failedBecause: failed, details };
    }
    case "advice": {
      const decision = common.context.adviceDecision ?? null;
      if (decision !== null && decision.deciderId !== method.deciderId) {
        throw new AppError("validation_failed", "Only the named decider decides an advice proposal.", { field: "adviceDecision.deciderId", reason: "not_decider" });
      }
      const taken = new Set(decision?.adviceTaken ?? []);
      const adviceBySeat = common.seats
        .filter((seat) => (common.positionsBySeat.get(seat.id) ?? []).length > 0)
        .map((seat) => ({
          seatId: seat.id,
          advice: (common.positionsBySeat.get(seat.id) ?? []).map(
            (p): AdviceRecord => ({ positionId: p.id, personId: personShown(common, p), stance: stanceOf(p), advice: p.reason ?? "", taken: taken.has(p.id) }),
          ),
        }));
      const details: OutcomeDetails = {
        kind: "advice",
        deciderId: method.deciderId,
        decision: decision?.decision ?? null,
        note: decision?.note ?? null,
        adviceBySeat,
      };
      if (decision === null) {
        return { ...base, result: quorumMet ? "awaiting_decision" : "no_quorum", passed: null, failedBecause: failed, details };
      }
      if (decision.decision === "reject") failed.push("decided_against");
      const passed = quorumMet && decision.decision === "adopt";
      return { ...base, result: yesNoResult(quorumMet, passed), passed, failedBecause: failed, details };
    }
    default:
      throw new AppError("bad_request", `${method.kind} is not a stance method.`);
  }
}

/** Each participating delegate carries an equal share of the seat's one vote. */
function delegateShare(common: Common, seatId: string): number {
  const n = (common.positionsBySeat.get(seatId) ?? []).length;
  return n === 0 ? 0 : 1 / n;
}

function choiceResult(quorumMet: boolean, winners: readonly string[]): { result: OutcomeResult; winners: readonly string[]; failedBecause: FailureReason[] } {
  if (!quorumMet) return { result: "no_quorum", winners: [], failedBecause: ["quorum_not_met"] };
  if (winners.length === 0) return { result: "no_votes", winners: [], failedBecause: [] };
  return { result: winners.length === 1 ? "chosen" : "tied", winners, failedBecause: [] };
}

function emptyRecord(ids: readonly string[]): Record<string, number> {
  const record: Record<string, number> = {};
  for (const id of ids) record[id] = 0;
  return record;
}

function seatTallyBase(common: Common, seat: SeatRef): Omit<DecisionSeatTally, "delegateCounts" | "contribution"> {
  const own = common.positionsBySeat.get(seat.id) ?? [];
  const distinct = new Set(own.map((p) => JSON.stringify(normalizedValue(p))));
  return { seatId: seat.id, weight: seat.weight, participated: own.length > 0, delegates: own.length, split: distinct.size > 1, stance: null };
}

// Maps and sets compared as sorted entries, so {a:1,b:2} equals {b:2,a:1} when deciding "split".
function normalizedValue(p: Position): unknown {
  const v = p.value;
  switch (v.kind) {
    case "scores":
      return Object.entries(v.scores).sort(([a], [b]) => compareText(a, b));
    case "dots":
      return Object.entries(v.dots).filter(([, d]) => d > 0).sort(([a], [b]) => compareText(a, b));
    case "availability":
      return [...v.slotIds].sort(compareText);
    default:
      return v;
  }
}

/**
 * Score: an option's seat score is the mean of its delegates' scores for it (delegates who did
 * not score it are left out); the option's score is the mean over the seats that scored it.
 * byPerson is the plain mean over persons.
 */
function tallyScore(common: Common, min: number, max: number): MethodResult {
  const optionIds = common.proposal.options.map((o) => o.id);
  const scoreOf = (p: Position, id: string): number | undefined => (p.value.kind === "scores" ? p.value.scores[id] : undefined);
  const seatTallies: DecisionSeatTally[] = common.seats.map((seat) => {
    const own = common.positionsBySeat.get(seat.id) ?? [];
    const delegateCounts: Record<string, number> = {};
    const contribution: Record<string, number> = {};
    for (const id of optionIds) {
      const scores = own.map((p) => scoreOf(p, id)).filter((s): s is number => s !== undefined);
      delegateCounts[id] = scores.length;
      if (scores.length > 0) contribution[id] = sum(scores) / scores.length;
    }
    return { ...seatTallyBase(common, seat), delegateCounts, contribution };
  });
  const entries = optionIds.map((id) => {
    const seatMeans = seatTallies.map((s) => s.contribution[id]).filter((m): m is number => m !== undefined);
    return { optionId: id, score: seatMeans.length > 0 ? sum(seatMeans) / seatMeans.length : null };
  });
  const tally: TallyLine[] = optionIds.map((id, i) => {
    const scores = common.positions.map((p) => scoreOf(p, id)).filter((s): s is number => s !== undefined);
    return { key: id, byPerson: scores.length > 0 ? sum(scores) / scores.length : 0, bySeat: entries[i]?.score ?? 0 };
  });
  const decided = choiceResult(common.quorum.met, topScorers(entries, true));
  return { ...decided, passed: null, ranking: rankByScore(entries), tally, seats: seatTallies, details: { kind: "score", min, max } };
}

function rankingOf(p: Position): readonly string[] {
  return p.value.kind === "ranking" ? p.value.ranking : [];
}

/** Ranked choice: every seat holds one vote shared among its delegates' ballots. */
function tallyRanked(common: Common, count: "instant_runoff" | "borda"): MethodResult {
  const optionIds = common.proposal.options.map((o) => o.id);
  const seatBallots = (seat: SeatRef): WeightedBallot[] =>
    (common.positionsBySeat.get(seat.id) ?? []).map((p) => ({ ranking: rankingOf(p), weight: delegateShare(common, seat.id) }));
  const allSeatBallots = common.seats.flatMap(seatBallots);
  const personBallots = common.positions.map((p) => ({ ranking: rankingOf(p), weight: 1 }));

  if (count === "borda") {
    const bySeatPoints = countBorda(allSeatBallots, optionIds);
    const byPersonPoints = countBorda(personBallots, optionIds);
    const seatTallies: DecisionSeatTally[] = common.seats.map((seat) => {
      const own = common.positionsBySeat.get(seat.id) ?? [];
      const delegateCounts = emptyRecord(optionIds);
      for (const p of own) {
        const first = rankingOf(p)[0];
        if (first !== undefined) delegateCounts[first] = (delegateCounts[first] ?? 0) + 1;
      }
      return { ...seatTallyBase(common, seat), delegateCounts, contribution: own.length > 0 ? countBorda(seatBallots(seat), optionIds) : {} };
    });
    const entries = optionIds.map((id) => ({ optionId: id, score: allSeatBallots.length > 0 ? (bySeatPoints[id] ?? 0) : null }));
    const tally = optionIds.map((id) => ({ key: id, byPerson: byPersonPoints[id] ?? 0, bySeat: bySeatPoints[id] ?? 0 }));
    const decided = choiceResult(common.quorum.met, topScorers(entries, false));
    return { ...decided, passed: null, ranking: rankByScore(entries), tally, seats: seatTallies, details: { kind: "borda" } };
  }

  const runoff = countInstantRunoff(allSeatBallots, optionIds);
  const firstRound = runoff.rounds[0]?.counts ?? {};
  const seatTallies: DecisionSeatTally[] = common.seats.map((seat) => {
    const own = common.positionsBySeat.get(seat.id) ?? [];
    const delegateCounts = emptyRecord(optionIds);
    const contribution: Record<string, number> = {};
    for (const p of own) {
      const first = rankingOf(p)[0];
      if (first === undefined) continue;
      delegateCounts[first] = (delegateCounts[first] ?? 0) + 1;
      contribution[first] = (contribution[first] ?? 0) + delegateShare(common, seat.id);
    }
    return { ...seatTallyBase(common, seat), delegateCounts, contribution };
  });
  const tally = optionIds.map((id) => ({
    key: id,
    byPerson: common.positions.filter((p) => rankingOf(p)[0] === id).length,
    bySeat: firstRound[id] ?? 0,
  }));
  // Ranking: winners, then the other finalists by their final count, then the eliminated
  // (last eliminated first), each scored with its count in its last round.
  const lastCounts = runoff.rounds[runoff.rounds.length - 1]?.counts ?? {};
  const ranking: RankEntry[] = runoff.winners.map((id) => ({ optionId: id, score: lastCounts[id] ?? 0, rank: 1 }));
  const finalists = optionIds.filter((id) => lastCounts[id] !== undefined && !runoff.winners.includes(id));
  for (const entry of rankByScore(finalists.map((id) => ({ optionId: id, score: lastCounts[id] ?? 0 })))) {
    ranking.push({ ...entry, rank: runoff.winners.length + entry.rank });
  }
  for (const id of [...runoff.eliminated].reverse()) {
    const round = runoff.rounds.find((r) => r.eliminated === id);
    ranking.push({ optionId: id, score: round?.counts[id] ?? 0, rank: ranking.length + 1 });
  }
  const decided = choiceResult(common.quorum.met, runoff.winners);
  return { ...decided, passed: null, ranking, tally, seats: seatTallies, details: { kind: "instant_runoff", rounds: runoff.rounds } };
}

/**
 * Dot vote: byPerson is the dots placed on each option; a seat's dots are the mean of its
 * delegates' dots, so every seat carries at most N dots whatever its number of delegates.
 */
function tallyDots(common: Common, dotsPerPerson: number): MethodResult {
  const optionIds = common.proposal.options.map((o) => o.id);
  const dotsOf = (p: Position, id: string): number => (p.value.kind === "dots" ? (p.value.dots[id] ?? 0) : 0);
  const seatTallies: DecisionSeatTally[] = common.seats.map((seat) => {
    const own = common.positionsBySeat.get(seat.id) ?? [];
    const delegateCounts = emptyRecord(optionIds);
    const contribution: Record<string, number> = {};
    for (const id of optionIds) {
      delegateCounts[id] = own.filter((p) => dotsOf(p, id) > 0).length;
      if (own.length > 0) contribution[id] = sum(own.map((p) => dotsOf(p, id))) / own.length;
    }
    return { ...seatTallyBase(common, seat), delegateCounts, contribution };
  });
  const tally = optionIds.map((id) => ({
    key: id,
    byPerson: sum(common.positions.map((p) => dotsOf(p, id))),
    bySeat: sum(seatTallies.map((s) => s.contribution[id] ?? 0)),
  }));
  const entries = tally.map((line) => ({ optionId: line.key, score: common.positions.length > 0 ? line.bySeat : null }));
  const decided = choiceResult(common.quorum.met, topScorers(entries, false));
  const dotsCast = sum(tally.map((line) => line.byPerson));
  return { ...decided, passed: null, ranking: rankByScore(entries), tally, seats: seatTallies, details: { kind: "dot_vote", dotsPerPerson, dotsCast } };
}

/**
 * Meeting time: a seat is available for a slot when any of its delegates is. The slot with the
 * most seats available wins; ties go to the earliest start, then to the order listed.
 */
function tallyMeetingTime(common: Common): MethodResult {
  const options = common.proposal.options;
  const optionIds = options.map((o) => o.id);
  const availableFor = (p: Position, id: string): boolean => p.value.kind === "availability" && p.value.slotIds.includes(id);
  const seatTallies: DecisionSeatTally[] = common.seats.map((seat) => {
    const own = common.positionsBySeat.get(seat.id) ?? [];
    const delegateCounts = emptyRecord(optionIds);
    const contribution: Record<string, number> = {};
    for (const id of optionIds) {
      delegateCounts[id] = own.filter((p) => availableFor(p, id)).length;
      if (own.length > 0) contribution[id] = (delegateCounts[id] ?? 0) > 0 ? 1 : 0;
    }
    return { ...seatTallyBase(common, seat), delegateCounts, contribution };
  });
  const slots = options.map((o) => ({
    optionId: o.id,
    startsAt: o.startsAt ?? null,
    seatsAvailable: seatTallies.filter((s) => (s.contribution[o.id] ?? 0) > 0).map((s) => s.seatId),
    personsAvailable: common.positions.filter((p) => availableFor(p, o.id)).length,
  }));
  const startMs = (startsAt: string | null): number => (startsAt === null ? Number.POSITIVE_INFINITY : parseInstant(startsAt, "startsAt"));
  const ordered = slots
    .map((s, i) => ({ ...s, i }))
    .sort((a, b) => b.seatsAvailable.length - a.seatsAvailable.length || startMs(a.startsAt) - startMs(b.startsAt) || a.i - b.i);
  const ranking = rankByScore(ordered.map((s) => ({ optionId: s.optionId, score: s.seatsAvailable.length })));
  const best = ordered[0];
  const winners = best !== undefined && best.seatsAvailable.length > 0 ? [best.optionId] : [];
  const tally = slots.map((s) => ({ key: s.optionId, byPerson: s.personsAvailable, bySeat: s.seatsAvailable.length }));
  const decided = choiceResult(common.quorum.met, winners);
  return { ...decided, passed: null, ranking, tally, seats: seatTallies, details: { kind: "meeting_time", slots } };
}

/**
 * Tallies a proposal into the uniform Outcome. Every method counts per person and per seat;
 * the outcome is decided per seat (an organization's place), never by head count alone.
 * Inputs are validated (validation_failed) and put in a canonical order first, so the outcome
 * does not depend on the order of positions or seats. A seat takes part when any delegate
 * took a position (abstaining included); quorum counts such seats. The rules per method:
 * - consent: passes with quorum and no open objection; any person's objection counts,
 *   whatever the seat rule, until the proposer addresses or integrates it.
 * - consensus: any person's block fails it; otherwise passes when more seats agree than
 *   disagree (disagreements are listed as reservations).
 * - majority / weighted: passes when agreeing seats (or their weight) are more than the
 *   disagreeing ones; abstaining and split seats count toward quorum only.
 * - advice: awaits the decider's decision; passed = adopted.
 * - score: mean per seat over its delegates, then mean over the seats that scored the option.
 * - ranked_choice: a seat's one vote is shared among its delegates' ballots; instant runoff
 *   (see countInstantRunoff for the tie-break) or Borda (see countBorda).
 * - dot_vote: a seat's dots are the mean of its delegates' dots.
 * - meeting_time: a seat is available when any delegate is; most seats wins, then earliest.
 */
export function tallyProposal(proposal: Proposal, positions: readonly Position[], context: TallyContext): Outcome {
  validateProposal(proposal, context.seats);
  validatePositions(proposal, positions, context.seats);

  const seats = [...context.seats].sort((a, b) => compareText(a.id, b.id));
  const sorted = [...positions].sort((a, b) => compareText(a.seatId, b.seatId) || compareText(a.personId, b.personId));
  const positionsBySeat = new Map<string, Position[]>();
  for (const p of sorted) positionsBySeat.set(p.seatId, [...(positionsBySeat.get(p.seatId) ?? []), p]);
  const participating = seats.filter((s) => positionsBySeat.has(s.id)).length;
  const required = requiredQuorumSeats(proposal.quorum, seats.length);
  const common: Common = {
    proposal,
    context,
    seats,
    positionsBySeat,
    positions: sorted,
    quorum: { required, participating, met: participating >= required },
  };

  const method = proposal.method;
  let decided: MethodResult;
  switch (method.kind) {
    case "consent":
    case "consensus":
    case "majority":
    case "weighted":
    case "advice":
      decided = tallyStanceMethod(common);
      break;
    case "score":
      decided = tallyScore(common, method.min, method.max);
      break;
    case "ranked_choice":
      decided = tallyRanked(common, method.count);
      break;
    case "dot_vote":
      decided = tallyDots(common, method.dotsPerPerson);
      break;
    case "meeting_time":
      decided = tallyMeetingTime(common);
      break;
  }

  // Seats are reported in the order the caller gave them.
  const seatOrder = new Map(context.seats.map((s, i) => [s.id, i]));
  const seatTallies = [...decided.seats].sort((a, b) => (seatOrder.get(a.seatId) ?? 0) - (seatOrder.get(b.seatId) ?? 0));
  return {
    proposalId: proposal.id,
    method: method.kind,
    result: decided.result,
    passed: decided.passed,
    winners: decided.winners,
    ranking: decided.ranking,
    failedBecause: decided.failedBecause,
    final: !isProposalOpen(proposal, context.now),
    quorum: common.quorum,
    tally: decided.tally,
    seats: seatTallies,
    seatsSplit: seatTallies.filter((s) => s.split).map((s) => s.seatId),
    seatsNotParticipating: seatTallies.filter((s) => !s.participated).map((s) => s.seatId),
    details: decided.details,
  };
}
