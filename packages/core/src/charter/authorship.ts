import { compareText, sum } from "../decisions/numbers";
import type { Charter, Clause } from "./types";

/**
 * Gini coefficient of non-negative values: G = sum_i sum_j |x_i - x_j| / (2 n^2 mean)
 * (the equity signal in reference/health-signals.md is 1 - G). 0 is perfect equality;
 * null when there is nothing to share (no values, or all zero).
 */
export function giniCoefficient(values: readonly number[]): number | null {
  const n = values.length;
  if (values.some((x) => !Number.isFinite(x) || x < 0)) throw new RangeError("giniCoefficient: values must be finite and non-negative");
  // Sorted form of the same formula: G = sum_i (2i - n - 1) x_(i) / (n * total), i from 1.
  const sorted = [...values].sort((a, b) => a - b);
  const total = sum(sorted);
  if (n === 0 || total <= 0) return null;
  let weighted = 0;
  sorted.forEach((x, i) => {
    weighted += (2 * (i + 1) - n - 1) * x;
  });
  return weighted / (n * total);
}

/** Which seats wrote and amended a clause (a seat appears once per role, in order of first writing). */
export function clauseAuthors(clause: Clause): { wroteBy: string | null; amendedBy: readonly string[]; facilitatorWritten: boolean } {
  const wrote = clause.authorship.find((e) => e.kind === "wrote");
  const amendedBy: string[] = [];
  for (const entry of clause.authorship) {
    if (entry.kind === "amended" && entry.seatId !== null && !amendedBy.includes(entry.seatId)) amendedBy.push(entry.seatId);
  }
  return { wroteBy: wrote?.seatId ?? null, amendedBy, facilitatorWritten: wrote !== undefined && wrote.seatId === null };
}

export interface SeatAuthorship {
  seatId: string;
  /** Clauses of the current charter this seat wrote. */
  wrote: number;
  /** Amendments by this seat that shaped current clauses. */
  amended: number;
  total: number;
  /** Share of all seat authorship, 0..1 (0 when nobody wrote anything). */
  share: number;
}

export interface AuthorshipBalance {
  seats: readonly SeatAuthorship[];
  /** Writing by people without a seat (facilitators): shown, not counted in the balance. */
  withoutSeat: number;
  gini: number | null;
  /** 1 - Gini over seats' totals; null when no seat has written anything. */
  equity: number | null;
}

/**
 * Authorship balance of the current charter: per seat, clauses written and amendments made,
 * and equity = 1 - Gini over the given seats (seats that wrote nothing count as zero).
 */
export function authorshipBalance(charter: Charter, seatIds: readonly string[]): AuthorshipBalance {
  const counts = new Map(seatIds.map((id) => [id, { wrote: 0, amended: 0 }]));
  let withoutSeat = 0;
  for (const clause of charter.clauses) {
    for (const entry of clause.authorship) {
      if (entry.seatId === null) {
        withoutSeat += 1;
        continue;
      }
      const seat = counts.get(entry.seatId);
      if (!seat) continue;
      if (entry.kind === "wrote") seat.wrote += 1;
      else seat.amended += 1;
    }
  }
  const totals = [...counts.entries()].sort(([a], [b]) => compareText(a, b)).map(([, c]) => c.wrote + c.amended);
  const all = sum(totals);
  const gini = giniCoefficient(totals);
  return {
    seats: seatIds.map((seatId) => {
      const c = counts.get(seatId) ?? { wrote: 0, amended: 0 };
      const total = c.wrote + c.amended;
      return { seatId, wrote: c.wrote, amended: c.amended, total, share: all > 0 ? total / all : 0 };
    }),
    withoutSeat,
    gini,
    equity: gini === null ? null : 1 - gini,
  };
}
