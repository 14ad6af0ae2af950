import { AppError } from "../errors";
import { formatCompactLocalDateTime, formatLocalDate, tryParseLocalDate, tryParseLocalDateTime } from "./local-date-time";
import type { LocalDateTime } from "./local-date-time";
import { isInstantText } from "./instant";

/**
 * Tells whether an occurrence is named by a list of references (EXDATE values or cancelled
 * starts). A reference is one of: the occurrence's original local start in the cadence's zone
 * ("2026-03-10T15:00", or its key "20260310T150000"), its UTC instant ("2026-03-10T14:00:00Z"),
 * or a local date ("2026-03-10": every occurrence that day).
 */
export type OccurrenceMatcher = (nominalLocal: LocalDateTime, epochMs: number) => boolean;

/** Builds a matcher from references, or throws validation_failed naming the field and the bad value. */
export function matchOccurrences(refs: readonly string[], field: string): OccurrenceMatcher {
  const keys = new Set<string>();
  const instants = new Set<number>();
  const dates = new Set<string>();
  for (const ref of refs) {
    const text = ref.trim();
    if (isInstantText(text)) {
      instants.add(Date.parse(text));
      continue;
    }
    const local = tryParseLocalDateTime(text);
    if (local) {
      keys.add(formatCompactLocalDateTime(local));
      continue;
    }
    const date = tryParseLocalDate(text);
    if (date) {
      dates.add(formatLocalDate(date));
      continue;
    }
    throw new AppError("validation_failed", `${field} entries must be local starts, UTC instants or dates.`, {
      field,
      value: ref,
      reason: "invalid_occurrence_reference",
    });
  }
  if (keys.size + instants.size + dates.size === 0) return () => false;
  return (nominalLocal, epochMs) =>
    keys.has(formatCompactLocalDateTime(nominalLocal)) || instants.has(epochMs) || dates.has(formatLocalDate(nominalLocal));
}
