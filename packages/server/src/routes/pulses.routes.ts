import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError, can, type AllianceViewer } from "@trellis/core";
import { defaultMinGroupSize, lowestMinGroupSize, pulseBank, pulseDynamics, pulseMeasures } from "@trellis/core/pulses";
import { findPulseRow, listPulseRows, listPulsesRespondedBy, loadPulseSettings, type PulseRow } from "@trellis/db";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute } from "../http/route";
import {
  perceptionGapSchema,
  presentPerceptionGap,
  presentPulse,
  presentPulseAnswer,
  presentPulseQuestion,
  presentPulseSummary,
  presentPulseTrend,
  pulseAnswerSchema,
  pulseQuestionSchema,
  pulseSchema,
  pulseSummarySchema,
  pulseTrendSchema,
  responseRateSchema,
} from "../presenters/pulse.presenter";
import { loadViewer } from "../use-cases/load-viewer";
import { answerPulse, pulseStatusAt, questionsFor } from "../use-cases/pulses/answer-pulse";
import { closePulse } from "../use-cases/pulses/close-pulse";
import { setPulseCadence, updatePulseSettings } from "../use-cases/pulses/pulse-settings";
import { aggregatePulses, loadPulseResultsScope, perceptionGapOf, responseRatesOf, summarizePulseResults, trendOfPulses } from "../use-cases/pulses/read-pulse-results";
import { schedulePulse } from "../use-cases/pulses/schedule-pulse";

const allianceParams = z.object({ id: z.uuid() });
const pulseParams = z.object({ id: z.uuid(), pulseId: z.uuid() });
const instant = z.iso
  .datetime({ offset: true })
  .refine((value) => Date.parse(value) >= Date.UTC(2000, 0, 1) && Date.parse(value) < Date.UTC(2200, 0, 1), "must be between 2000 and 2200")
  .transform((value) => new Date(value));
const itemIds = pulseBank.map((item) => item.id) as [string, ...string[]];
/** A list in a query string: comma-separated values, each checked. */
const listParam = <T extends z.ZodType<unknown, string>>(value: T) =>
  z
    .string()
    .max(2000)
    .transform((raw) => raw.split(",").filter((part) => part.length > 0))
    .pipe(z.array(value).min(1).max(50));
const asSeat = { asSeatId: z.uuid().optional().meta({ description: "Look as one of the seats you act for (facilitators: default is the facilitator's view)." }) };

/** Pulses: settings, cadence, scheduling, answering, and results only through the anonymity guard. */
export function registerPulseRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const viewerOf = (request: FastifyRequest, allianceId: string) => loadViewer(ctx.db, allianceId, request.person!);

  async function presentPulses(viewer: AllianceViewer, allianceId: string, rows: PulseRow[]) {
    const now = ctx.clock();
    const [rates, responded] = await Promise.all([responseRatesOf(ctx.db, allianceId, rows, now), listPulsesRespondedBy(ctx.db, rows.map((row) => row.id), viewer.personId)]);
    const mayAnswer = viewer.seatIds.some((seatId) => can(viewer, "pulse.answer", { seatId }));
    return rows.map((row) => {
      const status = pulseStatusAt(row, now);
      const hasResponded = responded.has(row.id);
      return presentPulse(row, status, rates.get(row.id)!, { hasResponded, canAnswer: mayAnswer && status === "open" && !hasResponded });
    });
  }

  const settingsSchema = z.object({ minGroupSize: z.number().int(), default: z.number().int(), lowest: z.number().int(), version: z.number().int(), canChange: z.boolean() });
  const getSettings = async (viewer: AllianceViewer, allianceId: string) => {
    const settings = await loadPulseSettings(ctx.db, allianceId);
    return { minGroupSize: settings.minGroupSize ?? defaultMinGroupSize, default: defaultMinGroupSize, lowest: lowestMinGroupSize, version: settings.version, canChange: can(viewer, "pulse.schedule") };
  };

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/pulse-settings",
    summary: "The minimum group size k behind any shown pulse aggregate (default 5, never below 3)",
    tags: ["pulses"],
    params: allianceParams,
    response: settingsSchema,
    handler: async ({ params, request }) => getSettings(await viewerOf(request, params.id), params.id),
  });

  defineRoute(app, {
    method: "PUT",
    url: "/api/v1/alliances/:id/pulse-settings",
    summary: "Set the minimum group size k (facilitators; at least 3; send the version you read, 0 before the first setting)",
    tags: ["pulses"],
    params: allianceParams,
    body: z.object({ version: z.number().int().min(0), minGroupSize: z.number().int().min(lowestMinGroupSize).max(1000) }),
    response: settingsSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(request, params.id);
      await updatePulseSettings(ctx, viewer, params.id, body);
      return getSettings(viewer, params.id);
    },
  });

  const cadenceSchema = z.object({ firstOpensAt: z.string(), everyWeeks: z.number().int(), openDays: z.number().int(), active: z.boolean(), version: z.number().int() }).nullable();
  const getCadence = async (allianceId: string) => {
    const row = await ctx.db.selectFrom("pulse_cadences").selectAll().where("alliance_id", "=", allianceId).executeTakeFirst();
    return row ? { firstOpensAt: row.first_opens_at.toISOString(), everyWeeks: row.every_weeks, openDays: row.open_days, active: row.active, version: row.version } : null;
  };

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/pulse-cadence",
    summary: "The rhythm of the alliance's pulses (null when none is set)",
    tags: ["pulses"],
    params: allianceParams,
    response: z.object({ cadence: cadenceSchema }),
    handler: async ({ params, request }) => {
      await viewerOf(request, params.id);
      return { cadence: await getCadence(params.id) };
    },
  });

  defineRoute(app, {
    method: "PUT",
    url: "/api/v1/alliances/:id/pulse-cadence",
    summary: "Set the pulse rhythm (facilitators): the first opening, every N weeks, open for D days; the pulse job opens and closes them",
    tags: ["pulses"],
    params: allianceParams,
    body: z.object({ version: z.number().int().min(0), firstOpensAt: instant, everyWeeks: z.number().int().min(1).max(52), openDays: z.number().int().min(1).max(28), active: z.boolean().default(true) }),
    response: z.object({ cadence: cadenceSchema }),
    handler: async ({ params, body, request }) => {
      await setPulseCadence(ctx, await viewerOf(request, params.id), params.id, body);
      return { cadence: await getCadence(params.id) };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/pulses",
    summary: "The alliance's pulses, newest first: items, where each stands, response rate, and whether I have answered",
    tags: ["pulses"],
    params: allianceParams,
    response: z.object({ items: z.array(pulseSchema), canSchedule: z.boolean() }),
    handler: async ({ params, request }) => {
      const viewer = await viewerOf(request, params.id);
      return { items: await presentPulses(viewer, params.id, await listPulseRows(ctx.db, params.id)), canSchedule: can(viewer, "pulse.schedule") };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/pulses",
    summary: "Schedule one pulse by hand (facilitators): the next items of the bank's rotation, open from opensAt until closesAt",
    tags: ["pulses"],
    params: allianceParams,
    successStatus: 201,
    body: z.object({ opensAt: instant, closesAt: instant }),
    response: pulseSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(request, params.id);
      const { id } = await schedulePulse(ctx, viewer, params.id, body);
      const [presented] = await presentPulses(viewer, params.id, [(await findPulseRow(ctx.db, params.id, id))!]);
      return presented;
    },
  });

  const pulseDetail = pulseSchema.extend({
    /** The questions I answer, for the seat I would answer for (empty when I cannot answer). */
    questions: z.array(pulseQuestionSchema),
    answeringSeatId: z.string().nullable(),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/pulses/:pulseId",
    summary: "A pulse and, while it is open and I have not answered, my questions (directional items once per other seat)",
    tags: ["pulses"],
    params: pulseParams,
    query: z.object({ seatId: z.uuid().optional() }),
    response: pulseDetail,
    handler: async ({ params, query, request }) => {
      const viewer = await viewerOf(request, params.id);
      const row = await findPulseRow(ctx.db, params.id, params.pulseId);
      if (!row) throw new AppError("not_found", "No such pulse.");
      const [presented] = await presentPulses(viewer, params.id, [row]);
      const seatId = query.seatId ?? viewer.seatIds[0] ?? null;
      if (query.seatId && !viewer.seatIds.includes(query.seatId)) throw new AppError("forbidden", "You do not act for that seat.");
      const questions = presented!.me.canAnswer && seatId ? (await questionsFor(ctx.db, params.id, row, seatId)).map(presentPulseQuestion) : [];
      return { ...presented!, questions, answeringSeatId: questions.length ? seatId : null };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/pulses/:pulseId/responses",
    summary: "Answer an open pulse, once, for a seat I act for (questions may be skipped; answers are stored under an opaque key, apart from who answered)",
    tags: ["pulses"],
    params: pulseParams,
    successStatus: 201,
    body: z.object({
      seatId: z.uuid().nullable().optional(),
      answers: z.array(z.object({ itemId: z.enum(itemIds), targetSeatId: z.uuid().nullable().default(null), value: z.number().int().min(1).max(7) })).min(1).max(200),
    }),
    response: z.object({ answered: z.literal(true) }),
    handler: async ({ params, body, request }) => {
      await answerPulse(ctx, await viewerOf(request, params.id), params.id, params.pulseId, body);
      return { answered: true as const };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/pulses/:pulseId/closure",
    summary: "Close an open pulse early (facilitators); its answers are then aggregated and never change",
    tags: ["pulses"],
    params: pulseParams,
    response: pulseSchema,
    handler: async ({ params, request }) => {
      const viewer = await viewerOf(request, params.id);
      await closePulse(ctx, viewer, params.id, params.pulseId);
      const [presented] = await presentPulses(viewer, params.id, [(await findPulseRow(ctx.db, params.id, params.pulseId))!]);
      return presented;
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/pulses/:pulseId/results",
    summary: "A pulse's results through the anonymity guard: per item (mean, distribution) and per dynamic, by seat where allowed, about each seat (directional); hidden below k",
    tags: ["pulses"],
    params: pulseParams,
    query: z.object(asSeat),
    response: z.object({ pulse: pulseSchema, audience: z.object({ kind: z.enum(["facilitator", "partner"]), seatId: z.string().nullable() }), responseRate: responseRateSchema, results: pulseSummarySchema }),
    handler: async ({ params, query, request }) => {
      const viewer = await viewerOf(request, params.id);
      const scope = await loadPulseResultsScope(ctx.db, viewer, params.id, query.asSeatId);
      const { pulse, summary } = summarizePulseResults(scope, params.pulseId);
      const [presented] = await presentPulses(viewer, params.id, [pulse]);
      const seatNames = new Map(scope.seats.map((seat) => [seat.id, seat.name]));
      return {
        pulse: presented!,
        audience: scope.audience.kind === "facilitator" ? { kind: "facilitator" as const, seatId: null } : { kind: "partner" as const, seatId: scope.audience.seatId || null },
        responseRate: presented!.responseRate,
        results: presentPulseSummary(summary, seatNames),
      };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/pulse-results/trend",
    summary: "One item or one dynamic over the closed pulses, oldest first (optionally by respondent seat or about a seat, where allowed)",
    tags: ["pulses"],
    params: allianceParams,
    query: z.object({
      itemId: z.enum(itemIds).optional(),
      dynamic: z.enum(pulseDynamics).optional(),
      respondentSeatId: z.uuid().optional(),
      targetSeatId: z.uuid().optional(),
      ...asSeat,
    }),
    response: pulseTrendSchema,
    handler: async ({ params, query, request }) => {
      const scope = await loadPulseResultsScope(ctx.db, await viewerOf(request, params.id), params.id, query.asSeatId);
      const { pulses, trend } = trendOfPulses(scope, query);
      return presentPulseTrend(trend, pulses);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/pulse-results/perception-gap",
    summary: "The perception gap: how far seats' ratings of the same item or dynamic differ (seats that meet k); facilitators also get A's trust in B against B's in A",
    tags: ["pulses"],
    params: allianceParams,
    query: z.object({ pulseIds: listParam(z.uuid()).optional(), ...asSeat }),
    response: perceptionGapSchema,
    handler: async ({ params, query, request }) => {
      const scope = await loadPulseResultsScope(ctx.db, await viewerOf(request, params.id), params.id, query.asSeatId);
      const { pulseIds, gap } = perceptionGapOf(scope, query.pulseIds);
      return presentPerceptionGap(pulseIds, gap, new Map(scope.seats.map((seat) => [seat.id, seat.name])));
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/pulse-results/aggregate",
    summary: "Any aggregate of pulse answers (mean, count or distribution) for a combination of filters, answered by the anonymity guard: hidden unless every group behind it has k respondents",
    tags: ["pulses"],
    params: allianceParams,
    query: z.object({
      measure: z.enum(pulseMeasures),
      pulseIds: listParam(z.uuid()).optional(),
      itemIds: listParam(z.enum(itemIds)).optional(),
      dynamics: listParam(z.enum(pulseDynamics)).optional(),
      respondentSeatIds: listParam(z.uuid()).optional(),
      targetSeatIds: listParam(z.uuid()).optional(),
      ...asSeat,
    }),
    response: pulseAnswerSchema,
    handler: async ({ params, query, request }) => {
      const scope = await loadPulseResultsScope(ctx.db, await viewerOf(request, params.id), params.id, query.asSeatId);
      const { asSeatId: _asSeatId, ...filters } = query;
      return presentPulseAnswer(aggregatePulses(scope, filters));
    },
  });
}
