import { AppError } from "../errors";
import { anchorBlock, findPulseItem, pulseBank, pulseScales, type PulseItem, type PulseScale } from "./pulse-bank";

/** The most bank items one pulse may ask (reference/pulse-bank.md). */
export const maxPulseItems = 8;

export interface PulseBlueprint {
  /** 0-based position of the pulse in the alliance's series; drives the rotation. */
  sequence: number;
  /** Bank item ids, anchor first, then the rotated blocks in order. */
  itemIds: string[];
  /** The rotating blocks asked in this pulse. */
  blocks: string[];
}

/** The ordered list of rotating blocks in a bank (first appearance order; the anchor excluded). */
export function listRotatingBlocks(bank: readonly PulseItem[] = pulseBank): string[] {
  const blocks: string[] = [];
  for (const item of bank) if (item.block !== anchorBlock && !blocks.includes(item.block)) blocks.push(item.block);
  return blocks;
}

/**
 * Builds pulse number `sequence` from the bank: the anchor items, then whole rotating blocks
 * starting at block `sequence mod blocks` and taking the following ones while they fit in
 * `maxItems` (at most 8). A sliding window: successive pulses share a block, so every item
 * recurs and trends can be read. Deterministic: same bank and sequence, same pulse.
 */
export function buildPulse(options: { sequence: number; bank?: readonly PulseItem[]; maxItems?: number }): PulseBlueprint {
  const bank = options.bank ?? pulseBank;
  const maxItems = options.maxItems ?? maxPulseItems;
  if (!Number.isInteger(options.sequence) || options.sequence < 0) {
    throw new AppError("validation_failed", "The pulse sequence is a whole number from 0.", { field: "sequence" });
  }
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > maxPulseItems) {
    throw new AppError("validation_failed", `A pulse asks between 1 and ${maxPulseItems} items.`, { field: "maxItems", max: maxPulseItems });
  }
  const itemIds = bank.filter((item) => item.block === anchorBlock).map((item) => item.id);
  const blocks = listRotatingBlocks(bank);
  const chosen: string[] = [];
  for (let offset = 0; offset < blocks.length; offset++) {
    const block = blocks[(options.sequence + offset) % blocks.length] as string;
    const blockItems = bank.filter((item) => item.block === block).map((item) => item.id);
    if (itemIds.length + blockItems.length > maxItems) break;
    itemIds.push(...blockItems);
    chosen.push(block);
  }
  if (itemIds.length === 0 || (blocks.length > 0 && chosen.length === 0)) {
    throw new AppError("validation_failed", `No whole block of the bank fits in ${maxItems} items.`, { field: "maxItems" });
  }
  return { sequence: options.sequence, itemIds, blocks: chosen };
}

export interface PulseQuestion {
  /** Unique within the respondent's form: the item id, plus "@seat" for directional items. */
  key: string;
  itemId: string;
  /** The seat asked about, for directional items; null otherwise. */
  targetSeatId: string | null;
  text: string;
  scale: PulseScale;
  labels: readonly string[];
}

/**
 * The questions one respondent answers: every item of the pulse, with each directional
 * "[Partner]" item asked once per *other* seat (never the respondent's own).
 */
export function expandPulseQuestions(
  itemIds: readonly string[],
  respondent: { seatId: string },
  seats: readonly { id: string; name: string }[],
  bank: readonly PulseItem[] = pulseBank,
): PulseQuestion[] {
  if (!seats.some((seat) => seat.id === respondent.seatId)) {
    throw new AppError("validation_failed", "The respondent's seat is not one of the alliance's seats.", { seatId: respondent.seatId });
  }
  const questions: PulseQuestion[] = [];
  for (const itemId of itemIds) {
    const item = findPulseItem(itemId, bank);
    const labels = pulseScales[item.scale].labels;
    if (!item.directional) {
      questions.push({ key: item.id, itemId: item.id, targetSeatId: null, text: item.text, scale: item.scale, labels });
      continue;
    }
    for (const seat of seats) {
      if (seat.id === respondent.seatId) continue;
      questions.push({
        key: `${item.id}@${seat.id}`,
        itemId: item.id,
        targetSeatId: seat.id,
        text: item.text.replaceAll("[Partner]", seat.name),
        scale: item.scale,
        labels,
      });
    }
  }
  return questions;
}
