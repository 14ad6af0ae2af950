import { findPulseItem, pulseScales, type PerceptionGap, type PulseAnswer, type PulseQuestion, type PulseResponseRate, type PulseSummary, type PulseTrend, type SeatPulseAnswer } from "@trellis/core/pulses";
import type { PulseRow } from "@trellis/db";
import { z } from "zod";
import type { PulseStatus } from "../use-cases/pulses/answer-pulse";

const seatRef = z.object({ id: z.string(), name: z.string() });

export const pulseAnswerSchema = z.union([
  z.object({ status: z.literal("hidden"), k: z.number().int(), message: z.string() }),
  z.object({
    status: z.literal("shown"),
    measure: z.enum(["mean", "count", "distribution"]),
    respondents: z.number().int(),
    responses: z.number().int(),
    score: z.number().optional(),
    meanOnScale: z.number().nullable().optional(),
    scale: z.string().nullable().optional(),
    counts: z.array(z.object({ value: z.number().int(), label: z.string(), count: z.number().int() })).optional(),
  }),
]);

export const responseRateSchema = z.object({ respondents: z.number().int(), invited: z.number().int(), rate: z.number().nullable() });

export const pulseItemSchema = z.object({ id: z.string(), dynamic: z.string(), facet: z.string().nullable(), text: z.string(), scale: z.string(), reversed: z.boolean(), directional: z.boolean(), block: z.string() });

export const pulseSchema = z.object({
  id: z.string(),
  title: z.string(),
  sequence: z.number().int(),
  items: z.array(pulseItemSchema),
  blocks: z.array(z.string()),
  opensAt: z.string(),
  closesAt: z.string(),
  closedAt: z.string().nullable(),
  status: z.enum(["scheduled", "open", "closing", "closed"]),
  byCadence: z.boolean(),
  responseRate: responseRateSchema,
  me: z.object({ hasResponded: z.boolean(), canAnswer: z.boolean() }),
});

export const pulseQuestionSchema = z.object({ key: z.string(), itemId: z.string(), targetSeatId: z.string().nullable(), text: z.string(), scale: z.string(), labels: z.array(z.string()), min: z.number().int(), max: z.number().int() });

/** The bank item as respondents and result pages show it. */
export function presentPulseItem(itemId: string): z.infer<typeof pulseItemSchema> {
  const item = findPulseItem(itemId);
  return { id: item.id, dynamic: item.dynamic, facet: item.facet, text: item.text, scale: item.scale, reversed: item.reversed, directional: item.directional, block: item.block };
}

/** A pulse with its items, where it stands, its response rate, and the viewer's part in it. */
export function presentPulse(row: PulseRow, status: PulseStatus, rate: PulseResponseRate, me: { hasResponded: boolean; canAnswer: boolean }): z.infer<typeof pulseSchema> {
  return {
    id: row.id,
    title: `Pulse ${row.sequence + 1}`,
    sequence: row.sequence,
    items: row.item_ids.map(presentPulseItem),
    blocks: [...row.blocks],
    opensAt: row.opens_at.toISOString(),
    closesAt: row.closes_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    status,
    byCadence: row.occurrence !== null,
    responseRate: { respondents: rate.respondents, invited: rate.invited, rate: rate.rate },
    me,
  };
}

/** A question of the answering form: the text (partner named), the scale and its labels. */
export function presentPulseQuestion(question: PulseQuestion): z.infer<typeof pulseQuestionSchema> {
  const scale = pulseScales[question.scale];
  return { key: question.key, itemId: question.itemId, targetSeatId: question.targetSeatId, text: question.text, scale: question.scale, labels: [...question.labels], min: scale.min, max: scale.max };
}

/** A guard answer as it leaves the server: hidden ones carry only k and the one message. */
export function presentPulseAnswer(answer: PulseAnswer): z.infer<typeof pulseAnswerSchema> {
  if (answer.status === "hidden") return { status: "hidden", k: answer.k, message: answer.message };
  switch (answer.measure) {
    case "count":
      return { status: "shown", measure: "count", respondents: answer.respondents, responses: answer.responses };
    case "mean":
      return { status: "shown", measure: "mean", respondents: answer.respondents, responses: answer.responses, score: answer.score, meanOnScale: answer.meanOnScale, scale: answer.scale };
    case "distribution":
      return { status: "shown", measure: "distribution", respondents: answer.respondents, responses: answer.responses, scale: answer.scale, counts: answer.counts.map((c) => ({ ...c })) };
  }
}

const seatAnswerSchema = z.object({ seat: seatRef, answer: pulseAnswerSchema });

export const pulseSummarySchema = z.object({
  k: z.number().int(),
  items: z.array(
    z.object({
      item: pulseItemSchema,
      overall: pulseAnswerSchema,
      distribution: pulseAnswerSchema,
      bySeat: z.array(seatAnswerSchema),
      aboutSeat: z.array(seatAnswerSchema),
    }),
  ),
  dynamics: z.array(z.object({ dynamic: z.string(), itemIds: z.array(z.string()), overall: pulseAnswerSchema, bySeat: z.array(seatAnswerSchema), aboutSeat: z.array(seatAnswerSchema) })),
});

function seatAnswers(rows: readonly SeatPulseAnswer[], seatNames: ReadonlyMap<string, string>) {
  return rows.map((row) => ({ seat: { id: row.seatId, name: seatNames.get(row.seatId) ?? "A seat" }, answer: presentPulseAnswer(row.answer) }));
}

/** One pulse's results (core summarizePulse), with item texts and seat names. */
export function presentPulseSummary(summary: PulseSummary, seatNames: ReadonlyMap<string, string>): z.infer<typeof pulseSummarySchema> {
  return {
    k: summary.k,
    items: summary.items.map((item) => ({
      item: presentPulseItem(item.itemId),
      overall: presentPulseAnswer(item.overall),
      distribution: presentPulseAnswer(item.distribution),
      bySeat: seatAnswers(item.bySeat, seatNames),
      aboutSeat: seatAnswers(item.aboutSeat, seatNames),
    })),
    dynamics: summary.dynamics.map((row) => ({
      dynamic: row.dynamic,
      itemIds: [...row.itemIds],
      overall: presentPulseAnswer(row.overall),
      bySeat: seatAnswers(row.bySeat, seatNames),
      aboutSeat: seatAnswers(row.aboutSeat, seatNames),
    })),
  };
}

export const pulseTrendSchema = z.object({
  points: z.array(z.object({ pulseId: z.string(), title: z.string(), closedAt: z.string().nullable(), asked: z.boolean(), answer: pulseAnswerSchema.nullable() })),
  change: z.number().nullable(),
});

/** A trend (core trendPulseResults), each point named by its pulse. */
export function presentPulseTrend(trend: PulseTrend, pulses: readonly PulseRow[]): z.infer<typeof pulseTrendSchema> {
  return {
    points: trend.points.map((point) => {
      const pulse = pulses.find((candidate) => candidate.id === point.pulseId);
      return {
        pulseId: point.pulseId,
        title: pulse ? `Pulse ${pulse.sequence + 1}` : "Pulse",
        closedAt: pulse?.closed_at?.toISOString() ?? null,
        asked: point.asked,
        answer: point.answer ? presentPulseAnswer(point.answer) : null,
      };
    }),
    change: trend.change,
  };
}

const gapRowSchema = z.object({
  level: z.enum(["item", "dynamic"]),
  key: z.string(),
  seats: z.array(z.object({ seat: seatRef, score: z.number(), respondents: z.number().int() })),
  spread: z.number().nullable(),
  standardDeviation: z.number().nullable(),
});

export const perceptionGapSchema = z.object({
  pulseIds: z.array(z.string()),
  byItem: z.array(gapRowSchema),
  byDynamic: z.array(gapRowSchema),
  directional: z.array(z.object({ itemId: z.string().nullable(), dynamic: z.string(), seatA: seatRef, seatB: seatRef, aTowardB: z.number(), bTowardA: z.number(), gap: z.number() })),
});

/** The perception gap (core measurePerceptionGap), with seat names. */
export function presentPerceptionGap(pulseIds: string[], gap: PerceptionGap, seatNames: ReadonlyMap<string, string>): z.infer<typeof perceptionGapSchema> {
  const seat = (id: string) => ({ id, name: seatNames.get(id) ?? "A seat" });
  const row = (r: PerceptionGap["byItem"][number]) => ({ level: r.level, key: r.key, seats: r.seats.map((s) => ({ seat: seat(s.seatId), score: s.score, respondents: s.respondents })), spread: r.spread, standardDeviation: r.standardDeviation });
  return {
    pulseIds,
    byItem: gap.byItem.map(row),
    byDynamic: gap.byDynamic.map(row),
    directional: gap.directional.map((d) => ({ itemId: d.itemId, dynamic: d.dynamic, seatA: seat(d.seatA), seatB: seat(d.seatB), aTowardB: d.aTowardB, bTowardA: d.bTowardA, gap: d.gap })),
  };
}
