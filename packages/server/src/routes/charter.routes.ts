import type { FastifyInstance } from "fastify";
import { AppError } from "@trellis/core";
import { amendmentKinds, amendmentStates, sectionKinds } from "@trellis/core/charter";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute, idParams, pageQuery } from "../http/route";
import {
  amendmentSchema,
  amendmentSummarySchema,
  charterDiffSchema,
  charterSchema,
  charterVersionListSchema,
  commentSchema,
  renewalSchema,
} from "../presenters/charter.presenter";
import { answerAmendment } from "../use-cases/charter/answer-amendment";
import { answerRenewal } from "../use-cases/charter/answer-renewal";
import { commentOnAmendment } from "../use-cases/charter/comment-on-amendment";
import { createCharter } from "../use-cases/charter/create-charter";
import { openRenewalRound } from "../use-cases/charter/open-renewal-round";
import { proposeAmendment } from "../use-cases/charter/propose-amendment";
import { rebaseAmendment } from "../use-cases/charter/rebase-amendment";
import { rejectAmendment } from "../use-cases/charter/reject-amendment";
import { getAmendmentView, listAmendmentCommentPage, listAmendmentPage } from "../use-cases/charter/show-amendment";
import { getCharterDiff, getCharterVersions, getCharterView } from "../use-cases/charter/show-charter";
import { getRenewalView } from "../use-cases/charter/show-renewal";
import { withdrawAmendment } from "../use-cases/charter/withdraw-amendment";
import { loadViewer } from "../use-cases/load-viewer";

const amendmentParams = z.object({ id: z.uuid(), amendmentId: z.uuid() });
const fraction = z.object({ numerator: z.number().int().min(1).max(1000), denominator: z.number().int().min(1).max(1000) });
const amendmentRule = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("unanimous") }),
  z.object({ kind: z.literal("qualified_majority"), threshold: fraction }),
  z.object({ kind: z.literal("weighted"), threshold: fraction }),
]);
const setting = z.discriminatedUnion("key", [
  z.object({ key: z.literal("amendment_rule"), rule: amendmentRule }),
  z.object({ key: z.literal("renewal_period"), months: z.number().int().min(1).max(120) }),
  z.object({ key: z.literal("decision_quorum"), fraction }),
]);
const clauseText = z.string().trim().min(1).max(4000);
const reason = z.string().trim().max(2000);
const versionNumber = z.coerce.number().int().min(0).max(100_000);

/** Cursors over (time, id) pairs: base64url JSON, checked before they reach SQL. */
export function encodeTimeCursor(key: [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** Reads a (time, id) cursor; validation_failed when it is not one. */
export function decodeTimeCursor(cursor: string | undefined): [string, string] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      typeof value[1] === "string" &&
      z.iso.datetime({ offset: true }).safeParse(value[0]).success &&
      z.uuid().safeParse(value[1]).success
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  throw new AppError("validation_failed", "The cursor is not valid.", { issues: [{ path: "cursor", message: "malformed" }] });
}

/** The charter: versions and diffs, amendments with their ratification and discussion, renewal. */
export function registerCharterRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const viewerOf = (allianceId: string, person: Parameters<typeof loadViewer>[2]) => loadViewer(ctx.db, allianceId, person);

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/charter",
    summary: "The charter in force (or ?version=N): clauses by section with who wrote and amended each, authorship balance, rules and renewal status",
    tags: ["charter"],
    params: idParams,
    query: z.object({ version: versionNumber.optional() }),
    response: charterSchema,
    handler: async ({ params, query, request }) => getCharterView(ctx, await viewerOf(params.id, request.person!), params.id, { version: query.version }),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/charter",
    summary: "Start the charter (facilitators): empty, or a first draft whose clauses name the seat that wrote them",
    tags: ["charter"],
    params: idParams,
    successStatus: 201,
    body: z.object({
      clauses: z
        .array(
          z.object({
            section: z.enum(sectionKinds),
            seatId: z.uuid().nullable().optional(),
            scopeSide: z.enum(["in", "out"]).nullable().optional(),
            text: clauseText,
            setting: setting.nullable().optional(),
            writtenBy: z.object({ personId: z.uuid(), seatId: z.uuid() }).nullable().optional(),
          }),
        )
        .max(200)
        .default([]),
    }),
    response: charterSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await createCharter(ctx, viewer, params.id, body);
      return getCharterView(ctx, viewer, params.id);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/charter/versions",
    summary: "The charter's versions, newest first, each with the amendment that produced it",
    tags: ["charter"],
    params: idParams,
    response: charterVersionListSchema,
    handler: async ({ params, request }) => getCharterVersions(ctx, await viewerOf(params.id, request.person!), params.id),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/charter/diff",
    summary: "A word-level diff between any two versions (from, to; to defaults to the version in force): per clause added, removed, changed or unchanged, with the parts",
    tags: ["charter"],
    params: idParams,
    query: z.object({ from: versionNumber, to: versionNumber.optional() }),
    response: charterDiffSchema,
    handler: async ({ params, query, request }) => getCharterDiff(ctx, await viewerOf(params.id, request.person!), params.id, query),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/charter/renewal",
    summary: "Renewal: renewed on, next due, overdue by N days, the open round seat by seat, past rounds",
    tags: ["charter"],
    params: idParams,
    response: renewalSchema,
    handler: async ({ params, request }) => getRenewalView(ctx, await viewerOf(params.id, request.person!), params.id),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/charter/renewal/rounds",
    summary: "Open a renewal round by hand (facilitators; the renewal job opens one when the period comes due): every seat is asked",
    tags: ["charter"],
    params: idParams,
    successStatus: 201,
    response: renewalSchema,
    handler: async ({ params, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await openRenewalRound(ctx, viewer, params.id);
      return getRenewalView(ctx, viewer, params.id);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/charter/renewal/answers",
    summary: "Reaffirm the purpose or raise a concern (with a reason) for your seat in the open round; renewed when every seat reaffirms",
    tags: ["charter"],
    params: idParams,
    body: z.object({ answer: z.enum(["reaffirm", "concern"]), reason: reason.nullable().optional(), seatId: z.uuid().nullable().optional() }),
    response: renewalSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await answerRenewal(ctx, viewer, params.id, body);
      return getRenewalView(ctx, viewer, params.id);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/amendments",
    summary: "Amendments, newest first (state: comma-separated states; clauseId; q searches title, rationale and text)",
    tags: ["charter"],
    params: idParams,
    query: pageQuery.extend({
      state: z
        .string()
        .max(100)
        .transform((s) => s.split(",").filter(Boolean))
        .pipe(z.array(z.enum(amendmentStates)).max(5))
        .optional(),
      clauseId: z.string().min(1).max(100).optional(),
      q: z.string().max(200).optional(),
    }),
    response: z.object({ items: z.array(amendmentSummarySchema), nextCursor: z.string().nullable() }),
    handler: async ({ params, query, request }) => {
      const page = await listAmendmentPage(ctx, await viewerOf(params.id, request.person!), params.id, {
        states: query.state,
        clauseId: query.clauseId,
        q: query.q,
        after: decodeTimeCursor(query.cursor),
        limit: query.limit,
      });
      return { items: page.items, nextCursor: page.nextCursor ? encodeTimeCursor(page.nextCursor) : null };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/amendments",
    summary: "Propose an amendment for your seat: add (placement + text), change (clauseId + text) or remove (clauseId) a clause, with a rationale",
    tags: ["charter"],
    params: idParams,
    successStatus: 201,
    body: z.object({
      seatId: z.uuid().nullable().optional(),
      title: z.string().trim().max(200).optional(),
      kind: z.enum(amendmentKinds),
      clauseId: z.string().min(1).max(100).optional(),
      placement: z.object({ section: z.enum(sectionKinds), seatId: z.uuid().nullable().optional(), scopeSide: z.enum(["in", "out"]).nullable().optional() }).optional(),
      proposedText: clauseText.nullable().optional(),
      proposedSetting: setting.nullable().optional(),
      rationale: z.string().trim().min(1).max(4000),
    }),
    response: amendmentSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      const { id } = await proposeAmendment(ctx, viewer, params.id, body);
      return getAmendmentView(ctx, viewer, params.id, id);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/amendments/:amendmentId",
    summary: "An amendment: proposed words as a diff against the clause, staleness and a suggested rebase, the ratification seat by seat under the charter's rule",
    tags: ["charter"],
    params: amendmentParams,
    response: amendmentSchema,
    handler: async ({ params, request }) => getAmendmentView(ctx, await viewerOf(params.id, request.person!), params.id, params.amendmentId),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/amendments/:amendmentId/answers",
    summary: "Consent or object (with a reason) to the amendment's current draft for your seat; ratifies it when the charter's rule is met",
    tags: ["charter"],
    params: amendmentParams,
    body: z.object({ draft: z.number().int().min(1).max(10_000), answer: z.enum(["consent", "object"]), reason: reason.nullable().optional(), seatId: z.uuid().nullable().optional() }),
    response: amendmentSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await answerAmendment(ctx, viewer, params.id, params.amendmentId, body);
      return getAmendmentView(ctx, viewer, params.id, params.amendmentId);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/amendments/:amendmentId/rebase",
    summary: "Revise an open amendment or rebase a stale one onto the clause as it is now (proposer; versioned): a new draft every seat answers again",
    tags: ["charter"],
    params: amendmentParams,
    body: z.object({
      version: z.number().int().min(1),
      proposedText: clauseText.nullable(),
      proposedSetting: setting.nullable().optional(),
      rationale: z.string().trim().min(1).max(4000).optional(),
      title: z.string().trim().max(200).optional(),
    }),
    response: amendmentSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await rebaseAmendment(ctx, viewer, params.id, params.amendmentId, body);
      return getAmendmentView(ctx, viewer, params.id, params.amendmentId);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/amendments/:amendmentId/withdraw",
    summary: "Withdraw an open or stale amendment (proposer; versioned)",
    tags: ["charter"],
    params: amendmentParams,
    body: z.object({ version: z.number().int().min(1) }),
    response: amendmentSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await withdrawAmendment(ctx, viewer, params.id, params.amendmentId, body);
      return getAmendmentView(ctx, viewer, params.id, params.amendmentId);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/amendments/:amendmentId/reject",
    summary: "Close an amendment the objecting seats make unreachable as rejected (proposer or facilitator; versioned)",
    tags: ["charter"],
    params: amendmentParams,
    body: z.object({ version: z.number().int().min(1) }),
    response: amendmentSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await rejectAmendment(ctx, viewer, params.id, params.amendmentId, body);
      return getAmendmentView(ctx, viewer, params.id, params.amendmentId);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/amendments/:amendmentId/comments",
    summary: "The amendment's discussion thread, oldest first",
    tags: ["charter"],
    params: amendmentParams,
    query: pageQuery,
    response: z.object({ items: z.array(commentSchema), nextCursor: z.string().nullable() }),
    handler: async ({ params, query, request }) => {
      const page = await listAmendmentCommentPage(ctx, await viewerOf(params.id, request.person!), params.id, params.amendmentId, { after: decodeTimeCursor(query.cursor), limit: query.limit });
      return { items: page.items, nextCursor: page.nextCursor ? encodeTimeCursor(page.nextCursor) : null };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/amendments/:amendmentId/comments",
    summary: "Add to the amendment's discussion thread",
    tags: ["charter"],
    params: amendmentParams,
    successStatus: 201,
    body: z.object({ body: z.string().trim().min(1).max(4000) }),
    response: commentSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      return commentOnAmendment(ctx, viewer, params.id, params.amendmentId, body);
    },
  });
}
