import type { FastifyInstance } from "fastify";
import { decisionMethodKinds, outcomeResults } from "@trellis/core/decisions";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute, idParams, pageQuery } from "../http/route";
import { decisionLogEntrySchema } from "../presenters/decision-log.presenter";
import { proposalSchema, proposalSummarySchema } from "../presenters/decision.presenter";
import { closeProposal } from "../use-cases/decisions/close-proposal";
import { createProposal } from "../use-cases/decisions/create-proposal";
import { recordAdviceDecision } from "../use-cases/decisions/record-advice-decision";
import { recordOutcome } from "../use-cases/decisions/record-outcome";
import { respondToObjection } from "../use-cases/decisions/respond-to-objection";
import { exportDecisionLog, getDecisionLogPage } from "../use-cases/decisions/show-decision-log";
import { getProposalView, listProposalPage } from "../use-cases/decisions/show-proposal";
import { takePosition } from "../use-cases/decisions/take-position";
import { updateProposal } from "../use-cases/decisions/update-proposal";
import { loadViewer } from "../use-cases/load-viewer";
import { decodeTimeCursor, encodeTimeCursor } from "./charter.routes";

const proposalParams = z.object({ id: z.uuid(), proposalId: z.uuid() });
const objectionParams = z.object({ id: z.uuid(), proposalId: z.uuid(), positionId: z.uuid() });
const instant = z.iso.datetime({ offset: true });
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a calendar date YYYY-MM-DD");
const optionId = z.string().min(1).max(20);
const fraction = z.object({ numerator: z.number().int().min(1).max(1000), denominator: z.number().int().min(1).max(1000) });

const methodInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("consent") }),
  z.object({ kind: z.literal("consensus") }),
  z.object({ kind: z.literal("majority") }),
  z.object({ kind: z.literal("weighted") }),
  z.object({ kind: z.literal("advice"), deciderId: z.uuid().optional() }),
  z.object({ kind: z.literal("score"), min: z.number().int().min(-100).max(100), max: z.number().int().min(-100).max(100) }),
  z.object({ kind: z.literal("ranked_choice"), count: z.enum(["instant_runoff", "borda"]).default("instant_runoff") }),
  z.object({ kind: z.literal("dot_vote"), dotsPerPerson: z.number().int().min(1).max(100), maxPerOption: z.number().int().min(1).max(100).nullable().default(null) }),
  z.object({ kind: z.literal("meeting_time") }),
]);
const quorumInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("seats"), count: z.number().int().min(1).max(1000) }),
  z.object({ kind: z.literal("fraction"), fraction }),
]);
const positionValueInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("stance"), stance: z.enum(["agree", "abstain", "disagree", "block", "object"]) }),
  z.object({ kind: z.literal("scores"), scores: z.record(optionId, z.number().int().min(-100).max(100)) }),
  z.object({ kind: z.literal("ranking"), ranking: z.array(optionId).max(50) }),
  z.object({ kind: z.literal("dots"), dots: z.record(optionId, z.number().int().min(0).max(100)) }),
  z.object({ kind: z.literal("availability"), slotIds: z.array(optionId).max(50) }),
]);
const logFilter = z.object({
  q: z.string().max(200).optional(),
  method: z.enum(decisionMethodKinds).optional(),
  result: z.enum(outcomeResults).optional(),
  reviewDueOn: calendarDate.optional(),
});

/** Decisions: proposals with a method, positions per person for a seat, tallies per seat, outcomes and the decision log. */
export function registerDecisionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const viewerOf = (allianceId: string, person: Parameters<typeof loadViewer>[2]) => loadViewer(ctx.db, allianceId, person);

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/proposals",
    summary: "Proposals, newest first (state open|closed, method, q searches title and description)",
    tags: ["decisions"],
    params: idParams,
    query: pageQuery.extend({ state: z.enum(["open", "closed"]).optional(), method: z.enum(decisionMethodKinds).optional(), q: z.string().max(200).optional() }),
    response: z.object({ items: z.array(proposalSummarySchema), nextCursor: z.string().nullable() }),
    handler: async ({ params, query, request }) => {
      const page = await listProposalPage(ctx, await viewerOf(params.id, request.person!), params.id, {
        state: query.state,
        method: query.method,
        q: query.q,
        after: decodeTimeCursor(query.cursor),
        limit: query.limit,
      });
      return { items: page.items, nextCursor: page.nextCursor ? encodeTimeCursor(page.nextCursor) : null };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/proposals",
    summary:
      "Put a proposal to the alliance: method (consent, consensus, majority, weighted, advice, score, ranked_choice, dot_vote, meeting_time), options, closing time, hidden results, anonymous positions, quorum, seat rule",
    tags: ["decisions"],
    params: idParams,
    successStatus: 201,
    body: z.object({
      title: z.string().trim().min(1).max(200),
      body: z.string().max(10_000).optional(),
      method: methodInput,
      options: z.array(z.object({ label: z.string().trim().min(1).max(200), startsAt: instant.nullable().optional() })).max(50).optional(),
      closesAt: instant.nullable().optional(),
      hiddenUntilClose: z.boolean().optional(),
      anonymous: z.boolean().optional(),
      quorum: quorumInput.optional(),
      seatRule: z.enum(["majority", "unanimous", "proportional"]).optional(),
      seatId: z.uuid().nullable().optional(),
    }),
    response: proposalSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      const { id } = await createProposal(ctx, viewer, params.id, body);
      return getProposalView(ctx, viewer, params.id, id);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/proposals/:proposalId",
    summary: "A proposal: participation, my position, and (unless hidden until close) positions and the tally per person and per seat with the seats that did not take part",
    tags: ["decisions"],
    params: proposalParams,
    response: proposalSchema,
    handler: async ({ params, request }) => getProposalView(ctx, await viewerOf(params.id, request.person!), params.id, params.proposalId),
  });

  defineRoute(app, {
    method: "PATCH",
    url: "/api/v1/alliances/:id/proposals/:proposalId",
    summary: "Edit an open proposal's title, description or closing time (proposer; versioned)",
    tags: ["decisions"],
    params: proposalParams,
    body: z.object({ version: z.number().int().min(1), title: z.string().trim().min(1).max(200).optional(), body: z.string().max(10_000).optional(), closesAt: instant.nullable().optional() }),
    response: proposalSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await updateProposal(ctx, viewer, params.id, params.proposalId, body);
      return getProposalView(ctx, viewer, params.id, params.proposalId);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/proposals/:proposalId/positions",
    summary: "Take or change my position for my seat (a stance, scores, a ranking, dots or available slots; a reason where the method asks for one)",
    tags: ["decisions"],
    params: proposalParams,
    body: z.object({ value: positionValueInput, reason: z.string().trim().max(2000).nullable().optional(), seatId: z.uuid().nullable().optional() }),
    response: proposalSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await takePosition(ctx, viewer, params.id, params.proposalId, body);
      return getProposalView(ctx, viewer, params.id, params.proposalId);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/proposals/:proposalId/objections/:positionId/responses",
    summary: "Address or integrate a consent objection (proposer); integrating may revise the proposal's text (send its version)",
    tags: ["decisions"],
    params: objectionParams,
    body: z.object({ kind: z.enum(["addressed", "integrated"]), note: z.string().trim().min(1).max(4000), revisedBody: z.string().max(10_000).optional(), version: z.number().int().min(1).optional() }),
    response: proposalSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await respondToObjection(ctx, viewer, params.id, params.proposalId, params.positionId, body);
      return getProposalView(ctx, viewer, params.id, params.proposalId);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/proposals/:proposalId/advice-decision",
    summary: "Record the advice method's decision and the advice taken (the named decider, after advice from a quorum of seats); closes the proposal",
    tags: ["decisions"],
    params: proposalParams,
    body: z.object({ decision: z.enum(["adopt", "reject"]), note: z.string().trim().min(1).max(4000), adviceTaken: z.array(z.uuid()).max(500).default([]) }),
    response: proposalSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await recordAdviceDecision(ctx, viewer, params.id, params.proposalId, body);
      return getProposalView(ctx, viewer, params.id, params.proposalId);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/proposals/:proposalId/close",
    summary: "Close a proposal now and freeze its outcome (proposer or facilitator; the closing job closes it at its closing time)",
    tags: ["decisions"],
    params: proposalParams,
    body: z.object({ version: z.number().int().min(1).optional() }),
    response: proposalSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await closeProposal(ctx, viewer, params.id, params.proposalId, body);
      return getProposalView(ctx, viewer, params.id, params.proposalId);
    },
  });

  defineRoute(app, {
    method: "PUT",
    url: "/api/v1/alliances/:id/proposals/:proposalId/outcome",
    summary: "Record the outcome statement and its review date for the decision log (proposer or facilitator; send the version to revise one)",
    tags: ["decisions"],
    params: proposalParams,
    body: z.object({ statement: z.string().trim().min(1).max(4000), reviewOn: calendarDate, version: z.number().int().min(1).optional() }),
    response: proposalSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await recordOutcome(ctx, viewer, params.id, params.proposalId, body);
      return getProposalView(ctx, viewer, params.id, params.proposalId);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/decision-log",
    summary: "The decision log: closed proposals with results per seat, the seats that did not take part, outcome statements and review dates (q, method, result, reviewDueOn)",
    tags: ["decisions"],
    params: idParams,
    query: pageQuery.extend(logFilter.shape),
    response: z.object({ items: z.array(decisionLogEntrySchema), nextCursor: z.string().nullable() }),
    handler: async ({ params, query, request }) => {
      const page = await getDecisionLogPage(ctx, await viewerOf(params.id, request.person!), params.id, { ...query, after: decodeTimeCursor(query.cursor) });
      return { items: page.items, nextCursor: page.nextCursor ? encodeTimeCursor(page.nextCursor) : null };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/decision-log/export",
    summary: "Download the decision log as CSV or Markdown (same filters as the log); no person's position is ever in it",
    tags: ["decisions"],
    params: idParams,
    query: logFilter.extend({ format: z.enum(["csv", "markdown"]).default("csv") }),
    produces: "text/csv",
    handler: async ({ params, query, request, reply }) => {
      const file = await exportDecisionLog(ctx, await viewerOf(params.id, request.person!), params.id, query);
      reply.header("content-type", file.contentType).header("content-disposition", `attachment; filename="${file.filename}"`);
      return file.body;
    },
  });
}
