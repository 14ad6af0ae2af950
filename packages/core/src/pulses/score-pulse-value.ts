import { AppError } from "../errors";
import { pulseScales, type PulseItem } from "./pulse-bank";

/** True when the value is a whole point on the item's scale. */
export function isValidPulseValue(item: PulseItem, value: number): boolean {
  const scale = pulseScales[item.scale];
  return Number.isInteger(value) && value >= scale.min && value <= scale.max;
}

/**
 * Validates one answer before it is stored: a point on the scale; a target seat exactly for
 * directional items, and never the respondent's own seat.
 */
export function validatePulseAnswer(item: PulseItem, answer: { value: number; respondentSeatId: string; targetSeatId: string | null }): void {
  if (!isValidPulseValue(item, answer.value)) {
    const scale = pulseScales[item.scale];
    throw new AppError("validation_failed", `Answer ${item.id} with a whole number from ${scale.min} to ${scale.max}.`, { itemId: item.id });
  }
  if (item.directional) {
    if (!answer.targetSeatId) throw new AppError("validation_failed", `Item ${item.id} is asked about a partner seat.`, { itemId: item.id });
    if (answer.targetSeatId === answer.respondentSeatId) {
      throw new AppError("validation_failed", `Item ${item.id} is asked about other seats, not one's own.`, { itemId: item.id });
    }
  } else if (answer.targetSeatId != null) {
    throw new AppError("validation_failed", `Item ${item.id} is not asked about a partner seat.`, { itemId: item.id });
  }
}

/** The value oriented so higher is better, on the item's own scale (reversed: min + max - value). */
export function orientPulseValue(item: PulseItem, value: number): number {
  const scale = pulseScales[item.scale];
  return item.reversed ? scale.min + scale.max - value : value;
}

/** Scores an answer from 0 (worst) to 1 (best): reversed items flipped, then (v - min) / (max - min). */
export function scorePulseValue(item: PulseItem, value: number): number {
  if (!isValidPulseValue(item, value)) throw new AppError("validation_failed", `Value ${value} is not on the scale of ${item.id}.`, { itemId: item.id });
  const scale = pulseScales[item.scale];
  return (orientPulseValue(item, value) - scale.min) / (scale.max - scale.min);
}

/** A 0–1 score on the 0–100 scale the health index uses. */
export function toPercentScore(score: number): number {
  return score * 100;
}
