import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError, can, type AllianceViewer } from "@trellis/core";
import { assumptionStatuses, breakdownStatuses, confidenceLevels, maxRegisterTextLength, tensionStatuses } from "@trellis/core/registers";
import {
  findAssumptionRow,
  findBreakdownRow,
  findLearningRow,
  findTensionRow,
  listAssumptionRows,
  listBreakdownRows,
  listLearningRows,
  listRecordsLinkingTo,
  listRegisterCommentRows,
  listRegisterLinksFrom,
  listTensionDisclosureRows,
  listTensionRows,
  loadAllianceNames,
  type TensionRow,
} from "@trellis/db";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute, pageQuery } from "../http/route";
import {
  assumptionSchema,
  breakdownSchema,
  commentSchema,
  learningSchema,
  linkingRecordSchema,
  linkSchema,
  presentAssumption,
  presentBreakdown,
  presentComment,
  presentLearning,
  presentLink,
  presentLinkingRecord,
  type RegisterNames,
} from "../presenters/register.presenter";
import { presentTension, tensionSchema } from "../presenters/tension.presenter";
import { loadViewer } from "../use-cases/load-viewer";
import { closeBreakdown, openBreakdownDiscussion } from "../use-cases/registers/move-breakdown";
import { commentOnRecord, linkRecord, unlinkRecord } from "../use-cases/registers/discuss-record";
import { moveTension } from "../use-cases/registers/move-tension";
import { nameBreakdown } from "../use-cases/registers/name-breakdown";
import { raiseTension } from "../use-cases/registers/raise-tension";
import { recordAssumption } from "../use-cases/registers/record-assumption";
import { recordLearning, reviseLearning } from "../use-cases/registers/record-learning";
import { canStewardRecord, linkableRecordTypes } from "../use-cases/registers/register-support";
import { reviseAssumption, testAssumption } from "../use-cases/registers/update-assumption";
import { encodeCursor } from "./organizations.routes";

// ---- request schemas ----

/** Free text of a register field: trimmed, bounded, no NUL (Postgres text cannot hold it). */
const text = (max = maxRegisterTextLength) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !value.includes("\u0000"), "must not contain NUL");
const searchText = z
  .string()
  .max(200)
  .refine((value) => !value.includes("\u0000"), "must not contain NUL");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD");
const flag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");
const visibilityInput = z.discriminatedUnion("level", [
  z.object({ level: z.literal("alliance") }),
  z.object({ level: z.literal("seats"), seatIds: z.array(z.uuid()).min(1).max(100) }),
  z.object({ level: z.literal("facilitators") }),
  z.object({ level: z.literal("clean_team"), cleanTeamId: z.uuid() }),
]);
const confidence = z.union([z.number().min(0).max(1), z.enum(confidenceLevels)]);
const recordParams = z.object({ id: z.uuid(), recordId: z.uuid() });
const linkParams = z.object({ id: z.uuid(), recordId: z.uuid(), linkId: z.uuid() });
const allianceParams = z.object({ id: z.uuid() });
const versioned = { version: z.number().int().min(1) };

/** A cursor for lists ordered by (time, id) descending; a malformed one is a bad request. */
export function decodeTimeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(value) && value.length === 2) {
      const [time, id] = value as unknown[];
      if (typeof time === "string" && typeof id === "string" && !Number.isNaN(Date.parse(time)) && z.uuid().safeParse(id).success) return [new Date(time).toISOString(), id];
    }
  } catch {
    // fall through
  }
  throw new AppError("validation_failed", "The cursor is not valid.", { issues: [{ path: "cursor", message: "malformed" }] });
}

function page<T>(rows: T[], limit: number, key: (row: T) => [Date, string]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([key(last)[0].toISOString(), key(last)[1]]) : null };
}

const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const recordExtras = { comments: z.array(commentSchema), links: z.array(linkSchema), linkedFrom: z.array(linkingRecordSchema) };

/** The language registers: breakdowns, tensions, assumptions, learnings; their comments and links. */
export function registerRegisterRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const viewerOf = (request: FastifyRequest, allianceId: string) => loadViewer(ctx.db, allianceId, request.person!);
  const namesOf = (allianceId: string): Promise<RegisterNames> => loadAllianceNames(ctx.db, allianceId);
  const today = () => ctx.clock().toISOString().slice(0, 10);

  /** Comments, outgoing links and the register records linking to a record, for its page. */
  async function extrasOf(viewer: AllianceViewer, allianceId: string, recordId: string) {
    const [comments, links, linkedFrom] = await Promise.all([listRegisterCommentRows(ctx.db, recordId), listRegisterLinksFrom(ctx.db, [recordId]), listRecordsLinkingTo(ctx.db, allianceId, viewer, recordId)]);
    return { comments: comments.map(presentComment), links: links.map(presentLink), linkedFrom: linkedFrom.map(presentLinkingRecord) };
  }

  async function presentTensions(viewer: AllianceViewer, allianceId: string, rows: TensionRow[], names: RegisterNames) {
    const forFacilitator = can(viewer, "tension.disclosure.view");
    const disclosures = forFacilitator ? await listTensionDisclosureRows(ctx.db, allianceId, viewer, rows.filter((row) => row.anonymous).map((row) => row.id)) : [];
    const now = ctx.clock();
    return rows.map((row) => presentTension(row, names, now, { forFacilitator, disclosure: disclosures.find((d) => d.tension_id === row.id) ?? null }));
  }

  // ---- breakdowns ----

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/breakdowns",
    summary: "Breakdowns I may see, newest first (filter by status and involved seat; q searches their words)",
    tags: ["registers"],
    params: allianceParams,
    query: pageQuery.extend({ status: z.enum(breakdownStatuses).optional(), seatId: z.uuid().optional(), q: searchText.optional() }),
    response: listOf(breakdownSchema),
    handler: async ({ params, query, request }) => {
      const viewer = await viewerOf(request, params.id);
      const after = query.cursor ? decodeTimeCursor(query.cursor) : undefined;
      const rows = await listBreakdownRows(ctx.db, params.id, viewer, { status: query.status, seatId: query.seatId, q: query.q }, { after, limit: query.limit });
      const names = await namesOf(params.id);
      const { items, nextCursor } = page(rows, query.limit, (row) => [row.named_at, row.id]);
      return { items: items.map((row) => presentBreakdown(row, names)), nextCursor };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/breakdowns",
    summary: "Name a breakdown: what happened, what was expected, the impact and the seats involved",
    tags: ["registers"],
    params: allianceParams,
    successStatus: 201,
    body: z.object({
      whatHappened: text(),
      whatWasExpected: text(),
      impact: text(),
      seatIds: z.array(z.uuid()).max(100).default([]),
      visibility: visibilityInput.optional(),
    }),
    response: breakdownSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(request, params.id);
      const { id } = await nameBreakdown(ctx, viewer, params.id, body);
      return presentBreakdown((await findBreakdownRow(ctx.db, params.id, id, viewer))!, await namesOf(params.id));
    },
  });

  const breakdownDetail = breakdownSchema.extend({ ...recordExtras, can: z.object({ comment: z.boolean(), openDiscussion: z.boolean(), close: z.boolean() }) });
  const getBreakdown = async (viewer: AllianceViewer, allianceId: string, breakdownId: string) => {
    const row = await findBreakdownRow(ctx.db, allianceId, breakdownId, viewer);
    if (!row) throw new AppError("not_found", "No such breakdown.");
    const mayRecord = can(viewer, "register.record");
    return {
      ...presentBreakdown(row, await namesOf(allianceId)),
      ...(await extrasOf(viewer, allianceId, row.id)),
      can: {
        comment: mayRecord,
        openDiscussion: mayRecord && row.status === "open",
        close: mayRecord && row.status !== "closed" && canStewardRecord(viewer, { seatIds: row.seat_ids, authorPersonId: row.named_by }),
      },
    };
  };

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/breakdowns/:recordId",
    summary: "A breakdown with its discussion, its links and the register records linking to it",
    tags: ["registers"],
    params: recordParams,
    response: breakdownDetail,
    handler: async ({ params, request }) => getBreakdown(await viewerOf(request, params.id), params.id, params.recordId),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/breakdowns/:recordId/discussion",
    summary: "Open the discussion of a breakdown (send the version you read)",
    tags: ["registers"],
    params: recordParams,
    body: z.object(versioned),
    response: breakdownDetail,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(request, params.id);
      await openBreakdownDiscussion(ctx, viewer, params.id, params.recordId, body);
      return getBreakdown(viewer, params.id, params.recordId);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/breakdowns/:recordId/closure",
    summary: "Close a breakdown with a reinterpretation or an action (a commitment or proposal of the alliance); stewards only",
    tags: ["registers"],
    params: recordParams,
    body: z.discriminatedUnion("kind", [
      z.object({ ...versioned, kind: z.literal("reinterpretation"), reinterpretation: text() }),
      z.object({ ...versioned, kind: z.literal("action"), action: z.object({ type: z.enum(["commitment", "proposal"]), id: z.uuid() }), note: text().nullable().optional() }),
    ]),
    response: breakdownDetail,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(request, params.id);
      await closeBreakdown(ctx, viewer, params.id, params.recordId, body);
      return getBreakdown(viewer, params.id, params.recordId);
    },
  });

  // ---- tensions ----

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/tensions",
    summary: "Tensions I may see, newest first, with their age (filter by status, open, target seat; q searches their words)",
    tags: ["registers"],
    params: allianceParams,
    query: pageQuery.extend({
      status: z.enum(tensionStatuses).optional(),
      open: flag.optional(),
      targetSeatId: z.uuid().optional(),
      allianceWide: flag.optional(),
      q: searchText.optional(),
    }),
    response: listOf(tensionSchema),
    handler: async ({ params, query, request }) => {
      const viewer = await viewerOf(request, params.id);
      const after = query.cursor ? decodeTimeCursor(query.cursor) : undefined;
      const rows = await listTensionRows(ctx.db, params.id, viewer, { status: query.status, open: query.open, targetSeatId: query.targetSeatId, allianceWide: query.allianceWide, q: query.q }, { after, limit: query.limit });
      const { items, nextCursor } = page(rows, query.limit, (row) => [row.raised_at, row.id]);
      return { items: await presentTensions(viewer, params.id, items, await namesOf(params.id)), nextCursor };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/tensions",
    summary:
      "Raise a tension toward a seat or the whole alliance, under your name or anonymously (anonymous: no author is stored; it is published after its day ends; tellFacilitator lets facilitators alone know it was you)",
    tags: ["registers"],
    params: allianceParams,
    successStatus: 201,
    body: z.object({
      summary: text(),
      detail: text().nullable().optional(),
      target: z.discriminatedUnion("kind", [z.object({ kind: z.literal("seat"), seatId: z.uuid() }), z.object({ kind: z.literal("alliance") })]),
      fromSeatId: z.uuid().nullable().optional(),
      anonymous: z.boolean(),
      tellFacilitator: z.boolean().optional(),
      visibility: visibilityInput.optional(),
    }),
    response: z.object({
      tension: tensionSchema,
      published: z.boolean(),
      /** Anonymous: when it will appear to others (the start of the next UTC day or soon after). */
      publishesAt: z.string().nullable(),
    }),
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(request, params.id);
      const { tension, publishesAt } = await raiseTension(ctx, viewer, params.id, body);
      // Shown to its author from the record core made, never re-read: an anonymous row is not published yet.
      const row = await findTensionRow(ctx.db, params.id, tension.id, null);
      if (!row) throw new AppError("not_found", "No such tension.");
      return { tension: presentTension(row, await namesOf(params.id), ctx.clock()), published: publishesAt === null, publishesAt: publishesAt?.toISOString() ?? null };
    },
  });

  const tensionDetail = tensionSchema.extend({ ...recordExtras, can: z.object({ comment: z.boolean(), move: z.boolean() }) });
  const getTension = async (viewer: AllianceViewer, allianceId: string, tensionId: string) => {
    const row = await findTensionRow(ctx.db, allianceId, tensionId, viewer);
    if (!row) throw new AppError("not_found", "No such tension.");
    const [presented] = await presentTensions(viewer, allianceId, [row], await namesOf(allianceId));
    const seatIds = row.target_seat_id ? [row.target_seat_id, ...(row.anonymous || !row.from_seat_id ? [] : [row.from_seat_id])] : [];
    const mayRecord = can(viewer, "register.record");
    return {
      ...presented!,
      ...(await extrasOf(viewer, allianceId, row.id)),
      can: {
        comment: mayRecord,
        move: mayRecord && (row.status === "raised" || row.status === "in_dialogue") && canStewardRecord(viewer, { seatIds, authorPersonId: row.anonymous ? null : row.raised_by }),
      },
    };
  };

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/tensions/:recordId",
    summary: "A tension with its age, dialogue and links (facilitators also see a disclosed author)",
    tags: ["registers"],
    params: recordParams,
    response: tensionDetail,
    handler: async ({ params, request }) => getTension(await viewerOf(request, params.id), params.id, params.recordId),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/tensions/:recordId/moves",
    summary: "Move a tension: start_dialogue, resolve (with a note) or reframe (with the new understanding); stewards only",
    tags: ["registers"],
    params: recordParams,
    body: z.discriminatedUnion("move", [
      z.object({ ...versioned, move: z.literal("start_dialogue") }),
      z.object({ ...versioned, move: z.literal("resolve"), note: text() }),
      z.object({ ...versioned, move: z.literal("reframe"), reframing: text() }),
    ]),
    response: tensionDetail,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(request, params.id);
      await moveTension(ctx, viewer, params.id, params.recordId, body);
      return getTension(viewer, params.id, params.recordId);
    },
  });

  // ---- assumptions ----

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/assumptions",
    summary: "Assumptions I may see, newest first (filter by status, holding seat, review due, decision; q searches their words)",
    tags: ["registers"],
    params: allianceParams,
    query: pageQuery.extend({
      status: z.enum(assumptionStatuses).optional(),
      holderSeatId: z.uuid().optional(),
      reviewDue: flag.optional(),
      decisionId: z.uuid().optional(),
      q: searchText.optional(),
    }),
    response: listOf(assumptionSchema),
    handler: async ({ params, query, request }) => {
      const viewer = await viewerOf(request, params.id);
      const after = query.cursor ? decodeTimeCursor(query.cursor) : undefined;
      const rows = await listAssumptionRows(
        ctx.db,
        params.id,
        viewer,
        { status: query.status, holderSeatId: query.holderSeatId, reviewDueOn: query.reviewDue ? today() : undefined, decisionId: query.decisionId, q: query.q },
        { after, limit: query.limit },
      );
      const names = await namesOf(params.id);
      const { items, nextCursor } = page(rows, query.limit, (row) => [row.recorded_at, row.id]);
      return { items: items.map((row) => presentAssumption(row, names, today())), nextCursor };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/assumptions",
    summary: "Record an assumption: the statement, who holds it, confidence, how it will be tested, the review date, decisions resting on it",
    tags: ["registers"],
    params: allianceParams,
    successStatus: 201,
    body: z.object({
      statement: text(),
      holder: z.discriminatedUnion("kind", [z.object({ kind: z.literal("seat"), seatId: z.uuid() }), z.object({ kind: z.literal("person"), personId: z.uuid() })]),
      confidence,
      testPlan: text(),
      reviewOn: isoDate,
      decisionIds: z.array(z.uuid()).max(50).optional(),
      visibility: visibilityInput.optional(),
    }),
    response: assumptionSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(request, params.id);
      const { id } = await recordAssumption(ctx, viewer, params.id, body);
      return presentAssumption((await findAssumptionRow(ctx.db, params.id, id, viewer))!, await namesOf(params.id), today());
    },
  });

  const assumptionDetail = assumptionSchema.extend({ ...recordExtras, can: z.object({ comment: z.boolean(), test: z.boolean(), revise: z.boolean() }) });
  const getAssumption = async (viewer: AllianceViewer, allianceId: string, assumptionId: string) => {
    const row = await findAssumptionRow(ctx.db, allianceId, assumptionId, viewer);
    if (!row) throw new AppError("not_found", "No such assumption.");
    const mayRecord = can(viewer, "register.record");
    const steward =
      mayRecord && row.status !== "invalidated" && (row.holder_person_id === viewer.personId || canStewardRecord(viewer, { seatIds: row.holder_seat_id ? [row.holder_seat_id] : [], authorPersonId: row.recorded_by }));
    return { ...presentAssumption(row, await namesOf(allianceId), today()), ...(await extrasOf(viewer, allianceId, row.id)), can: { comment: mayRecord, test: steward, revise: steward } };
  };

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/assumptions/:recordId",
    summary: "An assumption with its tests, discussion, links and the register records linking to it",
    tags: ["registers"],
    params: recordParams,
    response: assumptionDetail,
    handler: async ({ params, request }) => getAssumption(await viewerOf(request, params.id), params.id, params.recordId),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/assumptions/:recordId/tests",
    summary: "Record a test of an assumption: holding (optionally with the next review date) or invalidated",
    tags: ["registers"],
    params: recordParams,
    body: z.object({ ...versioned, outcome: z.enum(["holding", "invalidated"]), evidence: text(), nextReviewOn: isoDate.optional() }),
    response: assumptionDetail,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(request, params.id);
      await testAssumption(ctx, viewer, params.id, params.recordId, body);
      return getAssumption(viewer, params.id, params.recordId);
    },
  });

  defineRoute(app, {
    method: "PATCH",
    url: "/api/v1/alliances/:id/assumptions/:recordId",
    summary: "Revise an assumption's confidence or review date, or link and unlink the decisions resting on it",
    tags: ["registers"],
    params: recordParams,
    body: z.object({
      ...versioned,
      confidence: confidence.optional(),
      reviewOn: isoDate.optional(),
      linkDecisionIds: z.array(z.uuid()).max(50).optional(),
      unlinkDecisionIds: z.array(z.uuid()).max(50).optional(),
    }),
    response: assumptionDetail,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(request, params.id);
      await reviseAssumption(ctx, viewer, params.id, params.recordId, body);
      return getAssumption(viewer, params.id, params.recordId);
    },
  });

  // ---- learnings ----

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/learnings",
    summary: "Learnings I may see, newest first (filter by seat and source kind; q searches their words)",
    tags: ["registers"],
    params: allianceParams,
    query: pageQuery.extend({ seatId: z.uuid().optional(), sourceKind: z.enum(["experiment", "event"]).optional(), q: searchText.optional() }),
    response: listOf(learningSchema),
    handler: async ({ params, query, request }) => {
      const viewer = await viewerOf(request, params.id);
      const after = query.cursor ? decodeTimeCursor(query.cursor) : undefined;
      const rows = await listLearningRows(ctx.db, params.id, viewer, { seatId: query.seatId, sourceKind: query.sourceKind, q: query.q }, { after, limit: query.limit });
      const names = await namesOf(params.id);
      const { items, nextCursor } = page(rows, query.limit, (row) => [row.recorded_at, row.id]);
      return { items: items.map((row) => presentLearning(row, names)), nextCursor };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/learnings",
    summary: "Record a learning: the experiment or event (optionally linked), what happened, what was learned, what changes",
    tags: ["registers"],
    params: allianceParams,
    successStatus: 201,
    body: z.object({
      source: z.object({ kind: z.enum(["experiment", "event"]), title: text(300), link: z.object({ type: z.enum(linkableRecordTypes), id: z.uuid() }).nullable().optional() }),
      whatHappened: text(),
      whatWasLearned: text(),
      whatChanges: text(),
      seatIds: z.array(z.uuid()).max(100).optional(),
      visibility: visibilityInput.optional(),
    }),
    response: learningSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(request, params.id);
      const { id } = await recordLearning(ctx, viewer, params.id, body);
      return presentLearning((await findLearningRow(ctx.db, params.id, id, viewer))!, await namesOf(params.id));
    },
  });

  const learningDetail = learningSchema.extend({ ...recordExtras, can: z.object({ comment: z.boolean(), revise: z.boolean() }) });
  const getLearning = async (viewer: AllianceViewer, allianceId: string, learningId: string) => {
    const row = await findLearningRow(ctx.db, allianceId, learningId, viewer);
    if (!row) throw new AppError("not_found", "No such learning.");
    const mayRecord = can(viewer, "register.record");
    return {
      ...presentLearning(row, await namesOf(allianceId)),
      ...(await extrasOf(viewer, allianceId, row.id)),
      can: { comment: mayRecord, revise: mayRecord && canStewardRecord(viewer, { seatIds: row.seat_ids, authorPersonId: row.recorded_by }) },
    };
  };

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/learnings/:recordId",
    summary: "A learning with its discussion, links and the register records linking to it",
    tags: ["registers"],
    params: recordParams,
    response: learningDetail,
    handler: async ({ params, request }) => getLearning(await viewerOf(request, params.id), params.id, params.recordId),
  });

  defineRoute(app, {
    method: "PATCH",
    url: "/api/v1/alliances/:id/learnings/:recordId",
    summary: "Revise a learning's words (send the version you read)",
    tags: ["registers"],
    params: recordParams,
    body: z.object({ ...versioned, whatHappened: text().optional(), whatWasLearned: text().optional(), whatChanges: text().optional() }),
    response: learningDetail,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(request, params.id);
      await reviseLearning(ctx, viewer, params.id, params.recordId, body);
      return getLearning(viewer, params.id, params.recordId);
    },
  });

  // ---- any register record: comments and links ----

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/register-records/:recordId/comments",
    summary: "Comment on a breakdown, tension, assumption or learning (comments are signed; the first on an open breakdown opens its discussion)",
    tags: ["registers"],
    params: recordParams,
    successStatus: 201,
    body: z.object({ body: text() }),
    response: z.object({ id: z.string() }),
    handler: async ({ params, body, request }) => commentOnRecord(ctx, await viewerOf(request, params.id), params.id, params.recordId, body),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/register-records/:recordId/links",
    summary: "Link a register record to a record it touches (commitment, proposal, meeting, another register record...)",
    tags: ["registers"],
    params: recordParams,
    successStatus: 204,
    body: z.object({ type: z.enum(linkableRecordTypes), id: z.uuid() }),
    handler: async ({ params, body, request }) => linkRecord(ctx, await viewerOf(request, params.id), params.id, params.recordId, body),
  });

  defineRoute(app, {
    method: "DELETE",
    url: "/api/v1/alliances/:id/register-records/:recordId/links/:linkId",
    summary: "Remove a related link (closures, decisions and sources change only with their record)",
    tags: ["registers"],
    params: linkParams,
    successStatus: 204,
    handler: async ({ params, request }) => unlinkRecord(ctx, await viewerOf(request, params.id), params.id, params.recordId, params.linkId),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/register-links",
    summary: "The register records (breakdowns, tensions, assumptions, learnings) I may see that link to a given record, e.g. a commitment or a proposal",
    tags: ["registers"],
    params: allianceParams,
    query: z.object({ recordId: z.uuid() }),
    response: z.object({ items: z.array(linkingRecordSchema) }),
    handler: async ({ params, query, request }) => {
      const viewer = await viewerOf(request, params.id);
      return { items: (await listRecordsLinkingTo(ctx.db, params.id, viewer, query.recordId)).map(presentLinkingRecord) };
    },
  });
}
