import type { FastifyInstance } from "fastify";
import { AppError, isAppError, visibilityLevels } from "@trellis/core";
import { commitmentStates, commitmentTransitions, loopReasons, moveLabels, moveNames, movePayloads, type CommitmentState } from "@trellis/core/commitments";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute, pageQuery } from "../http/route";
import { ledgerSchema, networkSchema, seatLedgerSchema, trustSchema } from "../presenters/commitment-ledger.presenter";
import { commitmentDetailSchema, commitmentSummarySchema, loopItemSchema, moveNameSchema, presentCommitmentSummary } from "../presenters/commitment.presenter";
import { createCommitment } from "../use-cases/commitments/create-commitment";
import { getCommitmentLedger, getCommitmentNetwork, getSeatLedger, listEscalatedCommitments, measureCommitmentTrust } from "../use-cases/commitments/measure-commitments";
import { moveCommitment } from "../use-cases/commitments/move-commitment";
import { nudgeCommitment } from "../use-cases/commitments/nudge-commitment";
import { countMyLoops, countMyLoopsEverywhere, getCommitmentDetail, getMyLoops, listCommitments } from "../use-cases/commitments/read-commitments";
import { loadViewer } from "../use-cases/load-viewer";
import { loadPartyDirectory } from "@trellis/db";
import { decodeCursor, encodeCursor } from "./organizations.routes";

const allianceParams = z.object({ id: z.uuid() });
const commitmentParams = z.object({ id: z.uuid(), commitmentId: z.uuid() });
const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const instant = z.iso
  .datetime({ offset: true })
  .refine((v) => Date.parse(v) >= Date.UTC(1970, 0, 1) && Date.parse(v) < Date.UTC(9000, 0, 1), "must be between 1970 and 9000");
const period = z.object({
  from: instant.optional().meta({ description: "Start of the period (inclusive), ISO 8601 with an offset." }),
  to: instant.optional().meta({ description: "End of the period (exclusive)." }),
});

const visibilitySchema = z.discriminatedUnion("level", [
  z.object({ level: z.literal("alliance") }),
  z.object({ level: z.literal("seats"), seatIds: z.array(z.uuid()).min(1).max(100) }),
  z.object({ level: z.literal("facilitators") }),
  z.object({ level: z.literal("clean_team"), cleanTeamId: z.uuid() }),
]);

const linksSchema = z.object({ meetingId: z.uuid().optional(), proposalId: z.uuid().optional(), charterClauseId: z.uuid().optional(), goalId: z.uuid().optional() });

const countsSchema = z.object({
  waitsOnMe: z.number().int(),
  iWaitOn: z.number().int(),
  overdueWaitsOnMe: z.number().int(),
  overdueIWaitOn: z.number().int(),
  waitsOnMeByReason: z.record(z.enum(loopReasons), z.number().int()),
  iWaitOnByReason: z.record(z.enum(loopReasons), z.number().int()),
});

/** Every move: who may make it from which state, its label, and what it carries (for the OpenAPI document). */
const moveTable = moveNames
  .map((move) => {
    const arcs = commitmentTransitions.filter((t) => t.move === move).map((t) => `${t.speakers.join("/")} ${t.from}→${t.to}${t.guard ? ` (${t.guard})` : ""}`);
    const rule = movePayloads[move];
    const carries = [rule.terms === "required" ? "new conditions and/or dueAt (+timeZone) required" : rule.terms === "optional" ? "terms optional" : null, rule.answerBy ? "answerBy required" : null]
      .filter(Boolean)
      .join(", ");
    return `- ${move} — "${moveLabels[move]}": ${arcs.join("; ")}${carries ? `; ${carries}` : ""}`;
  })
  .join("\n");

const moveBody = z
  .object({
    version: z.number().int().min(1).meta({ description: "The commitment's version you saw; if someone moved first you get 409 stale_version with details.current." }),
    move: moveNameSchema,
    message: z.string().max(4000).optional().meta({ description: "Your words with the move (optional)." }),
    conditions: z.string().max(4000).optional().meta({ description: "New conditions of satisfaction (counter, counter_again, propose_renegotiation; optional on request/offer)." }),
    dueAt: z.string().max(40).optional().meta({ description: "New due date, ISO 8601 instant with an offset." }),
    timeZone: z.string().max(64).optional().meta({ description: "IANA time zone of the due date, e.g. Europe/Berlin." }),
    answerBy: z.string().max(40).optional().meta({ description: "commit_to_commit: when you will answer, ISO 8601 instant." }),
  })
  .meta({ description: `A move of the conversation for action. The moves:\n${moveTable}` });

function parseStates(text: string | undefined): CommitmentState[] | undefined {
  if (text === undefined || text === "") return undefined;
  const parsed = z.array(z.enum(commitmentStates)).safeParse(text.split(","));
  if (!parsed.success) throw new AppError("validation_failed", `state must be a comma-separated list of: ${commitmentStates.join(", ")}.`, { issues: [{ path: "state", message: "unknown state" }] });
  return parsed.data;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a keyset cursor of (instant, id); anything else is a bad request, never a SQL error. */
export function decodeTimeCursor(cursor: string | undefined): [string, string] | undefined {
  if (cursor === undefined) return undefined;
  const [at, id] = decodeCursor(cursor);
  if (!uuidPattern.test(id) || !z.iso.datetime({ offset: true }).safeParse(at).success) {
    throw new AppError("validation_failed", "The cursor is not valid.", { issues: [{ path: "cursor", message: "malformed" }] });
  }
  return [at, id];
}

function dateOrUndefined(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}

/** Commitments as conversations for action: lists, my loops, the page, moves, nudges, the ledger, trust and the network. */
export function registerCommitmentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const viewerOf = (allianceId: string, request: { person: Parameters<typeof loadViewer>[2] | null }) => loadViewer(ctx.db, allianceId, request.person!);

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/commitments",
    summary: "The alliance's commitments I may see (filters: state list, status, personId with role, mine, seatId, customerSeatId, performerSeatId, overdue, q, dueFrom, dueTo, links; sort due|updated)",
    tags: ["commitments"],
    params: allianceParams,
    query: pageQuery.extend({
      state: z.string().max(200).optional().meta({ description: `Comma-separated states: ${commitmentStates.join(", ")}` }),
      status: z.enum(["open", "closed", "all"]).optional(),
      personId: z.uuid().optional(),
      mine: flag.optional().meta({ description: "Only commitments I am a party to (with role: on that side)." }),
      role: z.enum(["customer", "performer"]).optional(),
      seatId: z.uuid().optional(),
      customerSeatId: z.uuid().optional(),
      performerSeatId: z.uuid().optional(),
      overdue: flag.optional(),
      q: z.string().max(200).optional(),
      dueFrom: instant.optional(),
      dueTo: instant.optional(),
      meetingId: z.uuid().optional(),
      proposalId: z.uuid().optional(),
      charterClauseId: z.uuid().optional(),
      goalId: z.uuid().optional(),
      sort: z.enum(["due", "updated"]).default("updated"),
    }),
    response: z.object({ items: z.array(commitmentSummarySchema), nextCursor: z.string().nullable() }),
    handler: async ({ params, query, request }) => {
      const viewer = await viewerOf(params.id, request);
      const { items, next } = await listCommitments(
        ctx,
        viewer,
        params.id,
        {
          states: parseStates(query.state),
          status: query.status === "all" ? undefined : query.status,
          personId: query.mine ? viewer.personId : query.personId,
          role: query.role,
          seatId: query.seatId,
          customerSeatId: query.customerSeatId,
          performerSeatId: query.performerSeatId,
          overdue: query.overdue,
          q: query.q,
          dueFrom: dateOrUndefined(query.dueFrom),
          dueTo: dateOrUndefined(query.dueTo),
          meetingId: query.meetingId,
          proposalId: query.proposalId,
          charterClauseId: query.charterClauseId,
          goalId: query.goalId,
        },
        { sort: query.sort, after: decodeTimeCursor(query.cursor), limit: query.limit },
      );
      return { items, nextCursor: next ? encodeCursor(next) : null };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/commitments",
    summary: "Open a commitment: a request (you are the customer) or an offer (you are the performer) to a person acting for a seat",
    tags: ["commitments"],
    params: allianceParams,
    successStatus: 201,
    body: z.object({
      opening: z.enum(["request", "offer"]).default("request").meta({ description: 'request = "Request" (you ask the counterpart to perform); offer = "Offer" (you offer to perform for the counterpart).' }),
      title: z.string().trim().min(1).max(200),
      conditions: z.string().trim().min(1).max(4000).meta({ description: "Conditions of satisfaction: what done means." }),
      dueAt: z.string().max(40).meta({ description: "Due date, ISO 8601 instant with an offset (stored with its time zone)." }),
      timeZone: z.string().min(1).max(64).meta({ description: "IANA time zone the due date is meant in." }),
      seatId: z.uuid().optional().meta({ description: "The seat you act for (default: your only seat)." }),
      counterpart: z.object({ personId: z.uuid(), seatId: z.uuid().optional() }),
      links: linksSchema.optional(),
      visibility: visibilitySchema.optional().meta({ description: `Who may see it (${visibilityLevels.join(", ")}); both parties must be able to see it. Default: alliance.` }),
      message: z.string().max(4000).optional(),
    }),
    response: commitmentDetailSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request);
      const created = await createCommitment(ctx, viewer, params.id, body);
      return getCommitmentDetail(ctx, viewer, params.id, created.id);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/commitments/loops",
    summary: "My loops: what waits on me (to answer, to perform, to declare…) or what I wait on, overdue first, with the counts",
    tags: ["commitments"],
    params: allianceParams,
    query: pageQuery.extend({
      list: z.enum(["waits_on_me", "i_wait_on"]).default("waits_on_me"),
      reason: z.enum(loopReasons).optional(),
      overdue: flag.optional(),
      q: z.string().max(200).optional(),
      counterpartSeatId: z.uuid().optional(),
    }),
    response: z.object({ items: z.array(loopItemSchema), nextCursor: z.string().nullable(), counts: countsSchema }),
    handler: async ({ params, query, request }) => {
      const viewer = await viewerOf(params.id, request);
      const result = await getMyLoops(ctx, viewer, params.id, query.list, { reason: query.reason, overdue: query.overdue, q: query.q, counterpartSeatId: query.counterpartSeatId }, {
        after: decodeTimeCursor(query.cursor),
        limit: query.limit,
      });
      return { items: result.items, nextCursor: result.next ? encodeCursor(result.next) : null, counts: result.counts };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/commitments/loops/counts",
    summary: "Counts of my open loops in this alliance (waiting on me, I wait on, overdue, by reason)",
    tags: ["commitments"],
    params: allianceParams,
    response: countsSchema,
    handler: async ({ params, request }) => countMyLoops(ctx, await viewerOf(params.id, request), params.id),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/commitments/loops/counts",
    summary: "Counts of my open loops in every alliance, and the totals (for the navigation)",
    tags: ["commitments"],
    response: z.object({
      total: z.object({ waitsOnMe: z.number().int(), iWaitOn: z.number().int(), overdueWaitsOnMe: z.number().int(), overdueIWaitOn: z.number().int() }),
      alliances: z.array(countsSchema.extend({ allianceId: z.string(), name: z.string(), slug: z.string() })),
    }),
    handler: async ({ request }) => countMyLoopsEverywhere(ctx, request.person!),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/commitments/ledger",
    summary: "The ledger of who promised what: per seat, the alliance as a whole, and per pair of seats (period: from, to)",
    tags: ["commitments"],
    params: allianceParams,
    query: period,
    response: ledgerSchema,
    handler: async ({ params, query, request }) =>
      getCommitmentLedger(ctx, await viewerOf(params.id, request), params.id, { from: dateOrUndefined(query.from), to: dateOrUndefined(query.to) }),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/commitments/ledger/seats/:seatId",
    summary: "One seat's ledger: promises made, kept on time, kept late, reneged, revoked with notice, declined; requests made and answered; median response time; and its pairs",
    tags: ["commitments"],
    params: z.object({ id: z.uuid(), seatId: z.uuid() }),
    query: period,
    response: seatLedgerSchema,
    handler: async ({ params, query, request }) =>
      getSeatLedger(ctx, await viewerOf(params.id, request), params.id, params.seatId, { from: dateOrUndefined(query.from), to: dateOrUndefined(query.to) }),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/commitments/trust",
    summary: "Trust measures per seat and per pair: promise-keeping rate, renege vs revoke with notice, response time, negotiation rounds, share of closures declared by the customer",
    tags: ["commitments"],
    params: allianceParams,
    query: period,
    response: trustSchema,
    handler: async ({ params, query, request }) =>
      measureCommitmentTrust(ctx, await viewerOf(params.id, request), params.id, { from: dateOrUndefined(query.from), to: dateOrUndefined(query.to) }),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/commitments/network",
    summary: "The network of commitments: seats as nodes, customer→performer edges with the count and the kept-on-time rate (period: from, to)",
    tags: ["commitments"],
    params: allianceParams,
    query: period,
    response: networkSchema,
    handler: async ({ params, query, request }) =>
      getCommitmentNetwork(ctx, await viewerOf(params.id, request), params.id, { from: dateOrUndefined(query.from), to: dateOrUndefined(query.to) }),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/commitments/escalations",
    summary: "Open loops overdue by more than 7 days, most overdue first (the facilitator's list; anyone sees those visible to them)",
    tags: ["commitments"],
    params: allianceParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.object({ items: z.array(commitmentSummarySchema) }),
    handler: async ({ params, query, request }) => {
      const viewer = await viewerOf(params.id, request);
      const found = await listEscalatedCommitments(ctx, viewer, params.id, query.limit);
      const directory = await loadPartyDirectory(ctx.db, params.id, found.flatMap((f) => [f.commitment.customer.personId, f.commitment.performer.personId]));
      const now = ctx.clock();
      return { items: found.map((f) => presentCommitmentSummary(f.commitment, f.row, directory, viewer, now)) };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/commitments/:commitmentId",
    summary: "The commitment page: current terms, the whole thread of moves with their words, and exactly the moves I may make now (with their labels)",
    tags: ["commitments"],
    params: commitmentParams,
    response: commitmentDetailSchema,
    handler: async ({ params, request }) => getCommitmentDetail(ctx, await viewerOf(params.id, request), params.id, params.commitmentId),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/commitments/:commitmentId/moves",
    summary: "Make a move (send the version you saw). Someone moved first: 409 stale_version with details.current; a move not possible now: 409 illegal_move with details.current",
    tags: ["commitments"],
    params: commitmentParams,
    body: moveBody,
    response: commitmentDetailSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request);
      try {
        await moveCommitment(ctx, viewer, params.id, params.commitmentId, body);
      } catch (error) {
        if (isAppError(error) && (error.code === "stale_version" || error.code === "illegal_move")) {
          const current = await getCommitmentDetail(ctx, viewer, params.id, params.commitmentId).catch(() => null);
          if (current) throw new AppError(error.code, error.message, { ...error.details, current });
        }
        throw error;
      }
      return getCommitmentDetail(ctx, viewer, params.id, params.commitmentId);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/commitments/:commitmentId/nudges",
    summary: "Nudge the party an open loop waits on (facilitators): an in-app notification and an email; not a move",
    tags: ["commitments"],
    params: commitmentParams,
    successStatus: 201,
    body: z.object({ message: z.string().max(2000).optional() }),
    response: z.object({
      commitmentId: z.string(),
      to: z.object({ personId: z.string(), seatId: z.string() }),
      toRole: z.enum(["customer", "performer"]),
      reason: z.enum(loopReasons),
      level: z.string(),
      overdueMs: z.number(),
      at: z.string(),
    }),
    handler: async ({ params, body, request }) => {
      const nudge = await nudgeCommitment(ctx, await viewerOf(params.id, request), params.id, params.commitmentId, body);
      return { commitmentId: nudge.commitmentId, to: nudge.to, toRole: nudge.toRole, reason: nudge.reason, level: nudge.level, overdueMs: nudge.overdueMs, at: nudge.at };
    },
  });
}
