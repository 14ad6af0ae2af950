import { AppError } from "@trellis/core";
import { occurrencesOf, type Cadence, type Occurrence } from "@trellis/core/rhythm";

const dayMs = 24 * 3600_000;

/**
 * The occurrence of a cadence with this key (its original local start, "20261201T150000"),
 * cancelled or not; not_found when the rule has no such occurrence.
 */
export function findOccurrence(cadence: Cadence, occurrenceKey: string): Occurrence {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(occurrenceKey);
  if (!match) throw new AppError("not_found", "No such occurrence.");
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const wallClock = Date.UTC(y, mo - 1, d, h, mi, s);
  if (!Number.isFinite(wallClock)) throw new AppError("not_found", "No such occurrence.");
  // The local start is within a day of the same wall-clock time read as UTC in every zone.
  const found = occurrencesOf(cadence, new Date(wallClock - 2 * dayMs), new Date(wallClock + 2 * dayMs)).find((o) => o.occurrenceKey === occurrenceKey);
  if (!found) throw new AppError("not_found", `The cadence has no occurrence ${occurrenceKey}.`);
  return found;
}
