import type { FastifyInstance } from "fastify";
import { AppError, type AllianceViewer } from "@trellis/core";
import {
  countAlignmentVoters,
  findAlignmentParticipant,
  findNextAlignmentStatement,
  listAlignmentMaps,
  listAlignmentStatements,
  loadAlignmentMapWithCounts,
  loadAlignmentProgress,
  loadAlignmentResult,
  loadAlignmentStatementTexts,
  loadSeatNames,
} from "@trellis/db";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute, pageQuery } from "../http/route";
import { alignmentResultsSchema, presentAlignmentResults } from "../presenters/alignment-results.presenter";
import {
  alignmentMapSchema,
  alignmentMapSummarySchema,
  alignmentProgressSchema,
  alignmentStatementRefSchema,
  alignmentStatementSchema,
  presentAlignmentMap,
  presentAlignmentMapSummary,
  presentAlignmentStatement,
  visibleModerations,
} from "../presenters/alignment.presenter";
import { alignmentRecomputerFor } from "../realtime/alignment-recompute";
import type { EventHub } from "../realtime/event-hub";
import { addAlignmentStatement } from "../use-cases/alignment/add-alignment-statement";
import { alignmentVoteNames, castAlignmentVote } from "../use-cases/alignment/cast-alignment-vote";
import { moderateAlignmentStatement, moderationOutcomes } from "../use-cases/alignment/moderate-alignment-statement";
import { alignmentLinkKinds, openAlignmentMap } from "../use-cases/alignment/open-alignment-map";
import type { StoredAlignmentResult } from "../use-cases/alignment/recompute-alignment-map";
import { updateAlignmentMap } from "../use-cases/alignment/update-alignment-map";
import { loadViewer } from "../use-cases/load-viewer";
import { decodeCursor, encodeCursor } from "./organizations.routes";

const base = "/api/v1/alliances/:id/alignment-maps";
const mapParams = z.object({ id: z.uuid(), mapId: z.uuid() });
const statementParams = mapParams.extend({ statementId: z.uuid() });
const statementBody = z.string().trim().min(3).max(400);
const nextSchema = z.object({ statement: alignmentStatementRefSchema.extend({ moderation: z.string() }).nullable(), progress: alignmentProgressSchema });

/**
 * The alignment map (reference/alignment-map.md): maps on a question, statements and their
 * moderation, one-at-a-time voting with progress, and the results (recomputed off the request
 * path after each change, see realtime/alignment-recompute.ts).
 */
export function registerAlignmentRoutes(app: FastifyInstance, ctx: ServerContext, _hub: EventHub): void {
  const recomputer = alignmentRecomputerFor(ctx);
  app.addHook("onClose", async () => recomputer.close());

  const mapPage = async (allianceId: string, mapId: string, viewer: AllianceViewer) => {
    const map = await loadAlignmentMapWithCounts(ctx.db, allianceId, mapId, viewer);
    if (!map) throw new AppError("not_found", "No such alignment map.");
    const participant = await findAlignmentParticipant(ctx.db, map.id, viewer.personId);
    const creator = map.created_by ? await ctx.db.selectFrom("people").select(["id", "display_name"]).where("id", "=", map.created_by).executeTakeFirst() : undefined;
    return presentAlignmentMap(map, {
      viewer,
      createdBy: creator ? { id: creator.id, displayName: creator.display_name } : null,
      hasJoined: participant !== undefined,
      progress: await loadAlignmentProgress(ctx.db, map.id, participant?.id ?? null),
    });
  };

  const nextFor = async (mapId: string, viewer: AllianceViewer) => {
    const participant = await findAlignmentParticipant(ctx.db, mapId, viewer.personId);
    const next = await findNextAlignmentStatement(ctx.db, mapId, viewer.personId, participant?.id ?? null);
    return { statement: next ?? null, progress: await loadAlignmentProgress(ctx.db, mapId, participant?.id ?? null) };
  };

  const requireMap = async (allianceId: string, mapId: string, viewer: AllianceViewer) => {
    const map = await loadAlignmentMapWithCounts(ctx.db, allianceId, mapId, viewer);
    if (!map) throw new AppError("not_found", "No such alignment map.");
    return map;
  };

  defineRoute(app, {
    method: "GET",
    url: base,
    summary: "Alignment maps of the alliance I may see, newest first (filter by status, search the question)",
    tags: ["alignment"],
    params: z.object({ id: z.uuid() }),
    query: pageQuery.extend({ status: z.enum(["open", "closed"]).optional(), q: z.string().trim().max(200).optional() }),
    response: z.object({ items: z.array(alignmentMapSummarySchema), nextCursor: z.string().nullable() }),
    handler: async ({ params, query, request }) => {
      const viewer = await loadViewer(ctx.db, params.id, request.person!);
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      if (after && Number.isNaN(Date.parse(after[0]))) throw new AppError("validation_failed", "The cursor is not valid.", { issues: [{ path: "cursor", message: "malformed" }] });
      if (after && !z.uuid().safeParse(after[1]).success) throw new AppError("validation_failed", "The cursor is not valid.", { issues: [{ path: "cursor", message: "malformed" }] });
      const rows = await listAlignmentMaps(ctx.db, params.id, viewer, { after, limit: query.limit, status: query.status, q: query.q || undefined });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return { items: items.map(presentAlignmentMapSummary), nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: base,
    summary: "Open an alignment map on a question (facilitators, delegates), optionally linked to the proposal or charter clause it informs, with seed statements",
    tags: ["alignment"],
    params: z.object({ id: z.uuid() }),
    successStatus: 201,
    body: z.object({
      question: z.string().trim().min(3).max(300),
      description: z.string().max(2000).optional(),
      link: z
        .object({ kind: z.enum(alignmentLinkKinds), id: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/) })
        .nullable()
        .optional(),
      statements: z.array(statementBody).max(50).optional(),
      seatIds: z.array(z.uuid()).max(100).optional(),
    }),
    response: alignmentMapSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await loadViewer(ctx.db, params.id, request.person!);
      const { id } = await openAlignmentMap(ctx, viewer, params.id, body);
      return mapPage(params.id, id, viewer);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: `${base}/:mapId`,
    summary: "One alignment map: question, link, counts, my progress, whether its result is current, what I may do",
    tags: ["alignment"],
    params: mapParams,
    response: alignmentMapSchema,
    handler: async ({ params, request }) => mapPage(params.id, params.mapId, await loadViewer(ctx.db, params.id, request.person!)),
  });

  defineRoute(app, {
    method: "PATCH",
    url: `${base}/:mapId`,
    summary: "Change a map's question or description, or close or reopen it (facilitators; send the version you read)",
    tags: ["alignment"],
    params: mapParams,
    body: z.object({
      version: z.number().int().min(1),
      question: z.string().trim().min(3).max(300).optional(),
      description: z.string().max(2000).optional(),
      status: z.enum(["open", "closed"]).optional(),
    }),
    response: alignmentMapSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await loadViewer(ctx.db, params.id, request.person!);
      await updateAlignmentMap(ctx, viewer, params.id, params.mapId, body);
      return mapPage(params.id, params.mapId, viewer);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: `${base}/:mapId/statements`,
    summary: "A map's statements by number with my vote: facilitators see every state, others those open for voting and their own (cursor = the last number you got)",
    tags: ["alignment"],
    params: mapParams,
    query: pageQuery.extend({ moderation: z.enum(["pending", "accepted", "rejected", "meta"]).optional(), q: z.string().trim().max(200).optional() }),
    response: z.object({ items: z.array(alignmentStatementSchema), nextCursor: z.string().nullable() }),
    handler: async ({ params, query, request }) => {
      const viewer = await loadViewer(ctx.db, params.id, request.person!);
      const map = await requireMap(params.id, params.mapId, viewer);
      let afterNumber: number | undefined;
      if (query.cursor !== undefined) {
        afterNumber = Number(query.cursor);
        if (!/^\d{1,9}$/.test(query.cursor)) throw new AppError("validation_failed", "The cursor is not valid.", { issues: [{ path: "cursor", message: "malformed" }] });
      }
      const participant = await findAlignmentParticipant(ctx.db, map.id, viewer.personId);
      const rows = await listAlignmentStatements(ctx.db, map.id, {
        moderations: visibleModerations(viewer),
        orAuthoredBy: participant?.id ?? null,
        participantId: participant?.id ?? null,
        only: query.moderation,
        afterNumber,
        limit: query.limit,
        q: query.q || undefined,
      });
      const items = rows.slice(0, query.limit);
      const me = { participantId: participant?.id ?? null };
      return { items: items.map((row) => presentAlignmentStatement(row, me)), nextCursor: rows.length > query.limit ? String(rows[query.limit - 1]!.number) : null };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: `${base}/:mapId/statements`,
    summary: "Add a statement to an open map (a facilitator's is accepted at once; others wait for moderation); statements never name their author",
    tags: ["alignment"],
    params: mapParams,
    successStatus: 201,
    body: z.object({ body: statementBody }),
    response: alignmentStatementSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await loadViewer(ctx.db, params.id, request.person!);
      const added = await addAlignmentStatement(ctx, viewer, params.id, params.mapId, body);
      if (added.moderation === "accepted") recomputer.schedule(params.mapId);
      const row = await ctx.db.selectFrom("alignment_statements").selectAll().where("id", "=", added.id).executeTakeFirstOrThrow();
      return presentAlignmentStatement({ ...row, my_vote: null }, { participantId: row.author_participant_id });
    },
  });

  defineRoute(app, {
    method: "PATCH",
    url: `${base}/:mapId/statements/:statementId`,
    summary: "Moderate a statement: accepted, rejected or meta (facilitators; send the version you read)",
    tags: ["alignment"],
    params: statementParams,
    body: z.object({ version: z.number().int().min(1), moderation: z.enum(moderationOutcomes) }),
    response: alignmentStatementSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await loadViewer(ctx.db, params.id, request.person!);
      const moderated = await moderateAlignmentStatement(ctx, viewer, params.id, params.mapId, params.statementId, body);
      if (moderated.changed) recomputer.schedule(params.mapId);
      const participant = await findAlignmentParticipant(ctx.db, params.mapId, viewer.personId);
      const row = await ctx.db.selectFrom("alignment_statements").selectAll().where("id", "=", params.statementId).executeTakeFirstOrThrow();
      const vote = participant ? await ctx.db.selectFrom("alignment_votes").select("vote").where("participant_id", "=", participant.id).where("statement_id", "=", row.id).executeTakeFirst() : undefined;
      return presentAlignmentStatement({ ...row, my_vote: vote?.vote ?? null }, { participantId: participant?.id ?? null });
    },
  });

  defineRoute(app, {
    method: "GET",
    url: `${base}/:mapId/next`,
    summary: "The next statement for me to vote on (null when I have voted on all), and my progress: voted / statements open for voting",
    tags: ["alignment"],
    params: mapParams,
    response: nextSchema,
    handler: async ({ params, request }) => {
      const viewer = await loadViewer(ctx.db, params.id, request.person!);
      const map = await requireMap(params.id, params.mapId, viewer);
      return nextFor(map.id, viewer);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: `${base}/:mapId/votes`,
    summary: "Vote agree, disagree or pass on a statement (delegates, members); voting again changes the vote. Answers with the next statement and my progress",
    tags: ["alignment"],
    params: mapParams,
    body: z.object({ statementId: z.uuid(), vote: z.enum(alignmentVoteNames) }),
    response: nextSchema.extend({ changed: z.boolean() }),
    handler: async ({ params, body, request }) => {
      const viewer = await loadViewer(ctx.db, params.id, request.person!);
      const cast = await castAlignmentVote(ctx, viewer, params.id, params.mapId, body);
      if (cast.changed) recomputer.schedule(params.mapId);
      return { changed: cast.changed, ...(await nextFor(params.mapId, viewer)) };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: `${base}/:mapId/results`,
    summary:
      "The map: anonymous points with groups (mine marked), each group's representative statements, consensus, bridging (highest group-aware consensus), uncertain and divisive statements, per-seat divergence; isStale while a recomputation is due",
    tags: ["alignment"],
    params: mapParams,
    response: alignmentResultsSchema,
    handler: async ({ params, request }) => {
      const viewer = await loadViewer(ctx.db, params.id, request.person!);
      const map = await requireMap(params.id, params.mapId, viewer);
      const [stored, statements, seatNames, participant, voters] = await Promise.all([
        loadAlignmentResult(ctx.db, map.id),
        loadAlignmentStatementTexts(ctx.db, map.id),
        loadSeatNames(ctx.db, params.id),
        findAlignmentParticipant(ctx.db, map.id, viewer.personId),
        countAlignmentVoters(ctx.db, map.id),
      ]);
      // A result that is missing or behind (say the instance that took the vote stopped before
      // recomputing) is scheduled here; the stored one is answered meanwhile.
      if ((!stored || stored.revision < map.revision) && voters > 0) recomputer.schedule(map.id);
      return presentAlignmentResults({
        map: { id: map.id, revision: map.revision },
        voters,
        stored: stored ? { revision: stored.revision, voteCount: stored.vote_count, computedAt: stored.computed_at, result: stored.result as StoredAlignmentResult } : null,
        statements: new Map(statements.map((s) => [s.id, { number: s.number, body: s.body, moderation: s.moderation }])),
        seatNames,
        me: participant?.id ?? null,
      });
    },
  });
}
