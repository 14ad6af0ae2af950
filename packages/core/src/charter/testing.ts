import { createCharter } from "./charter";
import type { DraftClause } from "./charter";
import type { AmendmentRule, Charter, RatificationAnswer } from "./types";

export const testSeatIds = ["s1", "s2", "s3"] as const;

/** Test factory: a first-draft charter of three seats, with the given amendment rule (unanimous by default). */
export function buildCharter(rule: AmendmentRule = { kind: "unanimous" }, extra: readonly DraftClause[] = []): Charter {
  return createCharter({
    allianceId: "alliance-1",
    at: "2026-01-15T10:00:00Z",
    seatIds: testSeatIds,
    clauses: [
      { id: "purpose", section: "purpose", text: "Together we make river basins measurable.", author: { personId: "ana", seatId: "s1" } },
      { id: "in-scope", section: "scope", scopeSide: "in", text: "Shared sensor standards are pre-competitive.", author: { personId: "ben", seatId: "s2" } },
      { id: "out-scope", section: "scope", scopeSide: "out", text: "Pricing and customers are out of scope.", author: { personId: "ben", seatId: "s2" } },
      { id: "rule", section: "governance", text: "Amendments need the consent of every partner.", setting: { key: "amendment_rule", rule }, author: { personId: "fay", seatId: null } },
      { id: "renewal", section: "governance", text: "We renew our purpose every twelve months.", setting: { key: "renewal_period", months: 12 }, author: { personId: "cy", seatId: "s3" } },
      { id: "s3-contribution", section: "contributions", seatId: "s3", text: "Cy's lab lends two field engineers.", author: { personId: "cy", seatId: "s3" } },
      ...extra,
    ],
  });
}

/** Test factory: a ratification answer (objections get a reason unless given null). */
export function answer(
  amendmentId: string,
  personId: string,
  seatId: string,
  value: "consent" | "object",
  options: { draft?: number; reason?: string | null } = {},
): RatificationAnswer {
  const reason = options.reason === undefined ? (value === "object" ? `concern of ${personId}` : null) : options.reason;
  return { amendmentId, draft: options.draft ?? 1, personId, seatId, answer: value, reason };
}
