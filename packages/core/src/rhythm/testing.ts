import type { Cadence } from "./cadence";

/** Builds a cadence for tests: every second Tuesday, 15:00 Berlin, unless overridden. */
export function buildCadence(overrides: Partial<Cadence> = {}): Cadence {
  return {
    id: "cad-1",
    allianceId: "all-1",
    kind: "tactical_check_in",
    title: "Tactical check-in",
    rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
    dtstart: "2026-01-13T15:00",
    timeZone: "Europe/Berlin",
    durationMinutes: 60,
    expectedSeatIds: ["seat-a", "seat-b"],
    cancelledStarts: [],
    ...overrides,
  };
}
