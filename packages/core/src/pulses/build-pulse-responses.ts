import { createRandom, randomInt } from "../random";
import type { PulseResponse } from "./anonymity-guard";
import { findPulseItem, pulseBank, pulseScales, type PulseItem } from "./pulse-bank";

export interface BuildPulseResponsesInput {
  pulseId: string;
  itemIds: readonly string[];
  /** How many people answer for each seat (a seat with 0 is still asked about). */
  respondentsBySeat: Readonly<Record<string, number>>;
  /** Seed for the values when no `value` function is given. */
  seed?: number;
  value?: (answer: { item: PulseItem; respondentSeatId: string; targetSeatId: string | null; respondentIndex: number }) => number;
  bank?: readonly PulseItem[];
}

/**
 * A factory of stored answers for tests, demos and simulations: every respondent answers every
 * question (directional items about every other seat); values seeded, so runs are repeatable.
 */
export function buildPulseResponses(input: BuildPulseResponsesInput): PulseResponse[] {
  const bank = input.bank ?? pulseBank;
  const random = createRandom(input.seed ?? 1);
  const seatIds = Object.keys(input.respondentsBySeat);
  const responses: PulseResponse[] = [];
  let respondentNumber = 0;
  for (const seatId of seatIds) {
    const count = input.respondentsBySeat[seatId] ?? 0;
    for (let respondentIndex = 0; respondentIndex < count; respondentIndex++) {
      respondentNumber += 1;
      const respondentKey = `${input.pulseId}-r${respondentNumber}`;
      for (const itemId of input.itemIds) {
        const item = findPulseItem(itemId, bank);
        const targets = item.directional ? seatIds.filter((other) => other !== seatId) : [null];
        for (const targetSeatId of targets) {
          const scale = pulseScales[item.scale];
          const value = input.value
            ? input.value({ item, respondentSeatId: seatId, targetSeatId, respondentIndex })
            : randomInt(random, scale.min, scale.max);
          responses.push({ pulseId: input.pulseId, itemId, respondentKey, respondentSeatId: seatId, targetSeatId, value });
        }
      }
    }
  }
  return responses;
}
