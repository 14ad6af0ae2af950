import type { FastifyInstance } from "fastify";
import { AppError, can, type AllianceViewer } from "@trellis/core";
import { explainDynamic, explainSignal, healthDynamics, pathologies, signalDefinitions, type HealthAlert } from "@trellis/core/health";
import type { Db } from "@trellis/db";
import { sql } from "kysely";
import { z } from "zod";
import type { ServerContext } from "../context";
import { healthServiceFor, loadSeatNameMap, weeklyHistory, type HealthSnapshotSummary } from "../health/health-service";
import { defineRoute } from "../http/route";
import {
  activitySchema,
  explanationSchema,
  healthSchema,
  historySchema,
  presentEvidence,
  presentExplainedSignals,
  presentHealth,
  trendSchema,
  type PresentedAlert,
} from "../presenters/health.presenter";
import type { EventHub } from "../realtime/event-hub";
import { loadViewer } from "../use-cases/load-viewer";

const allianceParams = z.object({ id: z.uuid() });

/** The viewer, who must be allowed to read the alliance's health (everyone with a role is). */
async function loadHealthViewer(db: Db, allianceId: string, person: Parameters<typeof loadViewer>[2]): Promise<AllianceViewer> {
  const viewer = await loadViewer(db, allianceId, person);
  if (!can(viewer, "health.view")) throw new AppError("forbidden", "Your role does not see this alliance's health.");
  return viewer;
}
const signalIds = new Set(signalDefinitions.map((s) => s.id));
const RESOLVED_SHOWN_DAYS = 180;

/** Stored alerts of an alliance for a viewer: active ones, then those resolved in the last 180 days. */
async function loadPresentedAlerts(db: Db, allianceId: string, viewer: AllianceViewer, seatNames: Map<string, string>, now: Date): Promise<PresentedAlert[]> {
  const since = new Date(now.getTime() - RESOLVED_SHOWN_DAYS * 86_400_000);
  const rows = await db
    .selectFrom("health_alerts")
    .selectAll()
    .where("alliance_id", "=", allianceId)
    .where((eb) => eb.or([eb("status", "=", "active"), eb("resolved_at", ">=", since)]))
    .orderBy(sql`case when status = 'active' then 0 else 1 end`)
    .orderBy("raised_at", "desc")
    .orderBy("id")
    .execute();
  const facilitator = can(viewer, "health.evidence");
  const out: PresentedAlert[] = [];
  for (const row of rows) {
    const evidence = row.evidence as HealthAlert["evidence"];
    out.push({
      id: row.id,
      key: row.alert_key,
      pathology: row.pathology as PresentedAlert["pathology"],
      title: row.title,
      seatId: row.seat_id,
      seatName: row.seat_id ? (seatNames.get(row.seat_id) ?? null) : null,
      status: row.status as PresentedAlert["status"],
      onset: row.raised_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      resolvedAt: row.resolved_at?.toISOString() ?? null,
      score: row.score,
      peakScore: row.peak_score,
      description: row.description,
      suggestedMove: facilitator ? row.suggested_move : null,
      evidence: facilitator ? { signals: evidence.signals, records: await presentEvidence(db, allianceId, viewer, evidence.records) } : null,
    });
  }
  return out;
}

async function pulseMinGroupSize(db: Db, allianceId: string): Promise<number> {
  const row = await db.selectFrom("pulse_settings").select("min_group_size").where("alliance_id", "=", allianceId).executeTakeFirst();
  return row?.min_group_size ?? 5;
}

const portfolioSorts = ["index", "name", "alerts", "trend", "renewal", "updated"] as const;
const portfolioItemSchema = z.object({
  allianceId: z.string(),
  name: z.string(),
  slug: z.string(),
  stage: z.string(),
  index: z.number().nullable(),
  /** Null when the alliance was never computed, or its snapshot predates the activity (the next refresh adds it). */
  activity: activitySchema.nullable(),
  trend: trendSchema,
  series: z.array(z.object({ weekEnd: z.string(), index: z.number().nullable() })),
  dynamics: z.record(z.string(), z.number().nullable()),
  openAlerts: z.array(z.object({ id: z.string(), pathology: z.string(), title: z.string(), seatId: z.string().nullable(), seatName: z.string().nullable(), onset: z.string() })),
  stalledLoops: z.number(),
  silentSeats: z.array(z.object({ seatId: z.string(), seatName: z.string() })),
  unresolvedObjections: z.number(),
  openTensions: z.number(),
  renewal: z.object({ dueOn: z.string().nullable(), overdue: z.boolean() }),
  computedAt: z.string().nullable(),
  stale: z.boolean(),
});

function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new AppError("validation_failed", "The cursor is not valid.", { issues: [{ path: "cursor", message: "malformed" }] });
  return Number(match[1]);
}

const encodeOffset = (offset: number) => Buffer.from(`o${offset}`).toString("base64url");

/**
 * Health (reference/health-signals.md, docs/briefs/health-api.md): the Collaboration Capacity
 * Index of an alliance with its alerts, the explanation of any number, the weekly history, and
 * the facilitator's portfolio.
 */
export function registerHealthRoutes(app: FastifyInstance, ctx: ServerContext, _hub: EventHub): void {
  const service = healthServiceFor(ctx);

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/health",
    summary: "The alliance's health now: index, trend, sub-indices with signals, per-seat scores, perception gap and alerts (evidence for facilitators)",
    tags: ["health"],
    params: allianceParams,
    response: healthSchema,
    handler: async ({ params, request }) => {
      const viewer = await loadHealthViewer(ctx.db, params.id, request.person!);
      const now = ctx.clock();
      const { entry, report } = await service.refresh(params.id, now);
      const seatNames = await loadSeatNameMap(ctx.db, params.id);
      return presentHealth({
        allianceId: params.id,
        viewer,
        report,
        state: entry.state,
        lastSeq: entry.lastSeq,
        seatNames,
        alerts: await loadPresentedAlerts(ctx.db, params.id, viewer, seatNames, now),
        pulseMinGroupSize: await pulseMinGroupSize(ctx.db, params.id),
      });
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/health/explain",
    summary: "Why a sub-index or a signal has its value: the signals, their weights and contributions, and the records behind them",
    tags: ["health"],
    params: allianceParams,
    query: z.object({
      dynamic: z.enum(healthDynamics).optional(),
      signal: z.string().max(100).optional(),
      seatId: z.uuid().optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    response: explanationSchema,
    handler: async ({ params, query, request }) => {
      const viewer = await loadHealthViewer(ctx.db, params.id, request.person!);
      if ((query.dynamic === undefined) === (query.signal === undefined)) {
        throw new AppError("validation_failed", "Ask about exactly one of dynamic or signal.", { issues: [{ path: "dynamic", message: "give dynamic or signal, not both" }] });
      }
      if (query.signal !== undefined && !signalIds.has(query.signal)) throw new AppError("not_found", "No such health signal.", { signal: query.signal });
      const seatId = query.seatId ?? null;
      if (seatId !== null) {
        const seatNames = await loadSeatNameMap(ctx.db, params.id);
        if (!seatNames.has(seatId)) throw new AppError("not_found", "No such seat in this alliance.");
        if (!can(viewer, "health.evidence") && !viewer.seatIds.includes(seatId)) throw new AppError("forbidden", "Only facilitators see the signals of a seat you do not act for.");
      }
      const now = ctx.clock();
      const { entry } = await service.refresh(params.id, now, { store: false });
      if (seatId !== null && !entry.state.seatIndex.has(seatId)) throw new AppError("not_found", "This seat has no health record yet.");
      const at = now.getTime();
      if (query.signal !== undefined) {
        const explained = explainSignal(entry.state, at, query.signal, seatId, query.limit);
        const def = signalDefinitions.find((s) => s.id === query.signal);
        const dynamic = explained.signal.dynamic;
        const whole = explainDynamic(entry.state, at, dynamic, seatId, 0);
        return {
          allianceId: params.id,
          asOf: new Date(at).toISOString(),
          dynamic,
          seatId,
          value: whole.value,
          formula: def?.formula ?? explained.signal.formula,
          signals: await presentExplainedSignals(ctx.db, params.id, viewer, [{ ...explained, contribution: whole.signals.find((s) => s.signal.id === query.signal)?.contribution ?? null }]),
        };
      }
      const explained = explainDynamic(entry.state, at, query.dynamic!, seatId, query.limit);
      return {
        allianceId: params.id,
        asOf: new Date(at).toISOString(),
        dynamic: explained.dynamic,
        seatId,
        value: explained.value,
        formula: explained.formula,
        signals: await presentExplainedSignals(ctx.db, params.id, viewer, explained.signals),
      };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/health/history",
    summary: "The index and sub-indices at the end of each week (oldest first), for trends",
    tags: ["health"],
    params: allianceParams,
    query: z.object({ weeks: z.coerce.number().int().min(1).max(104).default(26), seatId: z.uuid().optional() }),
    response: historySchema,
    handler: async ({ params, query, request }) => {
      await loadHealthViewer(ctx.db, params.id, request.person!);
      const seatId = query.seatId ?? null;
      if (seatId !== null && !(await loadSeatNameMap(ctx.db, params.id)).has(seatId)) throw new AppError("not_found", "No such seat in this alliance.");
      const now = ctx.clock();
      const { entry } = await service.refresh(params.id, now, { store: false });
      return { allianceId: params.id, seatId, weeks: weeklyHistory(entry.state, now.getTime(), query.weeks, seatId) };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/health/portfolio",
    summary: "Every alliance I facilitate: index and weekly series, open alerts, stalled loops, silent seats, objections, tensions and renewals (sortable, filterable)",
    tags: ["health"],
    query: z.object({
      sort: z.enum(portfolioSorts).default("index"),
      order: z.enum(["asc", "desc"]).optional(),
      q: z.string().trim().max(200).optional(),
      hasAlerts: z.enum(["true", "false"]).optional(),
      pathology: z.enum(pathologies).optional(),
      stage: z.string().trim().min(1).max(40).optional(),
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: z.object({ items: z.array(portfolioItemSchema), nextCursor: z.string().nullable(), total: z.number() }),
    handler: async ({ query, request }) => {
      const person = request.person!;
      const offset = decodeOffset(query.cursor);
      const order = query.order ?? (query.sort === "alerts" || query.sort === "updated" ? "desc" : "asc");
      const direction = order === "asc" ? sql`asc` : sql`desc`;
      // By index, alliances whose index rests on too little activity come after the scored ones
      // (either order), and those never computed last.
      const sortRank = query.sort === "index" ? sql`case when hs.health_index is null then 2 when hs.summary->'activity'->>'enough' = 'false' then 1 else 0 end, ` : sql``;
      const sortKey = {
        index: sql`hs.health_index`,
        name: sql`lower(a.name)`,
        alerts: sql`coalesce(hs.open_alert_count, 0)`,
        trend: sql`hs.trend_delta`,
        renewal: sql`hs.summary->'renewal'->>'dueOn'`,
        updated: sql`hs.computed_at`,
      }[query.sort];
      const filters = [
        sql`exists (select 1 from memberships m where m.alliance_id = a.id and m.person_id = ${person.id} and m.role = 'facilitator')`,
        ...(query.q ? [sql`a.name ilike ${`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`] : []),
        ...(query.hasAlerts === "true" ? [sql`coalesce(hs.open_alert_count, 0) > 0`] : query.hasAlerts === "false" ? [sql`coalesce(hs.open_alert_count, 0) = 0`] : []),
        ...(query.pathology ? [sql`${query.pathology} = any(hs.open_pathologies)`] : []),
        ...(query.stage ? [sql`a.stage = ${query.stage}`] : []),
      ];
      const rows = await sql<{
        id: string;
        name: string;
        slug: string;
        stage: string;
        health_index: number | null;
        summary: HealthSnapshotSummary | null;
        computed_at: Date | null;
        last_seq: number | null;
        head_seq: number | null;
        total: number;
      }>`select a.id, a.name, a.slug, a.stage, hs.health_index, hs.summary, hs.computed_at, hs.last_seq,
          (select ch.seq from chain_heads ch where ch.alliance_id = a.id) as head_seq, count(*) over () as total
        from alliances a left join health_snapshots hs on hs.alliance_id = a.id
        where ${sql.join(filters, sql` and `)}
        order by ${sortRank}${sortKey} ${direction} nulls last, a.id
        limit ${query.limit + 1} offset ${offset}`.execute(ctx.db);
      const page = rows.rows.slice(0, query.limit);
      const seatIds = [...new Set(page.flatMap((r) => [...(r.summary?.silentSeatIds ?? []), ...(r.summary?.openAlerts ?? []).flatMap((a) => (a.seatId ? [a.seatId] : []))]))];
      const seatNames = new Map<string, string>();
      if (seatIds.length) {
        const named = await ctx.db.selectFrom("seats as s").innerJoin("organizations as o", "o.id", "s.organization_id").select(["s.id", "o.name"]).where("s.id", "in", seatIds).execute();
        for (const s of named) seatNames.set(s.id, s.name);
      }
      const emptyTrend = { previous: null, delta: null, direction: "unknown" as const };
      return {
        items: page.map((r) => {
          const s = r.summary;
          return {
            allianceId: r.id,
            name: r.name,
            slug: r.slug,
            stage: r.stage,
            index: r.health_index,
            activity: s?.activity ?? null,
            trend: s ? (s.trend as z.infer<typeof trendSchema>) : emptyTrend,
            series: s?.series ?? [],
            dynamics: s?.dynamics ?? Object.fromEntries(healthDynamics.map((d) => [d, null])),
            openAlerts: (s?.openAlerts ?? []).map((a) => ({ ...a, seatName: a.seatId ? (seatNames.get(a.seatId) ?? null) : null })),
            stalledLoops: s?.stalledLoops ?? 0,
            silentSeats: (s?.silentSeatIds ?? []).map((id) => ({ seatId: id, seatName: seatNames.get(id) ?? "A seat" })),
            unresolvedObjections: s?.unresolvedObjections ?? 0,
            openTensions: s?.openTensions ?? 0,
            renewal: s?.renewal ?? { dueOn: null, overdue: false },
            computedAt: r.computed_at ? new Date(r.computed_at).toISOString() : null,
            stale: r.last_seq === null || Number(r.head_seq ?? 0) > Number(r.last_seq),
          };
        }),
        nextCursor: rows.rows.length > query.limit ? encodeOffset(offset + query.limit) : null,
        total: Number(rows.rows[0]?.total ?? 0),
      };
    },
  });
}

