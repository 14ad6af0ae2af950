import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError, can, type AllianceViewer } from "@trellis/core";
import { layOutStory, renderStoryMarkdown, storyDynamics, type StoryEntry } from "@trellis/core/story";
import { listStoryEventRows, loadAllianceNames, type Db } from "@trellis/db";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute } from "../http/route";
import { renderStoryPdf } from "../presenters/story-pdf.presenter";
import { describeStoryFilters, presentStoryEntry, storyEntrySchema, storySkippedSuffixes, storySkippedTypes, tellStory, type StoryFilters } from "../presenters/story.presenter";
import { loadViewer } from "../use-cases/load-viewer";

const allianceParams = z.object({ id: z.uuid() });
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD")
  .transform((value) => new Date(`${value}T00:00:00Z`))
  .refine((value) => !Number.isNaN(value.getTime()), "not a date");
const listParam = <T extends z.ZodType<unknown, string>>(value: T) =>
  z
    .string()
    .max(2000)
    .transform((raw) => raw.split(",").filter((part) => part.length > 0))
    .pipe(z.array(value).min(1).max(50));
const storyQuery = z.object({
  seatIds: listParam(z.uuid()).optional().meta({ description: "Comma-separated seat ids: entries involving any of them." }),
  dynamics: listParam(z.enum(storyDynamics)).optional().meta({ description: "Comma-separated dynamics (rhythm, language, presence, authorship, trust, candor, other)." }),
  from: day.optional().meta({ description: "First day of the period (YYYY-MM-DD, inclusive)." }),
  to: day.optional().meta({ description: "Last day of the period (YYYY-MM-DD, inclusive)." }),
});

/** The period's end is the day after `to` (the story filter's end is exclusive). */
function toFilters(query: z.infer<typeof storyQuery>): StoryFilters {
  if (query.from && query.to && query.from.getTime() > query.to.getTime()) {
    throw new AppError("validation_failed", "The period ends before it starts.", { issues: [{ path: "to", message: "before from" }] });
  }
  return { seatIds: query.seatIds, dynamics: query.dynamics, from: query.from, to: query.to ? new Date(query.to.getTime() + 86_400_000) : undefined };
}

/**
 * The alliance's story as the viewer may see it (core buildStory over the events their visibility
 * lets through; anonymous authors are never named), filtered.
 */
export async function tellAllianceStory(db: Db, viewer: AllianceViewer, allianceId: string, filters: StoryFilters): Promise<{ entries: StoryEntry[]; title: string; subtitle: string | null }> {
  if (!can(viewer, "event.view")) throw new AppError("forbidden", "Your role does not see the alliance's history.");
  const [rows, names, alliance] = await Promise.all([
    listStoryEventRows(db, allianceId, viewer, { from: filters.from, to: filters.to, skipTypes: storySkippedTypes, skipSuffixes: storySkippedSuffixes }),
    loadAllianceNames(db, allianceId),
    db.selectFrom("alliances").select("name").where("id", "=", allianceId).executeTakeFirstOrThrow(),
  ]);
  const entries = tellStory(rows, names, filters);
  return { entries, title: `The story of ${alliance.name}`, subtitle: describeStoryFilters(filters, names.seats) };
}

function fileName(title: string, extension: string): string {
  return `${title.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "story"}.${extension}`;
}

/** The alliance's story: a timeline narrative of its events, as JSON, Markdown or PDF. */
export function registerStoryRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const viewerOf = (request: FastifyRequest, allianceId: string) => loadViewer(ctx.db, allianceId, request.person!);

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/story",
    summary: "The alliance's story: one plain sentence per event I may see, oldest first, filterable by seat, dynamic and period",
    tags: ["story"],
    params: allianceParams,
    query: storyQuery,
    response: z.object({ title: z.string(), subtitle: z.string().nullable(), count: z.number().int(), entries: z.array(storyEntrySchema) }),
    handler: async ({ params, query, request }) => {
      const story = await tellAllianceStory(ctx.db, await viewerOf(request, params.id), params.id, toFilters(query));
      return { title: story.title, subtitle: story.subtitle, count: story.entries.length, entries: story.entries.map((entry) => presentStoryEntry(entry)) };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/story/markdown",
    summary: "The alliance's story as Markdown (same filters), grouped by month",
    tags: ["story"],
    params: allianceParams,
    query: storyQuery,
    produces: "text/markdown",
    handler: async ({ params, query, request, reply }) => {
      const story = await tellAllianceStory(ctx.db, await viewerOf(request, params.id), params.id, toFilters(query));
      const markdown = renderStoryMarkdown(story.entries, { title: story.title, subtitle: story.subtitle });
      return reply
        .header("content-type", "text/markdown; charset=utf-8")
        .header("content-disposition", `attachment; filename="${fileName(story.title, "md")}"`)
        .send(markdown);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/story/pdf",
    summary: "The alliance's story as a PDF (same filters), grouped by month",
    tags: ["story"],
    params: allianceParams,
    query: storyQuery,
    produces: "application/pdf",
    handler: async ({ params, query, request, reply }) => {
      const story = await tellAllianceStory(ctx.db, await viewerOf(request, params.id), params.id, toFilters(query));
      const pdf = await renderStoryPdf(layOutStory(story.entries, { title: story.title, subtitle: story.subtitle }), { createdAt: ctx.clock() });
      return reply.header("content-type", "application/pdf").header("content-disposition", `attachment; filename="${fileName(story.title, "pdf")}"`).send(pdf);
    },
  });
}
