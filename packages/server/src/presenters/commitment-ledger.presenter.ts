import { z } from "zod";

const count = z.number().int();
const rate = z.number().nullable();

/** Every measure of core's LedgerMeasures (see packages/core/src/commitments/measure-ledger.ts for each definition). */
export const ledgerMeasuresSchema = z.object({
  promisesMade: count,
  promisesCameDue: count,
  keptOnTime: count,
  keptLate: count,
  reneged: count,
  revokedWithNotice: count,
  declined: count,
  promiseKeepingRate: rate.meta({ description: "kept on time / promises that came due" }),
  renegeShare: rate,
  revokeShare: rate,
  requestsReceived: count,
  requestsAnswered: count,
  medianResponseMs: z.number().nullable().meta({ description: "median time from a request to the performer's first answer" }),
  requestsMade: count,
  commitmentsOpened: count,
  negotiationRounds: count,
  negotiationRoundsPerCommitment: rate,
  closures: count,
  closuresByCustomer: count,
  customerClosureShare: rate,
  overdueOpenLoops: count,
  overdueAgesMs: z.array(z.number()),
  oldestOverdueMs: z.number().nullable(),
});

export const trustMeasuresSchema = z.object({
  promiseKeepingRate: rate,
  promisesCameDue: count,
  keptOnTime: count,
  keptLate: count,
  reneged: count,
  revokedWithNotice: count,
  renegeShare: rate,
  revokeShare: rate,
  requestsReceived: count,
  requestsAnswered: count,
  medianResponseMs: z.number().nullable(),
  negotiationRounds: count,
  negotiationRoundsPerCommitment: rate,
  closures: count,
  closuresByCustomer: count,
  customerClosureShare: rate,
  overdueOpenLoops: count,
  oldestOverdueMs: z.number().nullable(),
});

const seatRefSchema = z.object({ id: z.string(), name: z.string() });
const periodSchema = { asOf: z.string(), from: z.string().nullable(), to: z.string().nullable() };

export const ledgerSchema = z.object({
  ...periodSchema,
  alliance: ledgerMeasuresSchema.meta({ description: "The alliance as a whole: every visible commitment counted once." }),
  seats: z.array(z.object({ seat: seatRefSchema, measures: ledgerMeasuresSchema })),
  pairs: z.array(z.object({ customerSeat: seatRefSchema, performerSeat: seatRefSchema, measures: ledgerMeasuresSchema })),
});

export const seatLedgerSchema = z.object({
  ...periodSchema,
  seat: seatRefSchema,
  measures: ledgerMeasuresSchema,
  pairs: z.array(z.object({ customerSeat: seatRefSchema, performerSeat: seatRefSchema, measures: ledgerMeasuresSchema })),
});

export const trustSchema = z.object({
  ...periodSchema,
  alliance: trustMeasuresSchema,
  seats: z.array(z.object({ seat: seatRefSchema, trust: trustMeasuresSchema })),
  pairs: z.array(z.object({ customerSeat: seatRefSchema, performerSeat: seatRefSchema, trust: trustMeasuresSchema })),
});

export const networkSchema = z.object({
  ...periodSchema,
  nodes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      commitments: count.meta({ description: "commitments the seat was part of, opened in the period" }),
      promisesMade: count,
      requestsMade: count,
      promiseKeepingRate: rate,
      overdueOpenLoops: count,
    }),
  ),
  edges: z.array(
    z.object({
      id: z.string(),
      source: z.string().meta({ description: "the customer seat (who asked)" }),
      target: z.string().meta({ description: "the performer seat (who promised)" }),
      count: count.meta({ description: "commitments opened between them in the period" }),
      open: count.meta({ description: "of all their commitments, the ones open now" }),
      promisesCameDue: count,
      keptOnTime: count,
      keptOnTimeRate: rate,
    }),
  ),
});
