import { requiredQuorumSeats, type DecisionMethodKind, type OutcomeResult, type SeatRule } from "@trellis/core/decisions";
import type { MethodView, QuorumView } from "./decision-types";

// Words people read for the decisions' codes.

export const methodLabels: Record<DecisionMethodKind, string> = {
  consent: "Consent",
  consensus: "Consensus with block",
  majority: "Majority of seats",
  weighted: "Weighted by seat weight",
  advice: "Advice",
  score: "Score",
  ranked_choice: "Ranked choice",
  dot_vote: "Dot vote",
  meeting_time: "Meeting time",
};

/** One line per method: what a position means and how the result is reached. */
export const methodHelp: Record<DecisionMethodKind, string> = {
  consent: "Passes unless someone objects with a reason; the proposer must address or integrate every objection first.",
  consensus: "Passes when more seats agree than disagree and nobody blocks; a block needs a reason and stops it.",
  majority: "Each seat has one vote; passes when more seats agree than disagree.",
  weighted: "Like a majority, but each seat counts with its weight.",
  advice: "The decider asks every seat for advice, then decides and records which advice they took.",
  score: "Everyone scores each option; the option with the highest mean seat score wins.",
  ranked_choice: "Everyone ranks the options; each seat's vote is shared by its delegates and counted by instant runoff or Borda.",
  dot_vote: "Everyone spreads a number of dots over the options; the option with the most dots by seat wins.",
  meeting_time: "Everyone marks the slots they can make; the slot most seats can make wins.",
};

/** The method's name with its settings ("Ranked choice, Borda count"). */
export function describeMethod(method: MethodView): string {
  switch (method.kind) {
    case "score":
      return `${methodLabels.score}, ${method.min} to ${method.max}`;
    case "ranked_choice":
      return `${methodLabels.ranked_choice}, ${method.count === "borda" ? "Borda count" : "instant runoff"}`;
    case "dot_vote":
      return `${methodLabels.dot_vote}, ${method.dotsPerPerson} dots each${method.maxPerOption !== null ? `, at most ${method.maxPerOption} on one option` : ""}`;
    default:
      return methodLabels[method.kind];
  }
}

export const stanceLabels: Record<string, string> = {
  agree: "Agree",
  abstain: "Abstain",
  disagree: "Disagree",
  block: "Block",
  object: "Object",
  split: "Split",
};

/** The stance words each method uses for its own stances. */
export function stanceLabel(method: DecisionMethodKind, stance: string): string {
  if (method === "consent") {
    if (stance === "agree") return "Consent";
    if (stance === "abstain") return "Stand aside";
  }
  if (method === "consensus" && stance === "disagree") return "Disagree (reservation)";
  return stanceLabels[stance] ?? stance;
}

/** One line per stance where the method gives it a particular meaning. */
export function stanceHelp(method: DecisionMethodKind, stance: string): string | null {
  if (method === "consent" && stance === "object") return "This would harm us or the alliance; say why. The proposer must address or integrate it.";
  if (method === "consent" && stance === "abstain") return "I will not stand in its way, but I do not take part in it.";
  if (method === "consensus" && stance === "block") return "I cannot live with this; say why. A block stops the proposal.";
  if (method === "consensus" && stance === "disagree") return "I disagree, but will not block; recorded as a reservation.";
  return null;
}

export const resultLabels: Record<OutcomeResult, string> = {
  passed: "Passed",
  failed: "Did not pass",
  chosen: "Chosen",
  tied: "Tied",
  no_votes: "No positions taken",
  no_quorum: "No quorum",
  awaiting_decision: "Awaiting the decider",
};

/** A dark orange for warnings: white on it, and it on white, stay above 4.5:1 (Mantine's orange.9 does not). */
export const warningInk = "#b23c0c";

/** Badge colours: shades dark enough for white text at 4.5:1. */
export const resultColors: Record<OutcomeResult, string> = {
  passed: "teal.9",
  failed: "red.9",
  chosen: "teal.9",
  tied: warningInk,
  no_votes: "gray.7",
  no_quorum: warningInk,
  awaiting_decision: "blue.8",
};

export const failureLabels: Record<string, string> = {
  quorum_not_met: "not enough seats took part",
  unaddressed_objection: "an objection is not yet addressed or integrated",
  blocked: "a seat blocked it",
  no_agreement: "not more seats agree than disagree",
  majority_not_reached: "no majority of seats agrees",
  decided_against: "the decider decided against it",
};

export const seatRuleLabels: Record<SeatRule, string> = {
  majority: "Majority of its delegates",
  unanimous: "Its delegates must all agree",
  proportional: "Shared among its delegates",
};

/** How a seat's position derives from its delegates, in one line. */
export const seatRuleHelp: Record<SeatRule, string> = {
  majority: "A seat takes the stance most of its delegates took; a tie makes the seat split, and a split seat counts neither way.",
  unanimous: "A seat takes a stance only when all its delegates who took part agree; otherwise it is split and counts neither way.",
  proportional: "A seat's vote is shared equally among its delegates who took part, so a split seat counts partly each way.",
};

/** A share of the seats as people say it: "60%" when it is a whole percentage, "2/3" otherwise. */
function describeShare(fraction: { numerator: number; denominator: number }): string {
  const percent = (fraction.numerator * 100) / fraction.denominator;
  return Number.isInteger(percent) ? `${percent}%` : `${fraction.numerator}/${fraction.denominator}`;
}

/** The quorum in words ("2 of 3 seats must take part"); a share of the seats also says how many seats that is. */
export function describeQuorum(quorum: QuorumView, seatCount: number): string {
  switch (quorum.kind) {
    case "none":
      return "No quorum: at least one seat must take part.";
    case "seats":
      return `${quorum.count} of ${seatCount} seats must take part.`;
    case "fraction":
      return `Quorum of ${describeShare(quorum.fraction)} of the seats: ${requiredQuorumSeats(quorum, seatCount)} of ${seatCount} seats must take part.`;
  }
}

/** "1", "1.5", "0.33": a tally number without noise. */
export function formatTally(value: number): string {
  return String(Math.round(value * 100) / 100);
}
